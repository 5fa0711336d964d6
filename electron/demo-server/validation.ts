// A tiny class-validator look-alike for the gateway's DTOs: the same messages, in declaration order,
// and the whitelist that silently strips unknown properties. No runtime imports from shared/: the
// server validates on its own so a client-side schema bug cannot hide on both sides.

export type FieldRule =
  | { readonly kind: 'string'; readonly optional?: boolean; readonly notEmpty?: boolean }
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly optional?: boolean }
  | { readonly kind: 'number'; readonly optional?: boolean }
  | { readonly kind: 'isoDate'; readonly optional?: boolean };

/** Field rules in the DTO's declaration order (which is the order of the messages). */
export type Schema = Readonly<Record<string, FieldRule>>;

export type Validated<T> = { ok: true; value: T } | { ok: false; messages: string[] };

// class-validator's isISO8601: a calendar date, optionally with a time and a zone.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

function problems(name: string, rule: FieldRule, value: unknown): string[] {
  switch (rule.kind) {
    case 'string': {
      const out: string[] = [];
      if (rule.notEmpty && (value === '' || value === null || value === undefined)) {
        out.push(`${name} should not be empty`);
      }
      if (typeof value !== 'string') out.push(`${name} must be a string`);
      return out;
    }
    case 'enum':
      return typeof value === 'string' && rule.values.includes(value)
        ? []
        : [`${name} must be one of the following values: ${rule.values.join(', ')}`];
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? []
        : [`${name} must be a number conforming to the specified constraints`];
    case 'isoDate':
      return typeof value === 'string' && ISO_8601.test(value) && !Number.isNaN(Date.parse(value))
        ? []
        : [`${name} must be a valid ISO 8601 date string`];
  }
}

/**
 * Checks `input` against `schema`. The result holds only the declared fields that are present
 * (unknown properties are stripped, absent and null optional ones are left out), built on a fresh
 * object so a `__proto__` key in the body can never reach a prototype. The caller names the DTO type
 * the schema describes.
 */
export function validate<T>(schema: Schema, input: unknown): Validated<T> {
  const source: Record<string, unknown> =
    typeof input === 'object' && input !== null && !Array.isArray(input)
      ? (input as Record<string, unknown>)
      : {};
  const value: Record<string, unknown> = {};
  const messages: string[] = [];
  for (const [name, rule] of Object.entries(schema)) {
    const given = Object.hasOwn(source, name) ? source[name] : undefined;
    // @IsOptional skips every other check for undefined and null.
    if (rule.optional && (given === undefined || given === null)) continue;
    const found = problems(name, rule, given);
    if (found.length > 0) messages.push(...found);
    else value[name] = given;
  }
  return messages.length > 0 ? { ok: false, messages } : { ok: true, value: value as T };
}

/**
 * A positive integer query parameter (`@Type(() => Number) @IsInt() @Min(1)`): absent or empty
 * gives the default; anything else must parse to an integer of at least 1.
 */
export function positiveIntQuery(
  name: string,
  raw: string | null,
  fallback: number,
): { value: number; messages: string[] } {
  if (raw === null || raw === '') return { value: fallback, messages: [] };
  const value = Number(raw);
  const messages: string[] = [];
  if (!Number.isInteger(value)) messages.push(`${name} must be an integer number`);
  if (!(value >= 1)) messages.push(`${name} must not be less than 1`);
  return { value, messages };
}
