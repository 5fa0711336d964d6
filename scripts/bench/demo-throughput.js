// Benchmark (not a test), `npm run bench:demo-server`: how fast the demo object store serves the
// 2 GiB seeded image to curl on loopback. Runs against the build (`npm run build` first); imports
// dist/, never the TS sources.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { promisify } from 'node:util';

/** @typedef {typeof import('../../electron/demo-server/storage-server.js')} StorageServerModule */
/** @typedef {typeof import('../../electron/demo-server/presign.js')} PresignModule */
/** @typedef {typeof import('../../electron/demo-server/stored-object.js')} StoredObjectModule */
/** @typedef {typeof import('../../electron/demo-server/builtin-catalog.js')} BuiltinCatalogModule */

const run = promisify(execFile);
const RUNS = 3;
const dist = new URL('../../dist/demo-server/', import.meta.url);

// Imported by URL so that type-checking reads the sources above and does not need a build.
const { createStorageServer } = /** @type {StorageServerModule} */ (
  await import(new URL('storage-server.js', dist).href)
);
const { createPresigner } = /** @type {PresignModule} */ (await import(new URL('presign.js', dist).href));
const { seededObject } = /** @type {StoredObjectModule} */ (
  await import(new URL('stored-object.js', dist).href)
);
const { BUILTIN_IDS, LARGE_IMAGE_SIZE } = /** @type {BuiltinCatalogModule} */ (
  await import(new URL('builtin-catalog.js', dist).href)
);

// The same object the built-in catalog serves for the large image (same seed, size and path).
const name = 'large-image-1.0.0.img';
const objectPath = `getapp/releases/${BUILTIN_IDS.largeImage}/${name}`;
const object = seededObject(`${BUILTIN_IDS.largeImage}/${name}`, LARGE_IMAGE_SIZE, new Date());

let baseUrl = '';
const presigner = createPresigner({
  secret: randomBytes(32),
  ttlSeconds: 3600,
  now: Date.now,
  resolveBaseUrl: () => baseUrl,
});
const server = createStorageServer({ objects: new Map([[objectPath, object]]), presigner });
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const address = /** @type {import('node:net').AddressInfo} */ (server.address());
baseUrl = `http://127.0.0.1:${address.port}`;

/** @type {number[]} */
const rates = [];
try {
  for (let i = 0; i < RUNS; i += 1) {
    const { stdout } = await run(
      'curl',
      ['-s', '-o', '/dev/null', '-w', '%{size_download} %{time_total}', presigner.sign(objectPath)],
      { maxBuffer: 1 << 16 },
    );
    const [bytes = 0, seconds = 0] = stdout.trim().split(' ').map(Number);
    if (bytes !== LARGE_IMAGE_SIZE) throw new Error(`run ${i + 1}: curl received ${bytes} bytes`);
    rates.push(bytes / seconds);
    console.log(`run ${i + 1}: ${bytes} bytes in ${seconds.toFixed(3)} s`);
  }
} finally {
  server.closeAllConnections();
  server.close();
}

const median = [...rates].sort((a, b) => a - b)[Math.floor(rates.length / 2)] ?? 0;
console.log(
  `demo storage → curl, 2 GiB seeded object, median of ${RUNS}: ` +
    `${(median / 1e6).toFixed(0)} MB/s (${(median / 1e9).toFixed(2)} GB/s)`,
);
// Peak resident memory of this process: it stays far below the object size when streaming holds.
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
