// Checks and parses JSON text already read from an API body (M4): no BOM, no HTML, bounded nesting,
// no `__proto__` keys. Pure.
import { appError } from '../../shared/app-error.js';
import type { AppError } from '../../shared/app-error.js';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';

/** A real document nests a handful of levels; deep nesting is hostile (the reviver recurses). */
const MAX_DEPTH = 64;

export const WEB_PAGE = 'the server sent a web page, not data — a proxy or login page?';

export function badResponse(
  reason: string,
  retryable: boolean,
  detail?: Record<string, string | number>,
): AppError {
  return appError({
    code: 'CLIENT.badResponse',
    message: `Invalid response: ${reason}`,
    retryable,
    ...(detail ? { detail } : {}),
  });
}

/** The checks of readJson on text already read. */
export function parseJsonText(text: string): Result<unknown> {
  // A BOM is not JSON (RFC 8259 §8.1); stripping it would hide a misconfigured proxy (M4).
  if (text.startsWith('\ufeff')) return fail(badResponse('the body starts with a byte-order mark.', false));
  const start = text.trimStart();
  if (start.startsWith('<')) return fail(badResponse(WEB_PAGE, true));
  if (start === '') return fail(badResponse('the body is empty.', true));
  if (nestingDepth(text) > MAX_DEPTH) return fail(badResponse('the JSON is nested too deeply.', false));
  try {
    // Dropping own `__proto__` keys keeps a later Object.assign from swapping a prototype.
    return ok(JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value)));
  } catch {
    return fail(badResponse('the body is not valid JSON (truncated?).', true));
  }
}

/** Deepest bracket nesting outside strings; a linear scan that never recurses. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}
