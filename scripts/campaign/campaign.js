// The reliability campaign (docs/HAZARDS.md, goals 1 to 4): real `courier fetch` processes against
// the demo server, each run under a seeded fault from the server's fault registry, some killed with
// SIGKILL at a random byte or a named crash window and run again, then checked by the oracle.
//
//   npm run campaign -- --runs 1000 --kills 200 --seed 1 [--workers 3] [--only RUN] [--json]
//
// Exits 1 on any violation and prints the command that replays the failing run alone.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadBuilt, snapshotBuild } from './build-snapshot.js';
import { CHECKPOINT, executeRun } from './execute-run.js';
import { writeFixture } from './fixture.js';
import { FAULT_CLASSES, killRuns, planRun } from './plan.js';

const MiB = 1024 * 1024;

/**
 * @typedef {import('./execute-run.js').RunOutcome} RunOutcome
 * @typedef {{ runs: number, kills: number, seed: number, workers: number, only?: number, dir?: string, onRun?: (outcome: RunOutcome) => void }} CampaignOptions
 */

/**
 * Runs the campaign and returns every run's outcome.
 * @param {CampaignOptions} options
 */
export async function runCampaign(options) {
  const base = options.dir ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
  const workDir = await mkdtemp(join(base, 'courier-campaign-'));
  try {
    const built = await loadBuilt(await snapshotBuild(workDir));
    const fixture = await writeFixture(workDir);
    const withKill = killRuns(options.seed, options.runs, options.kills);
    const runs =
      options.only !== undefined ? [options.only] : Array.from({ length: options.runs }, (_, i) => i);
    /** @type {RunOutcome[]} */
    const outcomes = [];
    let nextIndex = 0;
    const worker = async (/** @type {number} */ id) => {
      const server = await built.startDemoServer({
        faults: true,
        dataDir: fixture.dataDir,
        apiPort: 0,
        storagePort: 0,
      });
      const keyFile = join(workDir, `cosign-${id}.pub`);
      await writeFile(keyFile, server.publicKeyPem);
      try {
        while (nextIndex < runs.length) {
          const run = /** @type {number} */ (runs[nextIndex++]);
          const plan = planRun(options.seed, run, fixture, withKill.has(run));
          const outcome = await executeRun(plan, {
            cli: built.cli,
            server,
            fixture,
            keyFile,
            workDir,
            exitCodes: built.exitCodes,
            chunk: built.chunk,
          });
          outcomes.push(outcome);
          options.onRun?.(outcome);
        }
      } finally {
        await server.close();
      }
    };
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(options.workers, runs.length)) }, (_, i) => worker(i)),
    );
    return outcomes.sort((a, b) => a.run - b.run);
  } finally {
    // Runs with violations keep their folders for a look; the rest is removed.
    const kept = (await readdir(workDir)).filter((name) => name.startsWith('run-'));
    if (kept.length === 0) await rm(workDir, { recursive: true, force: true });
  }
}

/** The per-class table: runs, kills, violations, worst resume cost. */
export function summarize(/** @type {readonly RunOutcome[]} */ outcomes) {
  const names = [...new Set([...FAULT_CLASSES.map((c) => c.name)])];
  const rows = names
    .map((name) => {
      const mine = outcomes.filter((o) => o.fault === name);
      const costs = mine.flatMap((o) => o.resumeCosts);
      return {
        fault: name,
        ids: mine[0]?.ids ?? '',
        runs: mine.length,
        kills: mine.reduce((sum, o) => sum + o.killed, 0),
        staged: mine.filter((o) => o.staged).length,
        violations: mine.reduce((sum, o) => sum + o.violations.length, 0),
        worstResumeMiB: costs.length ? Math.max(...costs) / MiB : 0,
        resumeBound: mine[0]?.resumeBound ?? true,
      };
    })
    .filter((row) => row.runs > 0);
  return rows;
}

function printTable(
  /** @type {readonly RunOutcome[]} */ outcomes,
  /** @type {number} */ seed,
  /** @type {number} */ wallMs,
) {
  const rows = summarize(outcomes);
  const pad = (/** @type {string | number} */ v, /** @type {number} */ n) => String(v).padEnd(n);
  console.log(
    `${pad('fault class', 20)}${pad('IDs', 11)}${pad('runs', 6)}${pad('kills', 7)}${pad('staged', 8)}${pad('violations', 12)}worst resume cost`,
  );
  for (const r of rows) {
    const cost = `${r.worstResumeMiB.toFixed(2)} MiB${r.resumeBound ? '' : ' (full restart allowed)'}`;
    console.log(
      `${pad(r.fault, 20)}${pad(r.ids, 11)}${pad(r.runs, 6)}${pad(r.kills, 7)}${pad(r.staged, 8)}${pad(r.violations, 12)}${cost}`,
    );
  }
  const kills = outcomes.reduce((sum, o) => sum + o.killed, 0);
  const violations = outcomes.reduce((sum, o) => sum + o.violations.length, 0);
  const byMode = new Map();
  for (const o of outcomes) if (o.kill) byMode.set(o.kill, (byMode.get(o.kill) ?? 0) + o.killed);
  console.log(`kills by point: ${[...byMode].map(([mode, n]) => `${mode} ${n}`).join(', ') || 'none'}`);
  console.log(
    `${outcomes.length} runs, ${kills} kills, ${violations} violations; bound per interruption ${(CHECKPOINT / MiB).toFixed(0)} MiB checkpoint + chunk; ${(wallMs / 60_000).toFixed(1)} min, seed ${seed}`,
  );
  for (const o of outcomes.filter((x) => x.violations.length > 0)) {
    console.log(`run ${o.run} (${o.fault}${o.kill ? `, kill ${o.kill}` : ''}): ${o.violations.join('; ')}`);
    console.log(`  replay: npm run campaign -- --seed ${seed} --runs ${outcomes.length} --only ${o.run}`);
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '100' },
      kills: { type: 'string', default: '0' },
      seed: { type: 'string', default: '1' },
      workers: { type: 'string', default: '3' },
      only: { type: 'string' },
      dir: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const options = {
    runs: Number(values.runs),
    kills: Number(values.kills),
    seed: Number(values.seed),
    workers: Number(values.workers),
    ...(values.only !== undefined ? { only: Number(values.only) } : {}),
    ...(values.dir !== undefined ? { dir: values.dir } : {}),
  };
  for (const [name, value] of Object.entries(options))
    if (typeof value === 'number' && (!Number.isInteger(value) || value < 0))
      throw new Error(`--${name} takes a whole number`);
  const started = Date.now();
  let done = 0;
  const outcomes = await runCampaign({
    ...options,
    onRun: (outcome) => {
      done += 1;
      if (!values.json && (done % 25 === 0 || outcome.violations.length > 0))
        process.stderr.write(
          `${done}/${options.only !== undefined ? 1 : options.runs} runs${outcome.violations.length ? `, run ${outcome.run} violated` : ''}\n`,
        );
    },
  });
  const violations = outcomes.reduce((sum, o) => sum + o.violations.length, 0);
  if (values.json)
    console.log(
      JSON.stringify({
        seed: options.seed,
        wallMs: Date.now() - started,
        table: summarize(outcomes),
        outcomes,
      }),
    );
  else printTable(outcomes, options.seed, Date.now() - started);
  process.exitCode = violations > 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
