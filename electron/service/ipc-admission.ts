// The checks every host runs on a request from the UI before the service sees it: a known method,
// a size cap, a call-rate cap (E9) and the strict zod schema, unknown fields rejected (E1). Shared by
// Electron main and the browser host so both refuse exactly the same things.
import { appError } from '../shared/app-error.js';
import { INVOKE_METHODS, maxRequestBytes, type InvokeMethod } from '../shared/ipc-contract.js';
import { INVOKE_SCHEMAS } from '../shared/ipc-schemas.js';
import { fail, ok, type Result } from '../shared/result.js';

/** A person clicking cannot come near this; a looping compromised renderer can. */
export const MAX_CALLS_PER_SECOND = 100;

export interface AdmittedRequest {
  readonly method: InvokeMethod;
  readonly request: unknown;
}

export interface RequestGate {
  /** `encodedBytes`: the size as it arrived (HTTP body); measured as JSON when absent (IPC). */
  admit(method: string, payload: unknown, encodedBytes?: number): Result<AdmittedRequest>;
}

const refuse = (message: string, retryable = false): Result<never> =>
  fail(appError({ code: 'CLIENT.invalidRequest', message, retryable }));

const isMethod = (name: string): name is InvokeMethod => (INVOKE_METHODS as readonly string[]).includes(name);

function jsonBytes(payload: unknown): number | undefined {
  if (payload === undefined) return 0;
  try {
    const text = JSON.stringify(payload);
    return text === undefined ? undefined : Buffer.byteLength(text);
  } catch {
    return undefined; // cycles, BigInt: not something the contract can carry
  }
}

export function createRequestGate(
  options: { now?: () => number; maxCallsPerSecond?: number } = {},
): RequestGate {
  const now = options.now ?? Date.now;
  const limit = options.maxCallsPerSecond ?? MAX_CALLS_PER_SECOND;
  let windowStart = Number.NEGATIVE_INFINITY;
  let calls = 0;
  return {
    admit(method, payload, encodedBytes) {
      if (!isMethod(method)) return refuse('Unknown action.');
      const bytes = encodedBytes ?? jsonBytes(payload);
      if (bytes === undefined) return refuse(`The request for ${method} cannot be read.`);
      const cap = maxRequestBytes(method);
      if (bytes > cap) return refuse(`The request for ${method} is larger than ${cap} bytes.`);
      const at = now();
      if (at - windowStart >= 1000) {
        windowStart = at;
        calls = 0;
      }
      calls += 1;
      if (calls > limit) return refuse('Too many requests at once. Wait a moment and try again.', true);
      const parsed = INVOKE_SCHEMAS[method].safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? ` (${issue.path.map(String).join('.')})` : '';
        return refuse(`The request for ${method} is not valid${where}: ${issue?.message ?? 'invalid'}.`);
      }
      return ok({ method, request: parsed.data });
    },
  };
}
