// A CourierBridge for renderer tests: records every call in order, answers from in-memory state or
// per-method overrides, and lets a test push events as the service would. No DOM, no network.
import { appError } from '../../electron/shared/app-error.js';
import {
  INVOKE_METHODS,
  PUSH_EVENTS,
  subscriberName,
  type CourierBridge,
  type InvokeMethod,
  type InvokeRequest,
  type InvokeResponse,
  type PushContract,
  type PushEvent,
} from '../../electron/shared/ipc-contract.js';
import { ok, type Result } from '../../electron/shared/result.js';
import type { JobSnapshot } from '../../electron/shared/snapshots.js';
import { makeSettings } from './renderer-fixtures.js';

export type Call =
  | { readonly kind: 'invoke'; readonly method: InvokeMethod; readonly request: unknown }
  | {
      readonly kind: 'subscribe';
      readonly event: PushEvent;
    };

type Handler<M extends InvokeMethod> = (
  request: InvokeRequest<M>,
) => Result<InvokeResponse<M>> | Promise<Result<InvokeResponse<M>>>;

export interface FakeBridge {
  readonly bridge: CourierBridge;
  readonly calls: Call[];
  /** The invoke calls of one method, their requests in order. */
  requests<M extends InvokeMethod>(method: M): InvokeRequest<M>[];
  respond<M extends InvokeMethod>(method: M, handler: Handler<M>): void;
  emit<E extends PushEvent>(event: E, payload: PushContract[E]): void;
  listenerCount(event: PushEvent): number;
  jobs: JobSnapshot[];
}

const notImplemented = (method: string) =>
  ({
    ok: false,
    error: appError({ code: 'CLIENT.invalidRequest', message: `fake bridge: ${method}`, retryable: false }),
  }) as const;

export function createFakeBridge(): FakeBridge {
  const calls: Call[] = [];
  const listeners = new Map<PushEvent, Set<(payload: unknown) => void>>(
    PUSH_EVENTS.map((e) => [e, new Set()]),
  );
  const handlers = new Map<InvokeMethod, (request: unknown) => unknown>();
  const fake: FakeBridge = {
    bridge: {} as CourierBridge,
    calls,
    jobs: [],
    requests: (method) =>
      calls.flatMap((call) =>
        call.kind === 'invoke' && call.method === method ? [call.request as never] : [],
      ),
    respond: (method, handler) => void handlers.set(method, handler as (request: unknown) => unknown),
    emit: (event, payload) => [...(listeners.get(event) ?? [])].forEach((listener) => listener(payload)),
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  };
  const defaults: Partial<Record<InvokeMethod, (request: unknown) => unknown>> = {
    getSettings: () => ok(makeSettings()),
    listJobs: () => ok(fake.jobs),
    listHistory: () => ok([]),
    listProjects: () => ok({ projects: [], total: 0, page: 1, perPage: 20 }),
    openJobFolder: () => ok({ how: 'opened' }),
    openJobReport: () => ok({ how: 'opened' }),
  };
  const bridge: Record<string, unknown> = {};
  for (const method of INVOKE_METHODS) {
    bridge[method] = async (request?: unknown) => {
      calls.push({ kind: 'invoke', method, request });
      const handler = handlers.get(method) ?? defaults[method];
      return handler ? await handler(request) : notImplemented(method);
    };
  }
  for (const event of PUSH_EVENTS) {
    bridge[subscriberName(event)] = (listener: (payload: unknown) => void) => {
      calls.push({ kind: 'subscribe', event });
      listeners.get(event)?.add(listener);
      return () => void listeners.get(event)?.delete(listener);
    };
  }
  (fake as { bridge: CourierBridge }).bridge = bridge as unknown as CourierBridge;
  return fake;
}
