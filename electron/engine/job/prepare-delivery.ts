// Asks the server to prepare a delivery and polls until it is `done` (protocol §2.3, faults P1-P4):
// polls every 2 s, backing off to 30 s while nothing changes, with a stall deadline that resets when
// progress moves and an overall deadline. Cache-side errors and `delete` re-prepare once.
import { appError, type AppError } from '../../shared/app-error.js';
import { toServerErrorCode, type ServerErrorCode } from '../../shared/error-codes.js';
import type { ItemType } from '../../shared/getapp-protocol.js';
import type { PreparedDelivery } from '../../shared/getapp-schemas.js';
import { fail, ok, type Result } from '../../shared/result.js';
import type { Clock } from '../clock.js';
import type { EngineConfig } from '../config.js';
import { wait } from '../wait.js';

export interface PreparationApi {
  prepare(catalogId: string, itemType: ItemType, signal?: AbortSignal): Promise<Result<PreparedDelivery>>;
  status(catalogId: string, signal?: AbortSignal): Promise<Result<PreparedDelivery>>;
}

export interface PrepareOptions {
  readonly api: PreparationApi;
  readonly clock: Clock;
  readonly catalogId: string;
  readonly itemType: ItemType;
  readonly polling: EngineConfig['polling'];
  readonly signal?: AbortSignal;
  /** Every answer, for progress display (status, progress) and logging of unknown statuses. */
  readonly onStatus?: (delivery: PreparedDelivery) => void;
}

/** Errors from the server's cache machinery, which a fresh preparation may cure (protocol §2.3). */
const CACHE_SIDE_CODES: ReadonlySet<ServerErrorCode> = new Set([
  'DELIVERY.download',
  'DELIVERY.notVerified',
  'DELIVERY.unableClearCache',
  'DELIVERY.notExist',
  'DELIVERY.unknown',
]);

function serverError(delivery: PreparedDelivery): AppError {
  const code = toServerErrorCode(delivery.error?.errorCode);
  return appError({
    code,
    message: delivery.error?.message ?? `The server could not prepare ${delivery.catalogId} (${code}).`,
    retryable: CACHE_SIDE_CODES.has(code),
    detail: { catalogId: delivery.catalogId, serverCode: delivery.error?.errorCode ?? null },
  });
}

function timeout(catalogId: string, message: string): Result<never> {
  return fail(appError({ code: 'CLIENT.timeout', message, retryable: true, detail: { catalogId } }));
}

export async function prepareDelivery(options: PrepareOptions): Promise<Result<PreparedDelivery>> {
  const { api, clock, catalogId, itemType, polling, signal } = options;
  const startedAt = clock.now();
  let lastChangeAt = startedAt;
  let lastProgress: string | undefined;
  let interval = polling.intervalMs;
  let reprepared = { error: false, delete: false };

  let answer = await api.prepare(catalogId, itemType, signal);
  for (;;) {
    if (!answer.ok) return answer;
    const delivery = answer.value;
    options.onStatus?.(delivery);

    if (delivery.status === 'done') {
      if (!delivery.artifacts || delivery.artifacts.length === 0) {
        return fail(
          appError({
            code: 'CLIENT.badResponse',
            message: `The server says ${catalogId} is ready but lists no artifacts to download.`,
            retryable: false,
            detail: { catalogId },
          }),
        );
      }
      return ok(delivery);
    }

    if (delivery.status === 'error' || delivery.status === 'delete') {
      const error = delivery.status === 'error' ? serverError(delivery) : undefined;
      const kind = delivery.status;
      if ((error && !error.retryable) || reprepared[kind]) {
        return fail(
          error ??
            appError({
              code: 'DELIVERY.notExist',
              message: `The server discarded its prepared copy of ${catalogId} again; try later.`,
              retryable: true,
              detail: { catalogId },
            }),
        );
      }
      reprepared = { ...reprepared, [kind]: true };
      const paused = await wait(clock, polling.intervalMs, signal, `Preparing ${catalogId}`);
      if (!paused.ok) return paused;
      answer = await api.prepare(catalogId, itemType, signal);
      lastChangeAt = clock.now();
      continue;
    }

    // start, inProgress, pending or a status we do not know: still preparing.
    const progressKey = `${delivery.status}:${delivery.progress ?? ''}`;
    const now = clock.now();
    if (progressKey !== lastProgress) {
      lastProgress = progressKey;
      lastChangeAt = now;
      interval = polling.intervalMs;
    } else {
      interval = Math.min(polling.maxIntervalMs, Math.round(interval * 1.5));
    }
    if (now - startedAt >= polling.deadlineMs) {
      return timeout(
        catalogId,
        `The server did not finish preparing ${catalogId} within ${minutes(polling.deadlineMs)}.`,
      );
    }
    if (now - lastChangeAt >= polling.stallMs) {
      const at = delivery.progress !== undefined ? ` at ${delivery.progress}%` : '';
      return timeout(
        catalogId,
        `The server's preparation of ${catalogId} stopped moving${at} for ${minutes(polling.stallMs)}.`,
      );
    }
    const paused = await wait(clock, interval, signal, `Preparing ${catalogId}`);
    if (!paused.ok) return paused;
    answer = await api.status(catalogId, signal);
  }
}

function minutes(ms: number): string {
  const value = ms / 60_000;
  return value >= 1
    ? `${Number.isInteger(value) ? value : value.toFixed(1)} min`
    : `${Math.round(ms / 1000)} s`;
}
