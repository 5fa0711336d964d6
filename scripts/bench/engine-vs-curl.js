// Benchmark (not a test): downloads the 2 GiB demo item with Courier's engine (the real `courier
// fetch` process, hashing included) and with `curl -o` from the same demo server, alternately, and
// prints both throughputs, their ratio and the engine's peak RSS. Run with `npm run bench:demo`.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'bin', 'courier.js');
const ID = '4.large-image@1.0.0';
const SIZE = 2 ** 31;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECRET = 'demo-device-secret';

/** Starts `courier demo` in its own process, so server and client do not share an event loop. */
async function startServer() {
  const child = spawn(process.execPath, [cli, 'demo', '--port', '0', '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  return { info: JSON.parse(/** @type {string} */ (line)), stop: () => child.kill('SIGTERM') };
}

/**
 * A fresh presigned URL for the item, as any client would get it.
 * @param {string} apiUrl
 * @returns {Promise<string>}
 */
async function artifactUrl(apiUrl) {
  const response = await fetch(`${apiUrl}/delivery/prepareDelivery`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'device-auth': SECRET },
    body: JSON.stringify({ catalogId: ID, deviceId: 'bench', itemType: 'software' }),
  });
  const body = /** @type {{ artifacts: { url: string }[] }} */ (await response.json());
  const url = body.artifacts[0]?.url;
  if (!url) throw new Error('the demo server listed no artifact');
  return url;
}

/**
 * @param {string} apiUrl
 * @param {string} dir
 */
async function curlOnce(apiUrl, dir) {
  const url = await artifactUrl(apiUrl);
  const { stdout } = await run('curl', [
    '-s',
    '-o',
    join(dir, 'curl.img'),
    '-w',
    '%{size_download} %{time_total}',
    url,
  ]);
  const [bytes = 0, seconds = 1] = stdout.trim().split(' ').map(Number);
  if (bytes !== SIZE) throw new Error(`curl got ${bytes} bytes`);
  await rm(join(dir, 'curl.img'), { force: true });
  return bytes / seconds;
}

/**
 * curl -o, then `sha256sum` and `sync` of the file: by hand, the guarantees Courier gives a staged
 * file (hashed, and on the disk rather than in the page cache).
 * @param {string} apiUrl
 * @param {string} dir
 */
async function curlCheckedOnce(apiUrl, dir) {
  const url = await artifactUrl(apiUrl);
  const file = join(dir, 'curl-checked.img');
  const started = process.hrtime.bigint();
  await run('curl', ['-s', '-o', file, url]);
  await run('sha256sum', [file]);
  await run('sync', [file]);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await rm(file, { force: true });
  return SIZE / seconds;
}

/**
 * Peak resident memory of a process, from the kernel's own high-water mark.
 * @param {number | undefined} pid
 */
async function peakRss(pid) {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/**
 * @param {{ apiUrl: string, storageUrl: string }} info
 * @param {string} dir
 */
async function engineOnce(info, dir) {
  const out = await mkdtemp(join(dir, 'engine-'));
  const args = [
    'fetch',
    ID,
    '--json',
    '--out',
    out,
    '--server',
    info.apiUrl,
    '--device-secret-env',
    'BENCH_SECRET',
    '--storage-origin',
    info.storageUrl,
    '--allow-http',
  ];
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [cli, ...args], {
    env: { ...process.env, BENCH_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let peak = 0;
  /** @type {{ jobs?: { verified: boolean }[] } | undefined} */
  let result;
  createInterface({ input: child.stdout }).on('line', (line) => {
    const event = JSON.parse(line);
    if (event.type === 'result') result = event;
  });
  let running = true;
  const sample = async () => {
    peak = Math.max(peak, await peakRss(child.pid));
    if (running) setTimeout(sample, 50);
  };
  void sample();
  const code = await new Promise((resolve) => child.on('exit', resolve));
  running = false;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await rm(out, { recursive: true, force: true });
  if (code !== 0 || !result?.jobs?.[0]?.verified) throw new Error(`engine run failed (exit ${code})`);
  return { rate: SIZE / seconds, peak };
}

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
/** @param {number} rate */
const mbps = (rate) => `${(rate / 1e6).toFixed(0)} MB/s`;

/**
 * Where both clients write. RAM (/dev/shm) by default: this compares the clients, and a virtual
 * disk's write-back swings between runs by 2x on its own. BENCH_DIR=/some/disk measures a disk.
 */
async function benchRoot() {
  if (process.env.BENCH_DIR) return process.env.BENCH_DIR;
  try {
    const space = await statfs('/dev/shm');
    if (space.bavail * space.bsize > 5 * SIZE) return '/dev/shm';
  } catch {
    // No /dev/shm: fall back to the temp folder.
  }
  return tmpdir();
}

const server = await startServer();
const dir = await mkdtemp(join(await benchRoot(), 'courier-bench-'));
try {
  /** @type {number[]} */
  const curl = [];
  /** @type {number[]} */
  const checked = [];
  /** @type {{ rate: number, peak: number }[]} */
  const engine = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    curl.push(await curlOnce(server.info.apiUrl, dir));
    checked.push(await curlCheckedOnce(server.info.apiUrl, dir));
    engine.push(await engineOnce(server.info, dir));
    const last = (/** @type {number[]} */ values) => values[values.length - 1] ?? 0;
    process.stdout.write(
      `round ${round}: curl ${mbps(last(curl))}, curl+sha256sum+sync ${mbps(last(checked))}, engine ${mbps(last(engine.map((e) => e.rate)))}\n`,
    );
  }
  const curlRate = median(curl);
  const checkedRate = median(checked);
  const engineRate = median(engine.map((e) => e.rate));
  const peak = Math.max(...engine.map((e) => e.peak));
  process.stdout.write(
    `\n2 GiB item, ${ROUNDS} rounds, medians, loopback, written to ${dir}:\n` +
      `  curl -o            ${mbps(curlRate)}\n` +
      `  curl + sha256sum + sync  ${mbps(checkedRate)} (the same guarantees by hand)\n` +
      `  courier fetch      ${mbps(engineRate)} (SHA-256 while downloading, fsync, rename, manifest)\n` +
      `  ratio              ${(engineRate / curlRate).toFixed(2)}x curl -o, ${(engineRate / checkedRate).toFixed(2)}x curl + sha256sum + sync\n` +
      `  engine peak RSS    ${(peak / 2 ** 20).toFixed(0)} MiB\n`,
  );
} finally {
  server.stop();
  await rm(dir, { recursive: true, force: true });
}
