// Benchmark (not a test): the 2 GiB demo item fetched by two builds of `courier`, alternately, from one
// demo server in its own process; prints wall and CPU seconds (medians) of each and their ratio. Used
// to price a change to the fetch path, e.g. the read-back before commit (I3):
//   git worktree add /tmp/courier-base <commit> && (cd /tmp/courier-base && npm ci && npm run build)
//   BENCH_DIR=/tmp node scripts/bench/fetch-compare.js /tmp/courier-base
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = fileURLToPath(new URL('../..', import.meta.url));
const other = process.argv[2] ?? '';
if (!other) {
  console.error('usage: node scripts/bench/fetch-compare.js <other checkout, built>');
  process.exit(2);
}
const ID = '4.large-image@1.0.0';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECRET = 'demo-device-secret';

async function startServer() {
  const child = spawn(process.execPath, [join(here, 'bin', 'courier.js'), 'demo', '--port', '0', '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise((done) => createInterface({ input: child.stdout }).once('line', done));
  return { info: JSON.parse(/** @type {string} */ (line)), stop: () => child.kill('SIGTERM') };
}

/**
 * One `courier fetch` under /usr/bin/time: wall and CPU seconds, peak RSS.
 * @param {string} checkout
 * @param {{ apiUrl: string, storageUrl: string }} info
 * @param {string} dir
 */
async function fetchOnce(checkout, info, dir) {
  const out = await mkdtemp(join(dir, 'fetch-'));
  await run('sync');
  const args = ['-f', '%e %U %S %M', process.execPath, join(checkout, 'bin', 'courier.js'), 'fetch', ID];
  args.push('--json', '--out', out, '--server', info.apiUrl, '--device-secret-env', 'BENCH_SECRET');
  args.push('--storage-origin', info.storageUrl, '--allow-http');
  const { stderr } = await run('/usr/bin/time', args, {
    env: { ...process.env, BENCH_SECRET: SECRET },
    maxBuffer: 64 * 1024 * 1024,
  });
  await rm(out, { recursive: true, force: true });
  const [wall = 0, user = 0, sys = 0, rssKiB = 0] =
    stderr.trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
  return { wall, cpu: user + sys, rssMiB: rssKiB / 1024 };
}

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main() {
  const dir = await mkdtemp(join(process.env.BENCH_DIR ?? tmpdir(), 'courier-fetch-compare-'));
  const server = await startServer();
  /** @typedef {'this' | 'other'} Build */
  /** @type {Record<Build, string>} */
  const builds = { this: here, other: resolve(other) };
  /** @type {Record<Build, { wall: number, cpu: number, rssMiB: number }[]>} */
  const runs = { this: [], other: [] };
  /** @type {Build[][]} */
  const orders = [
    ['other', 'this'],
    ['this', 'other'],
  ];
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const name of orders[round % 2] ?? []) {
        const result = await fetchOnce(builds[name], server.info, dir);
        runs[name].push(result);
        console.log(
          `round ${round + 1} ${name.padEnd(5)} wall ${result.wall.toFixed(2)} s  cpu ${result.cpu.toFixed(2)} s  rss ${result.rssMiB.toFixed(0)} MiB`,
        );
      }
    }
  } finally {
    server.stop();
    await rm(dir, { recursive: true, force: true });
  }
  /** @param {Build} name */
  const summary = (name) => ({
    wall: median(runs[name].map((r) => r.wall)),
    cpu: median(runs[name].map((r) => r.cpu)),
  });
  const a = summary('this');
  const b = summary('other');
  console.log(
    `\nmedians of ${ROUNDS}: this ${a.wall.toFixed(2)} s wall, ${a.cpu.toFixed(2)} s cpu; other (${builds.other}) ${b.wall.toFixed(2)} s wall, ${b.cpu.toFixed(2)} s cpu`,
  );
  console.log(`this / other: wall ${(a.wall / b.wall).toFixed(3)}, cpu ${(a.cpu / b.cpu).toFixed(3)}`);
}

await main();
