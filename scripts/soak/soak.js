// Soak (not a test): 100 deliveries in a row through ONE engine, as a long desktop session runs them,
// while watching this process's RSS and open file descriptors. The demo server runs in its own
// process, so only the engine's memory is measured. Each delivery must end staged and verified, and
// its folder must pass verifyFolder. After a warm-up, RSS must stay within ±10 % and open descriptors
// must not grow; exits 1 otherwise. Runs against the build: `npm run soak [-- --deliveries N --json]`.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeDataFolder } from './data-folder.js';
import { RSS_TOLERANCE, sample, sampleTable, verdict } from './measure.js';

/** @typedef {typeof import('../../electron/engine/index.js')} EngineModule */
/** @typedef {import('../../electron/engine/index.js').Engine} Engine */
/** @typedef {import('./measure.js').Sample} Sample */
/** @typedef {{ apiUrl: string, storageUrl: string, deviceSecret: string, publicKeyPem: string }} ServerInfo */

const root = fileURLToPath(new URL('../..', import.meta.url));
// Imported by URL so that type-checking reads the sources above and does not need a build.
const { createEngine } = /** @type {EngineModule} */ (
  await import(new URL('../../dist/engine/index.js', import.meta.url).href)
);

/**
 * The engine's transport drops idle keep-alive sockets after 4 s (electron/engine/http/transport.ts):
 * waiting a little longer before each sample counts only descriptors something still holds.
 */
const IDLE_SOCKETS_GONE_MS = 5000;

const { values } = parseArgs({
  options: { deliveries: { type: 'string', default: '100' }, json: { type: 'boolean', default: false } },
});
const deliveries = Number(values.deliveries);
if (!Number.isInteger(deliveries) || deliveries < 1 || deliveries > 999) {
  process.stderr.write('soak: --deliveries takes 1 to 999\n');
  process.exit(2);
}
// A sample every tenth of the run; the first one, after the warm-up, is the baseline.
const every = Math.max(1, Math.round(deliveries / 10));
/** @param {string} line */
const say = (line) => {
  if (!values.json) process.stdout.write(`${line}\n`);
};

/**
 * `courier demo --data DIR` in its own process, on free ports; resolves with its JSON line.
 * @param {string} dataDir
 */
async function startServer(dataDir) {
  const child = spawn(
    process.execPath,
    [join(root, 'bin', 'courier.js'), 'demo', '--port', '0', '--data', dataDir, '--json'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: /** @type {import('node:stream').Readable} */ (child.stdout) }).once(
      'line',
      resolve,
    );
    child.once('exit', (code) => reject(new Error(`courier demo exited with code ${code} before serving`)));
  });
  const info = /** @type {ServerInfo} */ (JSON.parse(/** @type {string} */ (line)));
  return { info, pid: child.pid, stop: () => child.kill('SIGTERM') };
}

/**
 * One delivery, start to staged, then its folder re-checked offline. Throws naming the delivery.
 * @param {Engine} engine
 * @param {string} catalogId
 */
async function deliver(engine, catalogId) {
  const started = engine.start(catalogId);
  if (!started.ok) throw new Error(`${catalogId}: ${started.error.code} ${started.error.message}`);
  const settled = await engine.settled(started.value.jobId);
  if (!settled.ok) throw new Error(`${catalogId}: ${settled.error.code} ${settled.error.message}`);
  const job = settled.value;
  if (job.phase !== 'staged' || !job.verified || !job.folder) {
    const why = job.error ? `${job.error.code} ${job.error.message}` : `verified=${job.verified}`;
    throw new Error(`${catalogId}: ended ${job.phase} (${why})`);
  }
  const checked = await engine.verifyFolder(job.folder);
  if (!checked.ok)
    throw new Error(`${catalogId}: verifyFolder ${checked.error.code} ${checked.error.message}`);
  const { state, files, signaturesChecked } = checked.value;
  if (state !== 'verified' || !signaturesChecked || files.length !== job.items.length)
    throw new Error(`${catalogId}: verifyFolder says ${state}, ${files.length} files`);
  return job.bytesDone;
}

const work = await mkdtemp(join(tmpdir(), 'courier-soak-'));
/** @type {{ stop: () => void } | undefined} */
let server;
/** @type {Engine | undefined} */
let engine;
try {
  const dataDir = join(work, 'data');
  const stagingRoot = join(work, 'staging');
  await mkdir(dataDir);
  await mkdir(stagingRoot);
  const data = await writeDataFolder(dataDir, deliveries);
  say(`${deliveries} deliveries, ${(data.bytes / 2 ** 20).toFixed(0)} MiB of random files in ${work}`);
  const started = await startServer(dataDir);
  server = started;
  const { info } = started;
  const created = createEngine({
    apiUrl: info.apiUrl,
    auth: { kind: 'deviceSecret', secret: info.deviceSecret },
    deviceId: 'soak',
    stagingRoot,
    storageOrigins: [info.storageUrl],
    allowHttp: true,
    publicKeyPem: info.publicKeyPem,
  });
  if (!created.ok) throw new Error(`createEngine: ${created.error.code} ${created.error.message}`);
  engine = created.value;
  // As the desktop face does: one listener for the whole session, every event delivered to it.
  let events = 0;
  engine.subscribe(() => {
    events += 1;
  });

  /** @type {Sample[]} */
  const samples = [];
  let bytes = 0;
  const began = process.hrtime.bigint();
  for (let n = 1; n <= deliveries; n += 1) {
    bytes += await deliver(engine, /** @type {string} */ (data.catalogIds[n - 1]));
    if (n % every === 0 || n === deliveries) {
      await new Promise((resolve) => setTimeout(resolve, IDLE_SOCKETS_GONE_MS));
      samples.push(await sample(n));
      const s = /** @type {Sample} */ (samples[samples.length - 1]);
      say(`after ${n}: RSS ${(s.rssBytes / 2 ** 20).toFixed(1)} MiB, fds ${s.fds ?? 'n/a'}`);
    }
  }
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  const result = verdict(samples);
  const first = /** @type {Sample} */ (samples[0]);
  const last = /** @type {Sample} */ (samples[samples.length - 1]);
  process.exitCode = result.ok ? 0 : 1;
  const pct = (/** @type {number} */ x) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ node: process.version, deliveries, bytes, seconds, events, samples, verdict: result, rssTolerance: RSS_TOLERANCE })}\n`,
    );
  } else {
    say(
      `\n${deliveries} deliveries staged and verified (${(bytes / 2 ** 20).toFixed(0)} MiB, ` +
        `${seconds.toFixed(0)} s incl. ${samples.length} idle waits of ${IDLE_SOCKETS_GONE_MS / 1000} s, ` +
        `${events} events), node ${process.version}:\n`,
    );
    say(sampleTable(samples));
    say(
      `\nRSS ${pct(result.rssChange)} from the warm-up sample (limit ±${RSS_TOLERANCE * 100} %): ` +
        `${result.rssOk ? 'ok' : 'FAILED'}; open fds ` +
        `${result.fdChange === null ? 'n/a' : `${result.fdChange >= 0 ? '+' : ''}${result.fdChange}`} ` +
        `(must not grow): ${result.fdsOk ? 'ok' : 'FAILED'}; V8 heap in use ` +
        `${(result.heapGrowthBytes / 2 ** 20).toFixed(1)} MiB over ${last.delivery - first.delivery} deliveries`,
    );
  }
} catch (error) {
  process.exitCode = 1;
  process.stderr.write(`soak: ${/** @type {Error} */ (error).message}\n`);
} finally {
  await engine?.close();
  server?.stop();
  await rm(work, { recursive: true, force: true });
}
