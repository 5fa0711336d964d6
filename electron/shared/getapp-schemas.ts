// Client-side zod schemas for the GetApp wire DTOs (protocol reference §1.3, §1.5, §2.3). Pure TS:
// no node:*, no electron. The demo server never imports these, so a schema bug cannot hide on both sides.
import { z } from 'zod';
import { DELIVERY_STATUSES } from './getapp-protocol.js';
import type { DeliveryStatus } from './getapp-protocol.js';

/**
 * Byte counts: safe non-negative integers only. z.int() already refuses "123", 1.5, NaN, Infinity
 * (what `1e309` parses to) and anything past 2^53-1, where two different sizes become one number.
 */
export const ByteCountSchema = z.int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const TokensDtoSchema = z.object({
  accessToken: z.string().min(1),
  // The engine schedules refreshes from these, so an unparseable date is a protocol error, not "never".
  expireAt: z.iso.datetime({ offset: true }),
  refreshToken: z.string().min(1),
  refreshExpireAt: z.iso.datetime({ offset: true }),
});

// The algorithm stays a free string: an unknown one must reach hash-format validation and become
// CLIENT.hashFormat for that item (M6), not a schema error that throws away the whole status.
export const HashDtoSchema = z.object({
  algorithm: z.string(),
  hash: z.string(),
});

export const ErrorDtoSchema = z.object({
  errorCode: z.string(),
  message: z.string(),
});

// artifactType stays a free string too: an unknown type makes that item "not downloadable" (M12)
// rather than failing a job whose other items are fine. Optional fields accept null because the
// server sends explicit nulls for some of them (signature, arguments); null is normalised away.
export const DeliveryItemDtoSchema = z.object({
  catalogId: z.string(),
  id: z.int().optional(),
  itemKey: z.string(),
  artifactType: z.string(),
  metaData: z
    .string()
    .nullish()
    .transform((v) => v ?? undefined),
  url: z.string(),
  size: ByteCountSchema.nullish().transform((v) => v ?? undefined),
  hash: HashDtoSchema.nullish().transform((v) => v ?? undefined),
  signature: z
    .string()
    .nullish()
    .transform((v) => v ?? undefined),
  isExecutable: z.boolean().optional(),
  arguments: z
    .string()
    .nullish()
    .transform((v) => v ?? undefined),
});

const knownStatuses: ReadonlySet<string> = new Set(DELIVERY_STATUSES);

/** A status we understand, or 'unknown' (raw value in `rawStatus`): treat as still preparing, log it (§2.3). */
export type ParsedDeliveryStatus = DeliveryStatus | 'unknown';

export const PrepareDeliveryResDtoSchema = z
  .object({
    catalogId: z.string(),
    status: z.string(),
    progress: z.number().min(0).max(100).optional(),
    size: ByteCountSchema.optional(),
    url: z.string().optional(),
    artifacts: z
      .array(DeliveryItemDtoSchema)
      .optional()
      .superRefine((items, ctx) => {
        const seen = new Set<string>();
        items?.forEach((item, index) => {
          // Two items with one key would share a file name and a resume record (M3).
          if (seen.has(item.itemKey)) {
            ctx.addIssue({ code: 'custom', message: 'duplicate itemKey', path: [index, 'itemKey'] });
          }
          seen.add(item.itemKey);
        });
      }),
    error: ErrorDtoSchema.optional(),
  })
  .transform(({ status, ...rest }) => ({
    ...rest,
    // Case-sensitive on purpose: `Done` is not `done` (M5).
    status: (knownStatuses.has(status) ? status : 'unknown') as ParsedDeliveryStatus,
    rawStatus: status,
  }));

/** The body CustomRpcExceptionFilter writes for every gateway error (protocol §1.1). */
export const GatewayErrorBodySchema = z.object({
  name: z.string(),
  statusCode: z.int(),
  message: z.union([z.string(), z.array(z.string())]),
  errorCode: z.string().optional(),
  data: z.unknown(),
  timestamp: z.string(),
  path: z.string(),
});

export type TokensDtoParsed = z.output<typeof TokensDtoSchema>;
export type HashDtoParsed = z.output<typeof HashDtoSchema>;
export type ErrorDtoParsed = z.output<typeof ErrorDtoSchema>;
export type DeliveryItem = z.output<typeof DeliveryItemDtoSchema>;
export type PreparedDelivery = z.output<typeof PrepareDeliveryResDtoSchema>;
export type GatewayErrorBodyParsed = z.output<typeof GatewayErrorBodySchema>;
