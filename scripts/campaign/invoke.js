// One `courier` process of a campaign run: started with the crash hook preloaded, its NDJSON events
// read as they come (the progress each file reached, the result line), SIGKILLed when asked.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const HOOK = pathToFileURL(join(root, 'scripts', 'campaign', 'crash-hook.js')).href;
/** No single invocation may take longer than this: past it, the run is a "hung" violation. */
const INVOCATION_LIMIT_MS = 180_000;

/**
 * @typedef {import('./plan.js').RunPlan} RunPlan
 * @typedef {import('./oracle.js').Invocation} Invocation
 */

/**
 * Runs `courier` once; `killWhen` sees every NDJSON event and may ask for a SIGKILL.
 * @param {string[]} args
 * @param {{ cli: string, cwd: string, env: NodeJS.ProcessEnv, killWhen?: (event: any) => boolean, storageBytes: () => number, logLength: () => number }} options
 * @returns {Promise<Invocation>}
 */
export function invoke(args, options) {
  const before = options.storageBytes();
  const firstEntry = options.logLength();
  /** @type {Map<string, number>} */
  const progress = new Map();
  const child = spawn(process.execPath, ['--import', HOOK, options.cli, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let killedByUs = false;
  /** @type {any} */
  let result;
  const kill = () => {
    if (!killedByUs && child.exitCode === null) {
      killedByUs = true;
      child.kill('SIGKILL');
    }
  };
  createInterface({ input: child.stdout }).on('line', (line) => {
    stdout += `${line}\n`;
    let event;
    try {
      event = JSON.parse(line);
    } catch {
      return;
    }
    if (event.type === 'result') result = event;
    if (event.type === 'job')
      for (const item of event.job.items ?? [])
        if (item.fileName)
          progress.set(item.fileName, Math.max(progress.get(item.fileName) ?? 0, item.bytesDone));
    if (event.type !== 'result' && options.killWhen?.(event)) kill();
  });
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const limit = setTimeout(() => {
    stderr += '\n[campaign] invocation exceeded its time limit\n';
    child.kill('SIGKILL');
  }, INVOCATION_LIMIT_MS);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      resolve({
        code,
        signal,
        killedByUs,
        stdout,
        stderr,
        result,
        storageBytes: options.storageBytes() - before,
        entries: [firstEntry, options.logLength()],
        progress,
      });
    });
  });
}

/** When to SIGKILL the first invocation of a run with a kill. */
export function killTrigger(/** @type {RunPlan} */ plan) {
  const kill = plan.kill;
  if (!kill) return undefined;
  if (kill.mode === 'early') return (/** @type {any} */ event) => event.type === 'job';
  if (kill.mode !== 'byte') return undefined; // the crash hook kills at its window
  return (/** @type {any} */ event) =>
    event.type === 'job' &&
    (event.job.items ?? []).some(
      (/** @type {any} */ item) => item.fileName === kill.file && item.bytesDone >= (kill.atByte ?? 0),
    );
}
