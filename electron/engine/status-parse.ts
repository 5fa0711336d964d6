// Turns the text of a prepareDelivery / preparedDelivery response into a validated PreparedDelivery
// (M4, M5). Pure: no I/O.
import { Buffer } from 'node:buffer';
import { appError } from '../shared/app-error.js';
import type { AppError } from '../shared/app-error.js';
import { PrepareDeliveryResDtoSchema } from '../shared/getapp-schemas.js';
import type { PreparedDelivery } from '../shared/getapp-schemas.js';
import { fail, ok } from '../shared/result.js';
import type { Result } from '../shared/result.js';
import { quoted } from './display-text.js';

/** The largest status body read (M4). The HTTP layer should stop reading at this many bytes too. */
export const STATUS_MAX_BYTES = 1024 * 1024;

/** A real status document nests 4 levels; anything far deeper is hostile (stack exhaustion). */
const MAX_DEPTH = 32;

export function parseStatusResponse(text: string, requestedCatalogId: string): Result<PreparedDelivery> {
  const bad = (reason: string, retryable: boolean, extra: Partial<AppError> = {}): Result<never> =>
    fail(
      appError({
        code: 'CLIENT.badResponse',
        message: `The server sent invalid data for ${quoted(requestedCatalogId)}: ${reason}.`,
        // Truncation and proxy pages are often transient, so polling may go on (with backoff and a
        // deadline); a structurally wrong document will be just as wrong on the next poll.
        retryable,
        ...extra,
        detail: { catalogId: requestedCatalogId, reason, ...extra.detail },
      }),
    );

  // Length in UTF-16 units first: it bounds the UTF-8 size from below without scanning 200 MB.
  if (text.length > STATUS_MAX_BYTES || Buffer.byteLength(text, 'utf8') > STATUS_MAX_BYTES) {
    return bad('the response is larger than 1 MiB', false);
  }
  if (text.startsWith('\ufeff')) return bad('the response starts with a byte-order mark', false);
  const start = text.trimStart();
  if (start.startsWith('<'))
    return bad('received an HTML page instead of JSON (a proxy or login page?)', true);
  if (start === '') return bad('the response is empty', true);
  if (nestingDepth(text) > MAX_DEPTH) return bad('the JSON is nested too deeply', false);

  let raw: unknown;
  try {
    // The reviver deletes own `__proto__` keys, so nothing parsed here can later act as a prototype
    // if some caller spreads or assigns it.
    raw = JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value));
  } catch {
    return bad('the response is not valid JSON (truncated?)', true);
  }

  const parsed = PrepareDeliveryResDtoSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue ? issue.path.map(String).join('.') || '(document)' : '(document)';
    const itemKey = itemKeyAt(raw, issue?.path);
    return bad(`field ${field} is invalid (${issue?.message ?? 'schema'})`, false, {
      ...(itemKey !== undefined ? { itemKey } : {}),
      detail: { field },
    });
  }
  const value = parsed.data;
  if (value.catalogId !== requestedCatalogId) {
    return bad(`it describes ${quoted(value.catalogId)} instead`, false);
  }
  for (const item of value.artifacts ?? []) {
    // An item of another catalog must never be spliced into this job (M10).
    if (item.catalogId !== requestedCatalogId) {
      return bad(`item ${quoted(item.itemKey)} belongs to ${quoted(item.catalogId)}`, false, {
        itemKey: item.itemKey,
      });
    }
  }
  if (value.status === 'done' && (value.artifacts?.length ?? 0) === 0) {
    return bad('it says "done" but lists no artifacts', false);
  }
  return ok(value);
}

/** Deepest bracket nesting outside strings; a linear scan that never recurses. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) max = Math.max(max, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** The raw itemKey of the artifact a schema issue points into, so the error can name the item. */
function itemKeyAt(raw: unknown, path: readonly PropertyKey[] | undefined): string | undefined {
  if (!path || path[0] !== 'artifacts' || typeof path[1] !== 'number') return undefined;
  if (typeof raw !== 'object' || raw === null) return undefined;
  const artifacts = (raw as { artifacts?: unknown }).artifacts;
  if (!Array.isArray(artifacts)) return undefined;
  const key = (artifacts[path[1]] as { itemKey?: unknown } | null | undefined)?.itemKey;
  return typeof key === 'string' ? key : undefined;
}
