// The checks both hosts run before the service sees a request: known method, 4 KiB cap and call-rate
// cap (E9), strict schemas that reject unknown fields and paths in place of ids (E1).
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { MAX_PASTED_PEM_CHARS, MAX_REQUEST_BYTES } from '../../../electron/shared/ipc-contract.js';
import { MAX_CALLS_PER_SECOND, createRequestGate } from '../../../electron/service/ipc-admission.js';

const code = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error!.code);

describe('request gate', () => {
  test('a valid request passes with the parsed value', () => {
    const jobId = randomUUID();
    expect(createRequestGate().admit('pauseJob', { jobId })).toEqual({
      ok: true,
      value: { method: 'pauseJob', request: { jobId } },
    });
    expect(createRequestGate().admit('listJobs', undefined).ok).toBe(true);
  });

  test('E1: unknown fields, paths for ids and extra arguments to void methods are rejected', () => {
    const gate = createRequestGate();
    expect(code(gate.admit('pauseJob', { jobId: randomUUID(), path: '/etc' }))).toBe('CLIENT.invalidRequest');
    expect(code(gate.admit('openJobFolder', { jobId: '/home/user' }))).toBe('CLIENT.invalidRequest');
    expect(code(gate.admit('updateSettings', { stagingFolder: '/tmp' }))).toBe('CLIENT.invalidRequest');
    expect(code(gate.admit('getSettings', { anything: true }))).toBe('CLIENT.invalidRequest');
    expect(code(gate.admit('setSecret', { kind: 'token', value: 'x' }))).toBe('CLIENT.invalidRequest');
  });

  test('E1: names that are not contract methods are refused, prototype keys included', () => {
    const gate = createRequestGate();
    for (const name of ['openExternal', 'constructor', '__proto__', 'toString', ''])
      expect(gate.admit(name, undefined), name).toMatchObject({
        ok: false,
        error: { message: 'Unknown action.' },
      });
  });

  test(`E9: a payload over ${MAX_REQUEST_BYTES} bytes is refused before parsing, whatever its shape`, () => {
    const gate = createRequestGate();
    const big = { catalogIds: ['x'.repeat(MAX_REQUEST_BYTES)], itemType: 'software' };
    const refused = gate.admit('startJobs', big);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CLIENT.invalidRequest' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/larger than 4096 bytes/);
    expect(gate.admit('listJobs', undefined, MAX_REQUEST_BYTES + 1).ok).toBe(false);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(gate.admit('pauseJob', cyclic).ok).toBe(false);
  });

  test('E9: more than MAX_CALLS_PER_SECOND calls in one second are refused until the next second', () => {
    let now = 1000;
    const gate = createRequestGate({ now: () => now });
    for (let i = 0; i < MAX_CALLS_PER_SECOND; i += 1) expect(gate.admit('listJobs', undefined).ok).toBe(true);
    expect(gate.admit('listJobs', undefined)).toMatchObject({ ok: false, error: { retryable: true } });
    now += 1000;
    expect(gate.admit('listJobs', undefined).ok).toBe(true);
  });

  test('E9: pasted PEM text may be larger than 4 KiB (a CA bundle), up to its own cap only', () => {
    const gate = createRequestGate();
    const pem = (chars: number) => ({ purpose: 'caBundle', pem: 'A'.repeat(chars) });
    expect(gate.admit('pastePem', pem(20_000)).ok).toBe(true);
    expect(code(gate.admit('pastePem', pem(MAX_PASTED_PEM_CHARS + 1)))).toBe('CLIENT.invalidRequest');
    expect(code(gate.admit('pastePem', pem(70_000)))).toBe('CLIENT.invalidRequest');
    expect(code(gate.admit('pastePem', { ...pem(10), path: '/home/tech/ca.pem' }))).toBe(
      'CLIENT.invalidRequest',
    );
    // The larger cap is pastePem's alone.
    expect(code(gate.admit('setSecret', { kind: 'password', value: 'x'.repeat(5000) }))).toBe(
      'CLIENT.invalidRequest',
    );
  });
});
