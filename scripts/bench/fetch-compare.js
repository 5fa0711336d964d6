// Benchmark (not a test): one delivery fetched by two builds of `courier`, alternately, from one nginx
// on loopback (the same origin as `npm run bench`); prints wall and CPU seconds (medians) and peak RSS
// of each and their ratio. Used to price a change to the fetch path:
//   mkdir /tmp/courier-base && git archive HEAD | tar -x -C /tmp/courier-base
//   ln -s "$PWD/node_modules" /tmp/courier-base/ && (cd /tmp/courier-base && npx tsc -p tsconfig.node.json)
//   npm run bench:compare -- /tmp/courier-base
// BENCH_DELIVERY=large (one 2 GiB file, default), small (16 MiB) or many (200 x 5 MiB);
// BENCH_ROUNDS (default 3); BENCH_DIR (default: the temp folder); BENCH_SIZE (the large file's bytes);
// BENCH_SETTLE_S (seconds each run waits first; default: see footing.js).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { benchFooting, settle } from './footing.js';
import { benchDeliveries, startBenchOrigin } from './nginx-deliveries.js';
import { findNginx, NGINX_MISSING } from './nginx-origin.js';
import { median, timed } from './timed.js';

const run = promisify(execFile);
const here = fileURLToPath(new URL('../..', import.meta.url));
const other = process.argv[2] ?? '';
if (!other) {
  console.error('usage: node scripts/bench/fetch-compare.js <other checkout, built>');
  process.exit(2);
}
if (!(await findNginx())) {
  console.error(NGINX_MISSING);
  process.exit(2);
}
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const which = /** @type {'large' | 'small' | 'many'} */ (process.env.BENCH_DELIVERY ?? 'large');
if (!['large', 'small', 'many'].includes(which)) {
  console.error('BENCH_DELIVERY is large, small or many');
  process.exit(2);
}

async function main() {
  const top = await mkdtemp(join(process.env.BENCH_DIR ?? tmpdir(), 'courier-fetch-compare-'));
  const data = join(top, 'data');
  await mkdir(data);
  const all = benchDeliveries({
    largeBytes: Number(process.env.BENCH_SIZE ?? 2 ** 31),
    manyCount: 200,
    manyBytes: 5 * 2 ** 20,
  });
  // Only the delivery compared is generated and served.
  const empty = { catalogId: '', files: [] };
  const deliveries = { large: empty, small: empty, many: empty, [which]: all[which] };
  const origin = await startBenchOrigin(data, deliveries);
  const footing = await benchFooting();
  console.log(`each run first waits ${footing.seconds} s: ${footing.why}`);
  /** @typedef {'this' | 'other'} Build */
  /** @type {Record<Build, string>} */
  const builds = { this: here, other: resolve(other) };
  /** @type {Record<Build, import('./timed.js').Timed[]>} */
  const runs = { this: [], other: [] };
  /** @type {Build[][]} */
  const orders = [
    ['other', 'this'],
    ['this', 'other'],
  ];
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const name of orders[round % 2] ?? []) {
        const out = await mkdtemp(join(top, 'fetch-'));
        await run('sync');
        await settle(footing.seconds);
        const cli = join(builds[name], 'bin', 'courier.js');
        const result = await timed(process.execPath, [cli, ...origin.fetchArgs(all[which].catalogId, out)], {
          env: origin.env,
        });
        await rm(out, { recursive: true, force: true });
        runs[name].push(result);
        console.log(
          `round ${round + 1} ${name.padEnd(5)} wall ${result.wall.toFixed(2)} s  cpu ${result.cpu.toFixed(2)} s  rss ${result.rssMiB.toFixed(0)} MiB`,
        );
      }
    }
  } finally {
    await origin.stop();
    await rm(top, { recursive: true, force: true });
  }
  /** @param {Build} name */
  const summary = (name) => ({
    wall: median(runs[name].map((r) => r.wall)),
    cpu: median(runs[name].map((r) => r.cpu)),
    rss: Math.max(...runs[name].map((r) => r.rssMiB)),
  });
  const a = summary('this');
  const b = summary('other');
  console.log(
    `\n${which}, medians of ${ROUNDS}: this ${a.wall.toFixed(2)} s wall, ${a.cpu.toFixed(2)} s cpu, ${a.rss.toFixed(0)} MiB; other (${builds.other}) ${b.wall.toFixed(2)} s wall, ${b.cpu.toFixed(2)} s cpu, ${b.rss.toFixed(0)} MiB`,
  );
  console.log(`this / other: wall ${(a.wall / b.wall).toFixed(3)}, cpu ${(a.cpu / b.cpu).toFixed(3)}`);
}

await main();
