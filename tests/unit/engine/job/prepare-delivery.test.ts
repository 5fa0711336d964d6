// The prepare-and-poll loop against scripted server answers (P1-P4); the same loop runs against the
// real demo server in the integration suite.
import { describe, expect, test } from 'vitest';
import type { PreparedDelivery } from '../../../../electron/shared/getapp-schemas.js';
import { ok, type Result } from '../../../../electron/shared/result.js';
import { ManualClock } from '../../../../electron/engine/clock.js';
import { DEFAULTS } from '../../../../electron/engine/config.js';
import { prepareDelivery, type PreparationApi } from '../../../../electron/engine/job/prepare-delivery.js';

const ID = '42.field-nav@2.3.1';
const artifact = { catalogId: ID, itemKey: `${ID}@a.msi`, artifactType: 'software', url: 'https://s3/a' };

function answer(
  fields: Partial<PreparedDelivery> & { status: PreparedDelivery['status'] },
): PreparedDelivery {
  return { catalogId: ID, rawStatus: fields.status, ...fields } as PreparedDelivery;
}

/** A server that answers each call with the next scripted answer, repeating the last one. */
function scripted(prepares: PreparedDelivery[], statuses: PreparedDelivery[]) {
  const calls: string[] = [];
  const api: PreparationApi = {
    async prepare(): Promise<Result<PreparedDelivery>> {
      calls.push('prepare');
      return ok(prepares.length > 1 ? prepares.shift()! : prepares[0]!);
    },
    async status(): Promise<Result<PreparedDelivery>> {
      calls.push('status');
      return ok(statuses.length > 1 ? statuses.shift()! : statuses[0]!);
    },
  };
  return { api, calls };
}

async function run(
  api: PreparationApi,
  clock: ManualClock,
  polling = DEFAULTS.polling,
  signal?: AbortSignal,
) {
  const done = prepareDelivery({
    api,
    clock,
    catalogId: ID,
    itemType: 'software',
    polling,
    ...(signal ? { signal } : {}),
  });
  let settled = false;
  void done.finally(() => (settled = true));
  for (let i = 0; i < 2000 && !settled; i += 1) await clock.advance(1000);
  return done;
}

describe('prepare and poll', () => {
  test('origin mode: done at once, no polling', async () => {
    const { api, calls } = scripted([answer({ status: 'done', artifacts: [artifact] as never })], []);
    const result = await run(api, new ManualClock());
    expect(result.ok && result.value.status).toBe('done');
    expect(calls).toEqual(['prepare']);
  });

  test('cache mode: start → inProgress → done, polling every 2 s', async () => {
    const clock = new ManualClock();
    const { api, calls } = scripted(
      [answer({ status: 'start' })],
      [
        answer({ status: 'inProgress', progress: 10 }),
        answer({ status: 'inProgress', progress: 60 }),
        answer({ status: 'done', artifacts: [artifact] as never }),
      ],
    );
    const seen: (number | undefined)[] = [];
    const done = prepareDelivery({
      api,
      clock,
      catalogId: ID,
      itemType: 'software',
      polling: DEFAULTS.polling,
      onStatus: (d) => seen.push(d.progress),
    });
    await clock.advance(0); // let the first answer arrive before time moves
    await clock.advance(1999);
    expect(calls).toEqual(['prepare']);
    await clock.advance(1);
    expect(calls).toEqual(['prepare', 'status']);
    for (let i = 0; i < 10; i += 1) await clock.advance(2000);
    const result = await done;
    expect(result.ok && result.value.status).toBe('done');
    expect(calls).toEqual(['prepare', 'status', 'status', 'status']);
    expect(seen).toEqual([undefined, 10, 60, undefined]);
  });

  test('P3: a final server error stops with the server code and message', async () => {
    const { api } = scripted(
      [
        answer({
          status: 'error',
          error: { errorCode: 'DELIVERY.downloadNotAvailable', message: 'not yet available' },
        }),
      ],
      [],
    );
    const result = await run(api, new ManualClock());
    expect(result.ok ? null : [result.error.code, result.error.message]).toEqual([
      'DELIVERY.downloadNotAvailable',
      'not yet available',
    ]);
  });

  test('an unknown server code becomes APP.unknown', async () => {
    const { api } = scripted(
      [answer({ status: 'error', error: { errorCode: 'DELIVERY.brandNew', message: 'x' } })],
      [],
    );
    const result = await run(api, new ManualClock());
    expect(result.ok ? null : result.error.code).toBe('APP.unknown');
  });

  test('a cache-side error re-prepares once, then gives up with the code', async () => {
    const failed = answer({
      status: 'error',
      error: { errorCode: 'DELIVERY.notVerified', message: 'Checksum failed' },
    });
    const { api, calls } = scripted([failed], [failed]);
    const result = await run(api, new ManualClock());
    expect(result.ok ? null : result.error.code).toBe('DELIVERY.notVerified');
    expect(calls).toEqual(['prepare', 'prepare']);
  });

  test('a cache-side error cured by re-preparing goes on to done', async () => {
    const { api, calls } = scripted(
      [
        answer({ status: 'error', error: { errorCode: 'DELIVERY.download', message: 'copy failed' } }),
        answer({ status: 'start' }),
      ],
      [answer({ status: 'done', artifacts: [artifact] as never })],
    );
    const result = await run(api, new ManualClock());
    expect(result.ok).toBe(true);
    expect(calls).toEqual(['prepare', 'prepare', 'status']);
  });

  test('P4: delete re-prepares once', async () => {
    const { api, calls } = scripted(
      [answer({ status: 'start' })],
      [answer({ status: 'delete' }), answer({ status: 'done', artifacts: [artifact] as never })],
    );
    const result = await run(api, new ManualClock());
    expect(result.ok).toBe(true);
    expect(calls.filter((c) => c === 'prepare')).toHaveLength(2);
  });

  test('P1: progress stuck for 5 minutes stops with a stall message naming the percentage', async () => {
    const { api } = scripted([answer({ status: 'start' })], [answer({ status: 'inProgress', progress: 37 })]);
    const result = await run(api, new ManualClock());
    expect(result.ok ? null : result.error.code).toBe('CLIENT.timeout');
    expect(result.ok ? '' : result.error.message).toMatch(/stopped moving at 37% for 5 min/);
  });

  test('P1: moving progress still ends at the overall deadline', async () => {
    let progress = 0;
    const api: PreparationApi = {
      prepare: async () => ok(answer({ status: 'start' })),
      status: async () => ok(answer({ status: 'inProgress', progress: (progress = (progress + 1) % 100) })),
    };
    const clock = new ManualClock();
    const result = await run(api, clock, { ...DEFAULTS.polling, deadlineMs: 60_000 });
    expect(result.ok ? '' : result.error.message).toMatch(/within 1 min/);
  });

  test('polling backs off to 30 s while nothing changes', async () => {
    const clock = new ManualClock();
    const times: number[] = [];
    const api: PreparationApi = {
      prepare: async () => ok(answer({ status: 'start' })),
      status: async () => {
        times.push(clock.now());
        return ok(answer({ status: 'inProgress', progress: 5 }));
      },
    };
    await run(api, clock);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps[0]).toBe(2000);
    expect(Math.max(...gaps)).toBe(30_000);
  });

  test('an unknown status is treated as still preparing', async () => {
    const { api } = scripted(
      [answer({ status: 'unknown', rawStatus: 'paused' } as never)],
      [answer({ status: 'done', artifacts: [artifact] as never })],
    );
    const result = await run(api, new ManualClock());
    expect(result.ok).toBe(true);
  });

  test('cancel while polling ends with CLIENT.cancelled', async () => {
    const controller = new AbortController();
    const { api } = scripted([answer({ status: 'start' })], [answer({ status: 'inProgress', progress: 1 })]);
    const clock = new ManualClock();
    const pending = prepareDelivery({
      api,
      clock,
      catalogId: ID,
      itemType: 'software',
      polling: DEFAULTS.polling,
      signal: controller.signal,
    });
    await clock.advance(5000);
    controller.abort();
    const result = await pending;
    expect(result.ok ? null : result.error.code).toBe('CLIENT.cancelled');
  });

  test('done with no artifacts is invalid data, not success', async () => {
    const { api } = scripted([answer({ status: 'done', artifacts: [] })], []);
    const result = await run(api, new ManualClock());
    expect(result.ok ? null : result.error.code).toBe('CLIENT.badResponse');
  });
});
