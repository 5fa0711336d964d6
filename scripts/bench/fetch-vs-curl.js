// Benchmark (not a test), `npm run bench`: `courier fetch` against the tools it must beat, all from
// one nginx on loopback (sendfile: the server costs next to nothing, so the clients are measured).
// Runs alternate, in rotating order; the table gives medians of wall, CPU seconds and peak RSS, and
// each wall as a ratio of `curl -o file && sync -f file` (the disk's limit). Then a delivery of many
// small files against `curl --parallel`, the RSS of a 16 MiB fetch, and `courier verify` against
// `openssl dgst -sha256`.
//   BENCH_ROUNDS=3 (at least 3)  BENCH_DIR=<folder on the disk to measure> (default: the temp folder)
//   BENCH_SIZE=<bytes of the large file> (default 2 GiB)  BENCH_MANY=<small files> (default 200)
//   BENCH_SETTLE_S=<seconds each writing run waits first> (default: see footing.js)
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { benchFooting, settle } from './footing.js';
import { benchDeliveries, startBenchOrigin } from './nginx-deliveries.js';
import { findNginx, NGINX_MISSING } from './nginx-origin.js';
import { GNU_TIME, median, shell, timed } from './timed.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../bin/courier.js', import.meta.url));
const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3));
const LARGE = Number(process.env.BENCH_SIZE ?? 2 ** 31);
const MANY = { count: Number(process.env.BENCH_MANY ?? 200), bytes: 5 * 2 ** 20, parallel: 3 };

/** @typedef {import('./timed.js').Timed} Timed */
/** @typedef {{ name: string, run: (dir: string) => Promise<Timed> }} Contender */

async function hasCommand(/** @type {string} */ name) {
  try {
    await run('sh', ['-c', `command -v ${name}`]);
    return true;
  } catch {
    return false;
  }
}

/** The one folder under `out` that holds a manifest.json: the staged package. */
async function packageFolder(/** @type {string} */ out) {
  for (const name of await readdir(out)) {
    const folder = join(out, name);
    const names = /** @type {string[]} */ (await readdir(folder).catch(() => []));
    if (names.includes('manifest.json')) return folder;
  }
  throw new Error(`no package under ${out}`);
}

/**
 * Runs each contender ROUNDS times, alternating in rotating order, each in a fresh folder after a
 * `sync` (so no run pays for the write-back of the one before) and `settleS` seconds (footing.js);
 * prints every run.
 * @param {string} title
 * @param {Contender[]} contenders
 * @param {string} root
 * @param {number} [settleS]
 */
async function race(title, contenders, root, settleS = 0) {
  /** @type {Map<string, Timed[]>} */
  const runs = new Map(contenders.map((c) => [c.name, []]));
  console.log(`\n${title}`);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (let i = 0; i < contenders.length; i += 1) {
      const contender = /** @type {Contender} */ (contenders[(i + round) % contenders.length]);
      const dir = await mkdtemp(join(root, 'run-'));
      await run('sync');
      await settle(settleS);
      const result = await contender.run(dir);
      await rm(dir, { recursive: true, force: true });
      runs.get(contender.name)?.push(result);
      console.log(
        `  round ${round + 1}  ${contender.name.padEnd(44)} ${result.wall.toFixed(2)} s wall  ${result.cpu.toFixed(2)} s cpu  ${result.rssMiB.toFixed(0)} MiB`,
      );
    }
  }
  return new Map(
    [...runs].map(([name, list]) => [
      name,
      {
        wall: median(list.map((r) => r.wall)),
        cpu: median(list.map((r) => r.cpu)),
        rssMiB: Math.max(...list.map((r) => r.rssMiB)),
      },
    ]),
  );
}

/**
 * @param {Map<string, { wall: number, cpu: number, rssMiB: number }>} results
 * @param {string} limit the row every wall is divided by
 */
function table(results, limit) {
  const base = results.get(limit)?.wall ?? NaN;
  const lines = [
    `| command | wall (s) | CPU (s) | peak RSS (MiB) | wall / ${limit} |`,
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const [name, r] of results) {
    lines.push(
      `| ${name} | ${r.wall.toFixed(2)} | ${r.cpu.toFixed(2)} | ${r.rssMiB.toFixed(0)} | ${(r.wall / base).toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  if (!(await findNginx())) {
    console.error(NGINX_MISSING);
    process.exit(2);
  }
  const top = await mkdtemp(join(process.env.BENCH_DIR ?? tmpdir(), 'courier-bench-'));
  const data = join(top, 'data');
  await mkdir(data);
  const deliveries = benchDeliveries({ largeBytes: LARGE, manyCount: MANY.count, manyBytes: MANY.bytes });
  console.log(
    `generating ${(LARGE / 2 ** 30).toFixed(2)} GiB + ${MANY.count} x 5 MiB of test files in ${data} ...`,
  );
  const origin = await startBenchOrigin(data, deliveries);
  const footing = await benchFooting();
  console.log(`each run that writes gigabytes first waits ${footing.seconds} s: ${footing.why}`);
  try {
    const large = deliveries.large.files[0]?.name ?? '';
    const url = origin.fileUrl(large);
    const sha256 = (await run('sha256sum', [origin.filePath(large)])).stdout.split(' ')[0] ?? '';
    /** @param {string} catalogId @param {string} dir @param {string[]} [extra] */
    const courierFetch = (catalogId, dir, extra = []) =>
      timed(process.execPath, [cli, ...origin.fetchArgs(catalogId, dir), ...extra], { env: origin.env });

    /** @type {Contender[]} */
    const single = [
      {
        name: 'curl -o file',
        run: (dir) => timed(...shell('curl -fsS -o "$1" "$2"', [join(dir, large), url])),
      },
      {
        name: 'curl -o file && sync -f file',
        run: (dir) => timed(...shell('curl -fsS -o "$1" "$2" && sync -f "$1"', [join(dir, large), url])),
      },
      {
        name: 'curl -o file && sha256sum file && sync -f file',
        run: (dir) =>
          timed(
            ...shell('curl -fsS -o "$1" "$2" && sha256sum "$1" >/dev/null && sync -f "$1"', [
              join(dir, large),
              url,
            ]),
          ),
      },
    ];
    if (await hasCommand('aria2c')) {
      single.push({
        name: 'aria2c --checksum=sha-256 && sync -f file',
        run: (dir) =>
          timed(
            ...shell(
              'aria2c -q --file-allocation=none --checksum=sha-256="$3" -d "$1" -o "$4" "$2" && sync -f "$1/$4"',
              [dir, url, sha256, large],
            ),
          ),
      });
    }
    single.push({
      name: 'courier fetch (read back, hash, fsync, commit)',
      run: (dir) => courierFetch(deliveries.large.catalogId, dir),
    });

    const limit = 'curl -o file && sync -f file';
    const one = await race(
      `one ${(LARGE / 2 ** 30).toFixed(2)} GiB file, ${ROUNDS} rounds:`,
      single,
      top,
      footing.seconds,
    );

    const urls = deliveries.many.files.map((f) => origin.fileUrl(f.name));
    const manyLimit = `curl --parallel --parallel-max ${MANY.parallel} && sync -f`;
    const many = await race(
      `one delivery of ${MANY.count} files of 5 MiB, ${MANY.parallel} at a time, ${ROUNDS} rounds:`,
      [
        {
          name: manyLimit,
          run: (dir) => {
            const outputs = deliveries.many.files.flatMap((f, i) => ['-o', join(dir, f.name), urls[i] ?? '']);
            const script = `dir="$1"; shift; curl -fsS --parallel --parallel-max ${MANY.parallel} "$@" && sync -f "$dir"`;
            return timed(...shell(script, [dir, ...outputs]));
          },
        },
        {
          name: `courier fetch --concurrency ${MANY.parallel}`,
          run: (dir) =>
            courierFetch(deliveries.many.catalogId, dir, ['--concurrency', String(MANY.parallel)]),
        },
      ],
      top,
      footing.seconds,
    );

    // Peak RSS of a small fetch, against the large one's: memory must not grow with the file.
    const small = await race(
      '16 MiB file (peak RSS):',
      [{ name: 'courier fetch 16 MiB', run: (dir) => courierFetch(deliveries.small.catalogId, dir) }],
      top,
    );

    // Verify meets a package at rest: its files are not in memory (the fetch wrote them with direct
    // I/O, and a drive carried to another machine has nothing cached). So before every run the staged
    // file is dropped from the page cache (GNU dd's nocache; no root needed), and no run reads the copy
    // the run before left. `courier verify` reads the disk directly whatever is cached; openssl reading
    // a cached copy is shown for scale, not as the goal.
    const staged = await mkdtemp(join(top, 'staged-'));
    const fetched = await courierFetch(deliveries.large.catalogId, staged);
    if (!Number.isFinite(fetched.wall)) throw new Error('courier fetch failed');
    const pkg = await packageFolder(staged);
    const stagedFile = join(pkg, large);
    await stat(stagedFile);
    const atRest = () => run('dd', [`if=${stagedFile}`, 'iflag=nocache', 'count=0', 'status=none']);
    const opensslAtRest = 'openssl dgst -sha256 file (not cached)';
    const verify = await race(
      'courier verify against openssl dgst -sha256 on the staged file:',
      [
        {
          name: opensslAtRest,
          run: async () => (await atRest(), timed('openssl', ['dgst', '-sha256', stagedFile])),
        },
        {
          name: 'courier verify package (not cached)',
          run: async () => (await atRest(), timed(process.execPath, [cli, 'verify', pkg])),
        },
        {
          name: 'openssl dgst -sha256 file (cached)',
          run: async () => (
            await run('sh', ['-c', 'cat "$1" >/dev/null', 'sh', stagedFile]),
            timed('openssl', ['dgst', '-sha256', stagedFile])
          ),
        },
      ],
      top,
    );

    const oneRows = one;
    const courier = oneRows.get('courier fetch (read back, hash, fsync, commit)');
    const smallRss = small.get('courier fetch 16 MiB')?.rssMiB ?? NaN;
    const openssl = verify.get(opensslAtRest)?.wall ?? NaN;
    const courierVerify = verify.get('courier verify package (not cached)')?.wall ?? NaN;
    const mib = LARGE / 2 ** 20;
    console.log(
      `\n## ${(LARGE / 2 ** 30).toFixed(2)} GiB from nginx, medians of ${ROUNDS}, written to ${top}, ${footing.seconds} s settle\n`,
    );
    console.log(table(oneRows, limit));
    console.log(`\n## ${MANY.count} x 5 MiB, ${MANY.parallel} at a time\n`);
    console.log(table(many, manyLimit));
    console.log(`\n## courier verify vs openssl on the staged ${(LARGE / 2 ** 30).toFixed(2)} GiB file\n`);
    console.log(table(verify, opensslAtRest));
    console.log('\n## against the goal (issue 9)\n');
    console.log(
      `- fetch wall / (curl + sync): ${((courier?.wall ?? NaN) / (oneRows.get(limit)?.wall ?? NaN)).toFixed(2)} (goal <= 1.00)`,
    );
    console.log(`- fetch CPU: ${(courier?.cpu ?? NaN).toFixed(2)} s (goal <= 6 s)`);
    console.log(
      `- fetch peak RSS: ${(courier?.rssMiB ?? NaN).toFixed(0)} MiB for ${mib} MiB, ${smallRss.toFixed(0)} MiB for 16 MiB (goal < 100 MB, flat)`,
    );
    const manyRatio =
      (many.get(`courier fetch --concurrency ${MANY.parallel}`)?.wall ?? NaN) /
      (many.get(manyLimit)?.wall ?? NaN);
    console.log(
      `- ${MANY.count} x 5 MiB wall / (curl --parallel + sync): ${manyRatio.toFixed(2)} (goal <= 1.00)`,
    );
    console.log(
      `- verify throughput, file not cached: ${(mib / courierVerify).toFixed(0)} MiB/s, openssl ${(mib / openssl).toFixed(0)} MiB/s, ratio ${(openssl / courierVerify).toFixed(2)} (goal >= 1.00)`,
    );
  } finally {
    await origin.stop();
    await rm(top, { recursive: true, force: true });
  }
}

if (!(await hasCommand(GNU_TIME))) {
  console.error(`${GNU_TIME} is missing: on Debian, sudo apt-get install time`);
  process.exit(2);
}
await main();
