// The benchmark's GetApp side: generated files that nginx serves, described to a `courier demo --data`
// server (which computes their hashes, as a real catalogue publishes them), behind a small proxy that
// points every artifact URL at nginx. `courier fetch` logs in and prepares through the proxy like
// against any GetApp API, and every artifact byte comes from nginx.
import { spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { once } from 'node:events';
import { open, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startNginx } from './nginx-origin.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
export const SECRET_ENV = 'BENCH_SECRET';

/**
 * @typedef {{ catalogId: string, files: { name: string, size: number }[] }} BenchDelivery
 * @typedef {{ large: BenchDelivery, small: BenchDelivery, many: BenchDelivery }} BenchDeliveries
 */

/**
 * One 2 GiB file, one 16 MiB file (the same shape, to show memory does not grow with size) and a
 * delivery of 200 files of 5 MiB. Every file has a published SHA-256 and no signature, like the demo's
 * large image: the verdict is the hash of the bytes read back from disk.
 * @param {{ largeBytes: number, manyCount: number, manyBytes: number }} sizes
 * @returns {BenchDeliveries}
 */
export function benchDeliveries({ largeBytes, manyCount, manyBytes }) {
  const many = Array.from({ length: manyCount }, (_, i) => ({
    name: `many-${String(i + 1).padStart(3, '0')}.bin`,
    size: manyBytes,
  }));
  return {
    large: { catalogId: '90.bench-large@1.0.0', files: [{ name: 'large.img', size: largeBytes }] },
    small: { catalogId: '91.bench-small@1.0.0', files: [{ name: 'small.img', size: 16 * 2 ** 20 }] },
    // Last: the demo numbers artifacts per delivery in blocks of 100.
    many: { catalogId: '92.bench-many@1.0.0', files: many },
  };
}

/**
 * Writes `size` random bytes: one random block, each copy with fresh random leading bytes so that no
 * two blocks are alike (nothing below us may dedupe or compress them).
 * @param {string} path
 * @param {number} size
 * @param {Buffer} block
 */
async function writeRandomFile(path, size, block) {
  const handle = await open(path, 'w');
  try {
    for (let at = 0; at < size; at += block.length) {
      randomFillSync(block, 0, 64);
      const length = Math.min(block.length, size - at);
      await handle.write(block, 0, length, at);
    }
  } finally {
    await handle.close();
  }
}

/**
 * @param {string} dir
 * @param {BenchDeliveries} deliveries
 */
async function writeDataDir(dir, deliveries) {
  const block = randomFillSync(Buffer.allocUnsafe(16 * 2 ** 20));
  // A delivery needs at least one file; one asked for with none is simply not served.
  const all = Object.values(deliveries).filter((d) => d.files.length > 0);
  for (const delivery of all) {
    for (const file of delivery.files) await writeRandomFile(join(dir, file.name), file.size, block);
  }
  const description = {
    deliveries: all.map((d) => ({
      catalogId: d.catalogId,
      artifacts: d.files.map((f) => ({ file: f.name, hash: 'SHA256Hex', sign: false })),
    })),
  };
  await writeFile(join(dir, 'courier-demo.json'), JSON.stringify(description, null, 2));
}

/** `courier demo --data DIR` in its own process; resolves with its JSON line. */
async function startDemo(/** @type {string} */ dataDir) {
  const cli = join(repo, 'bin', 'courier.js');
  const child = spawn(process.execPath, [cli, 'demo', '--port', '0', '--json', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await Promise.race([
    new Promise((done) => createInterface({ input: child.stdout }).once('line', done)),
    once(child, 'exit').then(() => {
      throw new Error('courier demo exited before it listened');
    }),
  ]);
  const info = /** @type {{ apiUrl: string, deviceSecret: string }} */ (
    JSON.parse(/** @type {string} */ (line))
  );
  return {
    info,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await once(child, 'exit');
      }
    },
  };
}

/**
 * Rewrites every artifact URL of a delivery answer to the same file name on nginx.
 * @param {Buffer} body
 * @param {string} nginxOrigin
 */
function pointAtNginx(body, nginxOrigin) {
  /** @type {{ artifacts?: { url?: string }[] }} */
  let answer;
  try {
    answer = JSON.parse(body.toString('utf8'));
  } catch {
    return body;
  }
  if (!Array.isArray(answer?.artifacts)) return body;
  for (const artifact of answer.artifacts) {
    if (typeof artifact.url !== 'string') continue;
    const name = new URL(artifact.url).pathname.split('/').pop() ?? '';
    artifact.url = `${nginxOrigin}/${name}`;
  }
  return Buffer.from(JSON.stringify(answer));
}

/**
 * A pass-through proxy to the demo API that changes only delivery answers' artifact URLs.
 * @param {string} apiUrl the demo's, ending in /api
 * @param {string} nginxOrigin
 */
async function startApiProxy(apiUrl, nginxOrigin) {
  const target = new URL(apiUrl);
  const server = createServer((incoming, outgoing) => {
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: target.host },
      },
      async (answer) => {
        const chunks = [];
        for await (const chunk of answer) chunks.push(chunk);
        const body = pointAtNginx(Buffer.concat(chunks), nginxOrigin);
        const headers = { ...answer.headers, 'content-length': String(body.length) };
        delete headers['transfer-encoding'];
        outgoing.writeHead(answer.statusCode ?? 502, headers);
        outgoing.end(body);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    apiUrl: `http://127.0.0.1:${address.port}/api`,
    stop: () => new Promise((done) => server.close(done)),
  };
}

/**
 * Generates the files in `dataDir`, serves them with nginx and describes them through the proxy.
 * @param {string} dataDir an absolute, empty folder
 * @param {BenchDeliveries} deliveries
 */
export async function startBenchOrigin(dataDir, deliveries) {
  await writeDataDir(dataDir, deliveries);
  const nginx = await startNginx(dataDir);
  /** @type {Array<() => Promise<unknown>>} */
  const stops = [nginx.stop];
  try {
    const demo = await startDemo(dataDir);
    stops.unshift(demo.stop);
    const proxy = await startApiProxy(demo.info.apiUrl, nginx.origin);
    stops.unshift(proxy.stop);
    return {
      nginxOrigin: nginx.origin,
      /** @param {string} name */
      fileUrl: (name) => `${nginx.origin}/${name}`,
      /** @param {string} name */
      filePath: (name) => join(dataDir, name),
      /** The environment `courier fetch` reads the device secret from. */
      env: { ...process.env, [SECRET_ENV]: demo.info.deviceSecret },
      /**
       * `courier fetch` arguments for one delivery into `out`.
       * @param {string} catalogId
       * @param {string} out
       */
      fetchArgs: (catalogId, out) => [
        'fetch',
        catalogId,
        '--json',
        '--out',
        out,
        '--server',
        proxy.apiUrl,
        '--device-secret-env',
        SECRET_ENV,
        '--storage-origin',
        nginx.origin,
        '--allow-http',
      ],
      async stop() {
        for (const stop of stops) await stop();
      },
    };
  } catch (error) {
    for (const stop of stops) await stop();
    throw error;
  }
}
