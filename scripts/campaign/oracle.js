// The campaign's oracle: after every run, what must hold whatever the faults and kills were
// (fault catalogue §3, goals 1 to 4). Each check returns the violations it found, in words.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

const PACKAGE_FILES = new Set(['manifest.json', 'SHA256SUMS', 'report.html']);

/**
 * @typedef {import('./fixture.js').Fixture} Fixture
 * @typedef {import('../../electron/demo-server/index.js').LoggedRequest} LoggedRequest
 * @typedef {{
 *   code: number | null, signal: string | null, killedByUs: boolean, stdout: string, stderr: string, result: any,
 *   storageBytes: number, entries: [number, number], progress: Map<string, number>,
 * }} Invocation
 */

async function sha256(/** @type {string} */ path) {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

/** Every file under dir, as paths relative to it. */
async function walk(/** @type {string} */ dir) {
  /** @type {string[]} */
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) found.push(relative(dir, join(entry.parentPath, entry.name)));
  }
  return found;
}

/** Goal 1: a final-named file is the true artifact, byte for byte; the package's three records agree. */
export async function checkPackages(/** @type {string} */ out, /** @type {Fixture} */ fixture) {
  /** @type {string[]} */
  const violations = [];
  const truth = new Map(fixture.allFiles.map((a) => [a.file, a.sha256]));
  /** @type {Map<string, any>} */
  const manifests = new Map();
  for (const folder of await readdir(out)) {
    const dir = join(out, folder);
    if (!(await stat(dir)).isDirectory()) {
      violations.push(`a stray file ${folder} in the staging root`);
      continue;
    }
    for (const name of await readdir(dir)) {
      if (name.startsWith('.') || PACKAGE_FILES.has(name)) continue;
      if (!truth.has(name)) {
        violations.push(`unexpected final-named file ${folder}/${name}`);
        continue;
      }
      if ((await sha256(join(dir, name))) !== truth.get(name))
        violations.push(`BAD FILE ACCEPTED: ${folder}/${name} has the wrong bytes under its final name`);
    }
    let manifest;
    try {
      manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT')
        violations.push(`${folder}: manifest.json is unreadable`);
      continue;
    }
    manifests.set(folder, manifest);
    violations.push(...(await checkManifest(dir, folder, manifest, truth)));
  }
  return { violations, manifests };
}

async function checkManifest(
  /** @type {string} */ dir,
  /** @type {string} */ folder,
  /** @type {any} */ manifest,
  /** @type {Map<string, string>} */ truth,
) {
  /** @type {string[]} */
  const violations = [];
  /** @type {Map<string, string>} */
  const listed = new Map();
  for (const artifact of manifest.artifacts ?? []) {
    if (!artifact.file) continue;
    listed.set(artifact.file, artifact.sha256);
    if (artifact.outcome === 'verified' && artifact.sha256 !== truth.get(artifact.file))
      violations.push(
        `BAD FILE VERIFIED: the manifest of ${folder} calls ${artifact.file} verified with a wrong digest`,
      );
    let onDisk;
    try {
      onDisk = await sha256(join(dir, artifact.file));
    } catch {
      violations.push(`${folder}: the manifest lists ${artifact.file}, which is missing`);
      continue;
    }
    if (onDisk !== artifact.sha256)
      violations.push(`${folder}: ${artifact.file} does not match its manifest digest`);
  }
  let sums = '';
  try {
    sums = await readFile(join(dir, 'SHA256SUMS'), 'utf8');
  } catch {
    violations.push(`${folder}: manifest.json without SHA256SUMS`);
  }
  for (const line of sums.split('\n').filter(Boolean)) {
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!match) violations.push(`${folder}: SHA256SUMS line is malformed: ${line}`);
    else if (listed.get(match[2] ?? '') !== match[1])
      violations.push(`${folder}: SHA256SUMS and manifest.json disagree on ${match[2]}`);
  }
  return violations;
}

/** Goal 2: the command wrote only into the staging root (its working folder and home stay empty). */
export async function checkNothingOutside(
  /** @type {string} */ runDir,
  /** @type {readonly string[]} */ sentinels,
) {
  /** @type {string[]} */
  const violations = [];
  const top = (await readdir(runDir)).filter((name) => name !== 'out' && !sentinels.includes(name));
  for (const name of top) violations.push(`written outside the staging root: ${name}`);
  for (const sentinel of sentinels) {
    for (const file of await walk(join(runDir, sentinel)))
      violations.push(`written outside the staging root: ${sentinel}/${file}`);
  }
  return violations;
}

/** A4: no token, device secret or presigned-URL signature in any file or any output. */
export async function checkNoSecrets(
  /** @type {string} */ runDir,
  /** @type {readonly string[]} */ secrets,
  /** @type {readonly Invocation[]} */ invocations,
) {
  /** @type {string[]} */
  const violations = [];
  const wanted = secrets.filter((s) => s.length >= 8).map((s) => Buffer.from(s));
  for (const [i, run] of invocations.entries()) {
    for (const secret of wanted)
      if (run.stdout.includes(secret.toString()) || run.stderr.includes(secret.toString()))
        violations.push(`a credential appeared in the output of invocation ${i + 1}`);
  }
  for (const file of await walk(runDir)) {
    const bytes = await readFile(join(runDir, file));
    for (const secret of wanted)
      if (bytes.includes(secret)) violations.push(`a credential was written to ${file}`);
  }
  return violations;
}

/** The command ended as a command should: an exit code from the table, a result, each job staged or failed with a code. */
export function checkEnding(/** @type {Invocation} */ last, /** @type {ReadonlySet<number>} */ exitCodes) {
  /** @type {string[]} */
  const violations = [];
  if (last.signal) return [`the last invocation died of ${last.signal}`];
  if (last.code === null || !exitCodes.has(last.code))
    violations.push(`exit code ${last.code} is not one of courier's`);
  if (/\n\s+at .+:\d+:\d+\)?\n/.test(last.stderr))
    violations.push('a stack trace on stderr (a crash, not an error code)');
  if (!last.result) return [...violations, 'no result line on stdout'];
  for (const job of last.result.jobs ?? []) {
    const ended =
      job.phase === 'staged' || (job.phase === 'failed' && /^[A-Z]+\.\w+$/.test(job.error?.code ?? ''));
    if (!ended) violations.push(`job ${job.catalogId} ended ${job.phase} without an error code`);
  }
  if (
    last.code === 0 &&
    !(last.result.jobs ?? []).every((/** @type {any} */ j) => j.phase === 'staged' && j.verified)
  )
    violations.push('exit 0 without every job staged and verified');
  return violations;
}

/**
 * Goal 4: for each request of an artifact that was cut short, the bytes the next request fetched
 * again (where the cut one reached, minus where the next one starts). The server's count is exact
 * when it stopped sending by itself (a reset, a stall, a byte kill made inside a stall). A kill in the
 * middle of a fast transfer also counts what sat in the kernel's socket buffers and never reached
 * the client, so there the client's own last reported progress is the reach instead.
 * @param {readonly LoggedRequest[]} log the whole request log
 * @param {string} file
 * @param {readonly Invocation[]} invocations
 */
export function refetchedPerInterruption(log, file, invocations) {
  const requests = [];
  for (const [index, e] of log.entries()) {
    if (e.server !== 'storage' || e.method !== 'GET' || (e.status !== 200 && e.status !== 206)) continue;
    if (!decodeURIComponent(e.url.split('?')[0] ?? '').endsWith(`/${file}`)) continue;
    const invocation = invocations.find(({ entries: [from, to] }) => index >= from && index < to);
    if (!invocation) continue;
    const range = /^bytes=(\d+)-/.exec(String(e.headers.range ?? ''));
    const start = range && e.status === 206 ? Number(range[1]) : 0;
    requests.push({ start, end: start + e.bytesSent, invocation });
  }
  /** @type {number[]} */
  const costs = [];
  for (let i = 1; i < requests.length; i += 1) {
    const before = /** @type {(typeof requests)[number]} */ (requests[i - 1]);
    const next = /** @type {(typeof requests)[number]} */ (requests[i]);
    const killedMidway = before.invocation !== next.invocation && before.invocation.signal === 'SIGKILL';
    const reached = killedMidway
      ? Math.min(before.end, before.invocation.progress.get(file) ?? before.end)
      : before.end;
    costs.push(Math.max(0, reached - next.start));
  }
  return costs;
}
