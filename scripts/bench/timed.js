// Runs one command under GNU time: wall and CPU seconds (user + system, children included) and peak
// RSS, as the kernel counts them, for any program alike (curl, sha256sum, node).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const GNU_TIME = '/usr/bin/time';

/**
 * @typedef {{ wall: number, cpu: number, rssMiB: number, stdout: string }} Timed
 */

/**
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ env?: NodeJS.ProcessEnv }} [options]
 * @returns {Promise<Timed>}
 */
export async function timed(command, args, options = {}) {
  const { stdout, stderr } = await run(GNU_TIME, ['-f', 'TIMED %e %U %S %M', command, ...args], {
    env: options.env ?? process.env,
    maxBuffer: 256 * 1024 * 1024,
  });
  const line = stderr
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('TIMED '));
  const [wall = NaN, user = NaN, sys = NaN, rssKiB = NaN] = (line ?? '').split(' ').slice(1).map(Number);
  return { wall, cpu: user + sys, rssMiB: rssKiB / 1024, stdout };
}

/**
 * A shell pipeline with its file names passed as $1, $2, ... (never spliced into the script).
 * @param {string} script
 * @param {readonly string[]} params
 */
export const shell = (script, params) => /** @type {const} */ (['sh', ['-c', script, 'sh', ...params]]);

/** @param {readonly number[]} values */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
