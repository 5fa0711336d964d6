// One campaign run: the planned fault (and kill) on the demo server, `courier fetch` run again after
// a kill until it ends by itself, the follow-up checks (fetch again, next start sends waiting
// reports), then the oracle. A run with violations keeps its folder, with what each process printed.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CATALOG_ID } from './fixture.js';
import { invoke, killTrigger } from './invoke.js';
import {
  checkEnding,
  checkNoSecrets,
  checkNothingOutside,
  checkPackages,
  refetchedPerInterruption,
} from './oracle.js';

const MiB = 1024 * 1024;
/** The checkpoint the runs use (--checkpoint): small, so resume cost is measured against a tight bound. */
export const CHECKPOINT = 1 * MiB;
const SENTINELS = ['cwd', 'home'];

/**
 * @typedef {import('./plan.js').RunPlan} RunPlan
 * @typedef {import('./oracle.js').Invocation} Invocation
 * @typedef {import('./fixture.js').Fixture} Fixture
 * @typedef {import('../../electron/demo-server/index.js').DemoServer} DemoServer
 * @typedef {{ run: number, fault: string, ids: string, kill: string | null, killed: number, violations: string[], resumeCosts: number[], resumeBound: boolean, staged: boolean, ended: string, ms: number }} RunOutcome
 */

/**
 * One run: fault and kill as planned, reruns until the command ends by itself, then the oracle.
 * @param {RunPlan} plan
 * @param {{ cli: string, server: DemoServer, fixture: Fixture, keyFile: string, workDir: string, exitCodes: ReadonlySet<number>, chunk: number }} ctx
 * @returns {Promise<RunOutcome>}
 */
export async function executeRun(plan, ctx) {
  const started = Date.now();
  const { server, fixture } = ctx;
  const faults = /** @type {NonNullable<DemoServer['faults']>} */ (server.faults);
  const log = /** @type {NonNullable<DemoServer['requestLog']>} */ (server.requestLog);
  faults.clear();
  const firstEntry = log.entries.length;
  if (plan.kill?.mode === 'byte' && plan.kill.file)
    faults.storage(plan.kill.file, { stallAfterBytes: plan.kill.atByte, times: 1 });
  for (const [match, script] of plan.scripts.storage) faults.storage(match, script);
  for (const [match, script] of plan.scripts.api) faults.api(match, script);

  const runDir = await mkdtemp(join(ctx.workDir, `run-${plan.run}-`));
  const out = join(runDir, 'out');
  for (const dir of ['out', ...SENTINELS]) await mkdir(join(runDir, dir));
  const deviceId = `campaign-${plan.run}`;
  const fetchArgs = (/** @type {string} */ catalogId, stallSeconds = 2) => [
    'fetch',
    catalogId,
    '--json',
    '--out',
    out,
    '--server',
    server.apiUrl,
    '--username',
    server.credentials.username,
    '--device-id',
    deviceId,
    '--storage-origin',
    server.storageUrl,
    '--allow-http',
    '--public-key',
    ctx.keyFile,
    '--stall-timeout',
    String(stallSeconds),
    '--checkpoint',
    `${CHECKPOINT / 1024}K`,
  ];
  const baseEnv = {
    PATH: process.env.PATH,
    HOME: join(runDir, 'home'),
    NO_COLOR: '1',
    // Password sign-in, so tokens, their refresh (A2) and the token-leak check (A4) are exercised.
    COURIER_PASSWORD: server.credentials.password,
  };
  const storageBytes = () =>
    log.entries.slice(firstEntry).reduce((sum, e) => sum + (e.server === 'storage' ? e.bytesSent : 0), 0);
  const options = {
    cli: ctx.cli,
    cwd: join(runDir, 'cwd'),
    storageBytes,
    logLength: () => log.entries.length,
  };
  const crashEnv =
    plan.kill && plan.kill.mode !== 'byte' && plan.kill.mode !== 'early'
      ? { COURIER_CRASH_AT: `${plan.kill.mode}:${plan.kill.nth}` }
      : {};

  /** @type {Invocation[]} */
  const invocations = [];
  const trigger = killTrigger(plan);
  invocations.push(
    // A byte kill must land while the server holds the transfer at that byte: the stall is not cut.
    await invoke(fetchArgs(CATALOG_ID, plan.kill?.mode === 'byte' ? 120 : 2), {
      ...options,
      env: { ...baseEnv, ...crashEnv },
      ...(trigger ? { killWhen: trigger } : {}),
    }),
  );
  if (plan.kill && invocations[0]?.signal !== 'SIGKILL') {
    // The run ended before its kill point (an early failure never reaches a rename): every planned
    // kill still lands, at the first event of the next start.
    invocations.push(
      await invoke(fetchArgs(CATALOG_ID), {
        ...options,
        env: baseEnv,
        killWhen: (event) => event.type === 'job',
      }),
    );
  }
  // A killed command is run again, as a technician would, until it ends by itself.
  while (invocations.length < 5 && invocations.at(-1)?.signal === 'SIGKILL' && plan.kill) {
    invocations.push(await invoke(fetchArgs(CATALOG_ID), { ...options, env: baseEnv }));
  }
  const last = /** @type {Invocation} */ (invocations.at(-1));
  const killed = invocations.filter((i) => i.signal === 'SIGKILL').length;
  const violations = checkEnding(last, ctx.exitCodes);
  // C4: the killed process's lock is taken over at once by the rerun on the same computer.
  for (const rerun of invocations.slice(1))
    if ((rerun.result?.jobs ?? []).some((/** @type {any} */ j) => j.error?.code === 'CLIENT.locked'))
      violations.push("a rerun found the killed process's lock still in force (CLIENT.locked)");
  const staged = last.code === 0;
  /** How the run ended, for the log: staged, or the error codes its jobs ended with. */
  const ended = staged
    ? 'staged'
    : [...new Set((last.result?.jobs ?? []).map((/** @type {any} */ j) => j.error?.code ?? j.phase))].join(
        ',',
      ) || `exit ${last.code ?? last.signal}`;

  if (staged) {
    // The same command again finds the package verified on disk and downloads nothing (F7).
    faults.clear();
    const again = await invoke(fetchArgs(CATALOG_ID), { ...options, env: baseEnv });
    invocations.push(again);
    if (again.code !== 0) violations.push(`fetching the staged package again exited ${again.code}`);
    if (again.storageBytes > 0)
      violations.push(`fetching the staged package again downloaded ${again.storageBytes} bytes`);
  }
  if (plan.fault.reportsBlocked && staged) {
    // The server was unreachable for reports: the next start (another delivery) must send them.
    faults.clear();
    const next = await invoke([...fetchArgs(fixture.smallCatalogId)], { ...options, env: baseEnv });
    invocations.push(next);
    const rows = server.reports.list({ deviceId, catalogId: CATALOG_ID });
    const done = rows.filter((row) => row.deliveryStatus === 'Done').length;
    if (done < fixture.artifacts.length)
      violations.push(
        `the server heard Done for ${done} of ${fixture.artifacts.length} items after the next start`,
      );
    if (next.result?.reportsWaiting !== 0)
      violations.push(`reports still waiting after the next start: ${next.result?.reportsWaiting}`);
  }

  const entries = log.entries.slice(firstEntry);
  const packages = await checkPackages(out, fixture);
  violations.push(...packages.violations);
  violations.push(...(await checkNothingOutside(runDir, SENTINELS)));
  const secrets = [
    server.credentials.password,
    ...entries.flatMap((e) => {
      const auth = String(e.headers.authorization ?? '');
      const signature = /X-Amz-Signature=([^&]+)/.exec(e.url)?.[1];
      return [auth.replace(/^Bearer\s+/i, ''), signature ?? ''];
    }),
  ];
  violations.push(...(await checkNoSecrets(runDir, [...new Set(secrets)], invocations)));

  const resumeCosts = fixture.artifacts.flatMap((a) =>
    refetchedPerInterruption(log.entries, a.file, invocations),
  );
  const bound = CHECKPOINT + ctx.chunk;
  if (plan.fault.resumeBound) {
    const worst = Math.max(0, ...resumeCosts);
    if (worst > bound)
      violations.push(
        `resume fetched ${worst} bytes again after one interruption (bound ${bound}: a checkpoint and a chunk)`,
      );
  }
  if (violations.length === 0) await rm(runDir, { recursive: true, force: true });
  else {
    // Kept for a look: the folder as the oracle saw it, plus what each invocation printed.
    const requests = entries.map((e) => ({
      server: e.server,
      method: e.method,
      path: e.url.split('?')[0],
      range: e.headers.range ?? null,
      status: e.status,
      bytesSent: e.bytesSent,
    }));
    await writeFile(join(runDir, 'requests.json'), JSON.stringify(requests, null, 1));
    for (const [i, inv] of invocations.entries()) {
      await writeFile(join(runDir, `invocation-${i + 1}.stdout`), inv.stdout);
      await writeFile(
        join(runDir, `invocation-${i + 1}.stderr`),
        `${inv.stderr}\n[exit ${inv.code ?? inv.signal}]\n`,
      );
    }
    violations.push(`files kept in ${runDir}`);
  }
  faults.clear();
  return {
    run: plan.run,
    fault: plan.fault.name,
    ids: plan.fault.ids,
    kill: plan.kill ? plan.kill.mode : null,
    killed,
    violations,
    resumeCosts,
    resumeBound: plan.fault.resumeBound,
    staged,
    ended,
    ms: Date.now() - started,
  };
}
