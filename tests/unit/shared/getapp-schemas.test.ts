// M5 and protocol §1.5/§2.3: the client's zod schemas accept every documented fixture, ignore unknown
// fields, keep an unknown status as 'unknown', and refuse every malformed size, progress or key.
import { describe, expect, test } from 'vitest';
import {
  ByteCountSchema,
  DeliveryItemDtoSchema,
  ErrorDtoSchema,
  GatewayErrorBodySchema,
  HashDtoSchema,
  PrepareDeliveryResDtoSchema,
  TokensDtoSchema,
} from '../../../electron/shared/getapp-schemas.js';

const CATALOG = '42.field-nav@2.3.1';
const item = (overrides: Record<string, unknown> = {}) => ({
  catalogId: CATALOG,
  id: 318,
  itemKey: `${CATALOG}@field-nav-setup-2.3.1.msi`,
  artifactType: 'software',
  metaData: '{"platform":"windows"}',
  url: 'https://s3.getapp.example/releases/42/field-nav-setup-2.3.1.msi?X-Amz-Signature=x',
  size: 73400320,
  signature: 'MEUCIQ==',
  isExecutable: true,
  arguments: '/quiet /norestart',
  ...overrides,
});
const done = (artifacts: unknown[]) => ({ catalogId: CATALOG, status: 'done', artifacts });

describe('protocol §6 fixtures parse', () => {
  test('F1 TokensDto', () => {
    const f1 = {
      accessToken: 'eyJ.a.b',
      expireAt: '2026-07-02T08:45:00.000Z',
      refreshToken: 'eyJ.c.d',
      refreshExpireAt: '2026-07-02T18:15:00.000Z',
    };
    expect(TokensDtoSchema.parse(f1)).toEqual(f1);
  });

  test('F4 origin software done, including the docker item with explicit nulls', () => {
    const docker = item({
      id: 319,
      itemKey: `${CATALOG}@field-nav-api:2.3.1`,
      artifactType: 'docker_image',
      url: 'harbor.getapp.example/field-nav/field-nav-api:2.3.1',
      size: undefined,
      signature: null,
      arguments: null,
      isExecutable: false,
    });
    const parsed = PrepareDeliveryResDtoSchema.parse(done([item(), docker]));
    expect(parsed.status).toBe('done');
    expect(parsed.rawStatus).toBe('done');
    expect(parsed.artifacts?.[1]).toMatchObject({ artifactType: 'docker_image', signature: undefined });
    expect(parsed.artifacts?.[1]?.arguments).toBeUndefined();
    expect(parsed.artifacts?.[0]?.size).toBe(73400320);
  });

  test('F9 in progress and F13 delete and F7 error', () => {
    expect(
      PrepareDeliveryResDtoSchema.parse({ catalogId: CATALOG, status: 'inProgress', progress: 37 }),
    ).toMatchObject({
      status: 'inProgress',
      progress: 37,
    });
    expect(PrepareDeliveryResDtoSchema.parse({ status: 'delete', catalogId: CATALOG }).status).toBe('delete');
    const f7 = {
      catalogId: '99.nope@1.0.0',
      status: 'error',
      error: { message: 'Item not found, catalog Id: 99.nope@1.0.0', errorCode: 'DELIVERY.notFound' },
    };
    expect(PrepareDeliveryResDtoSchema.parse(f7).error).toEqual(f7.error);
  });

  test('F11 map with a SHA256Base64 hash keeps the hash as sent', () => {
    const map = item({
      itemKey: 'gpkg',
      artifactType: 'map',
      size: 991232,
      hash: { hash: '8Pu08mybsdNz4j6ZaHsugwq/71/+/PH14TUXGn1vKLA=', algorithm: 'SHA256Base64' },
    });
    expect(PrepareDeliveryResDtoSchema.parse(done([map])).artifacts?.[0]?.hash).toEqual({
      algorithm: 'SHA256Base64',
      hash: '8Pu08mybsdNz4j6ZaHsugwq/71/+/PH14TUXGn1vKLA=',
    });
  });

  test('F2, F15 and F16 gateway error bodies', () => {
    const f15 = {
      name: 'BadRequestException',
      statusCode: 400,
      message: ['deliveryStatus must be one of the following values: Start, Done'],
      data: { statusCode: 400 },
      timestamp: '2026-07-02T08:16:01.000Z',
      path: '/api/v1/delivery/updateDownloadStatus',
    };
    expect(GatewayErrorBodySchema.parse(f15).message).toEqual(f15.message);
    const f16 = {
      ...f15,
      name: 'UnauthorizedException',
      statusCode: 401,
      message: 'No authentication provided',
    };
    expect(GatewayErrorBodySchema.parse(f16).statusCode).toBe(401);
    expect(GatewayErrorBodySchema.safeParse({ ...f16, statusCode: '401' }).success).toBe(false);
  });
});

describe('M5 status: unknown values survive the parse, flagged (protocol §2.3)', () => {
  test.each(['paused', 'Done', 'DONE', 'unknown', '', 'inprogress'])(
    '%j is kept as rawStatus with status unknown',
    (raw) => {
      const parsed = PrepareDeliveryResDtoSchema.parse({ catalogId: CATALOG, status: raw });
      expect(parsed.status).toBe('unknown');
      expect(parsed.rawStatus).toBe(raw);
    },
  );

  test('pending (never emitted today) is still a known status', () => {
    expect(PrepareDeliveryResDtoSchema.parse({ catalogId: CATALOG, status: 'pending' }).status).toBe(
      'pending',
    );
  });

  test('a non-string status is a schema error', () => {
    expect(PrepareDeliveryResDtoSchema.safeParse({ catalogId: CATALOG, status: 3 }).success).toBe(false);
  });
});

describe('M5 sizes are safe non-negative integers', () => {
  test.each([
    ['"123"', '123'],
    ['-1', -1],
    ['1.5', 1.5],
    ['Infinity (what 1e309 parses to)', Number.POSITIVE_INFINITY],
    ['NaN', Number.NaN],
    ['2^53', 2 ** 53],
    ['1e300', 1e300],
    ['true', true],
  ])('refuses %s', (_label, size) => {
    expect(ByteCountSchema.safeParse(size).success).toBe(false);
    expect(DeliveryItemDtoSchema.safeParse(item({ size })).success).toBe(false);
    expect(PrepareDeliveryResDtoSchema.safeParse({ catalogId: CATALOG, status: 'start', size }).success).toBe(
      false,
    );
  });

  test('accepts 0 and 2^53-1, and a missing or null item size', () => {
    expect(ByteCountSchema.parse(0)).toBe(0);
    expect(ByteCountSchema.parse(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
    expect(DeliveryItemDtoSchema.parse(item({ size: null })).size).toBeUndefined();
    expect(DeliveryItemDtoSchema.parse(item({ size: undefined })).size).toBeUndefined();
  });

  test('1e309 in JSON text is refused (it parses to Infinity)', () => {
    const raw: unknown = JSON.parse(`{"catalogId":"${CATALOG}","status":"done","size":1e309}`);
    expect(PrepareDeliveryResDtoSchema.safeParse(raw).success).toBe(false);
  });
});

describe('M5 other fields', () => {
  test.each([-1, 100.5, 101, Number.NaN, '50'])('progress %s is refused', (progress) => {
    expect(
      PrepareDeliveryResDtoSchema.safeParse({ catalogId: CATALOG, status: 'inProgress', progress }).success,
    ).toBe(false);
  });

  test('progress 0 and 100 are accepted', () => {
    for (const progress of [0, 100]) {
      expect(
        PrepareDeliveryResDtoSchema.parse({ catalogId: CATALOG, status: 'inProgress', progress }).progress,
      ).toBe(progress);
    }
  });

  test('duplicate itemKeys are refused, pointing at the second occurrence (M3)', () => {
    const result = PrepareDeliveryResDtoSchema.safeParse(done([item(), item({ id: 2 })]));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['artifacts', 1, 'itemKey']);
  });

  test('unknown fields are ignored and dropped, at every level', () => {
    const parsed = PrepareDeliveryResDtoSchema.parse({ ...done([item({ extra: 1 })]), serverVersion: 'x' });
    expect(parsed).not.toHaveProperty('serverVersion');
    expect(parsed.artifacts?.[0]).not.toHaveProperty('extra');
  });

  test('missing required fields are refused', () => {
    expect(PrepareDeliveryResDtoSchema.safeParse({ status: 'done' }).success).toBe(false);
    expect(DeliveryItemDtoSchema.safeParse({ ...item(), url: undefined }).success).toBe(false);
    expect(DeliveryItemDtoSchema.safeParse({ ...item(), itemKey: 5 }).success).toBe(false);
    expect(ErrorDtoSchema.safeParse({ errorCode: 'DELIVERY.notFound' }).success).toBe(false);
    expect(
      TokensDtoSchema.safeParse({
        accessToken: 'a',
        refreshToken: 'b',
        expireAt: 'soon',
        refreshExpireAt: 'x',
      }).success,
    ).toBe(false);
  });

  test('an unknown hash algorithm and an unknown artifactType pass the schema (decided per item later)', () => {
    expect(HashDtoSchema.parse({ algorithm: 'MD5', hash: 'abc' })).toEqual({ algorithm: 'MD5', hash: 'abc' });
    expect(DeliveryItemDtoSchema.parse(item({ artifactType: 'helm_chart' })).artifactType).toBe('helm_chart');
  });

  test('a hash with a non-string value is refused', () => {
    expect(DeliveryItemDtoSchema.safeParse(item({ hash: { algorithm: 'SHA256Hex', hash: 1 } })).success).toBe(
      false,
    );
  });
});
