// What `courier fetch` leaves on an 80-column terminal, replayed through a small terminal emulator:
// a fetch paused by Ctrl-C and resumed, with a resize in between. Every live line fits the width,
// the redraws leave no stale rows, the summary is printed once, and the rerun shows what the first
// run kept from its first frame on.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { EXIT } from '../../../electron/cli/exit-codes.js';
import { main } from '../../../electron/cli/courier-cli.js';
import { BUILTIN_IDS, startDemoServer, type DemoServer } from '../../../electron/demo-server/index.js';
import { captureTty, type TtyIo } from '../../support/cli-tty.js';
import { useTempDirs } from '../../support/temp-dir.js';

const tempDir = useTempDirs();
const ID = BUILTIN_IDS.fieldNav;
const TILES = 'field-nav-offline-tiles-2.3.1.zip';
const MiB = 1024 * 1024;
const SECRET_ENV = 'COURIER_TEST_SECRET';
// eslint-disable-next-line no-control-regex -- the frames are made of escape sequences
const ESCAPES = /\x1b\[[0-9;]*[A-Za-z]/g;

let server: DemoServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setUp() {
  server = await startDemoServer({ faults: true });
  const dir = await tempDir();
  const keyFile = join(dir, 'cosign.pub');
  await writeFile(keyFile, server.publicKeyPem);
  const args = [
    'fetch',
    ID,
    '--out',
    dir,
    '--server',
    server.apiUrl,
    '--device-secret-env',
    SECRET_ENV,
    '--storage-origin',
    server.storageUrl,
    '--allow-http',
    '--public-key',
    keyFile,
    // Small checkpoints, so what arrived before Ctrl-C is on disk for the rerun.
    '--checkpoint',
    '64K',
  ];
  return { args, env: { [SECRET_ENV]: server.credentials.deviceSecret } };
}

/** The lines of one write as drawn, without escape sequences. */
const drawnLines = (write: string) =>
  write.replace(ESCAPES, '').replaceAll('\r', '').split('\n').filter(Boolean);
/** A live frame: it starts by clearing the line it draws on. */
const isFrame = (write: string) => write.includes('\x1b[2K');
/** A frame showing the tiles archive at `amount`, and the two other files verified. */
const tilesAt = (amount: string) => (write: string) => {
  if (!isFrame(write)) return false;
  const lines = drawnLines(write);
  const others = lines.filter((line) => line.includes('.msi') || line.includes('.tar.gz'));
  return (
    lines.some((line) => line.includes('.zip') && line.includes(amount)) &&
    others.length === 2 &&
    others.every((line) => line.includes('verified'))
  );
};

/** The screen at the end, as lines a person copies from it, after checking its rows. */
function finalScreen(io: TtyIo, width: number): string[] {
  expect(io.screen.overshoots).toBe(0);
  for (const row of io.screen.lines()) expect(row.length).toBeLessThanOrEqual(width);
  const lines = io.screen.logicalLines();
  // No row of a live frame is left behind: no bars, no speeds, no "preparing".
  for (const line of lines) expect(line).not.toMatch(/\[[#.]{6,}\]|ETA |preparing on the server|\/s\b/);
  return lines;
}

describe('courier fetch on an 80-column terminal', () => {
  test('a Ctrl-C and a resumed run: fitting lines, clean redraws, one summary, kept bytes from the first frame', async () => {
    const { args, env } = await setUp();

    // First run: the tiles archive stops arriving at 2 MiB; Ctrl-C once that shows.
    server!.faults!.storage(TILES, { stallAfterBytes: 2 * MiB });
    const first = captureTty(80, env);
    const firstRun = main(args, first);
    await first.waitFor(tilesAt('2.0 MiB / 4.0 MiB'));
    first.stop();
    expect(await firstRun).toBe(EXIT.interrupted);

    for (const write of first.writes.filter(isFrame))
      for (const line of drawnLines(write)) expect(line.length).toBeLessThan(80);
    const firstScreen = finalScreen(first, 80);
    expect(firstScreen.filter((line) => line.startsWith(ID))).toEqual([
      `${ID}  paused   78%  7.5 MiB / 9.5 MiB kept`,
    ]);
    expect(firstScreen).toContain(
      'Paused with 7.5 MiB of 9.5 MiB kept. Run the same command again to resume from there.',
    );

    // The rerun: the archive stalls once more, at 3 MiB, until the stall timeout resumes it: time
    // enough to resize the window.
    server!.faults!.clear();
    server!.faults!.storage(TILES, { times: 1, stallAfterBytes: 1 * MiB });
    const again = captureTty(80, env);
    const rerun = main([...args, '--stall-timeout', '1'], again);
    const firstAmount = await again.waitFor((write) => isFrame(write) && write.includes('/ 9.5 MiB'));
    expect(drawnLines(firstAmount)[0]).toMatch(/^1\.field-nav@2\.3\.1 .* 7\.5 MiB \/ 9\.5 MiB/);

    await again.waitFor(tilesAt('3.0 MiB / 4.0 MiB'));
    const resizedAt = again.writes.length;
    again.resize(60);
    expect(await rerun).toBe(EXIT.ok);
    // No frame ever started from zero, and every frame after the resize fits the new width.
    for (const write of again.writes.filter(isFrame)) expect(write).not.toMatch(/ 0 B \/ 9\.5 MiB/);
    for (const write of again.writes.slice(resizedAt).filter(isFrame))
      for (const line of drawnLines(write)) expect(line.length).toBeLessThan(60);

    const lines = finalScreen(again, 60);
    expect(lines.filter((line) => line.includes('staged, verified'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes(TILES))).toHaveLength(1);
    expect(lines.find((line) => line.includes(TILES))).toMatch(/verified \(signature\)/);
  }, 120_000); // two real fetches, on a machine that may be busy
});
