// The GetApp API as typed calls returning Results (protocol §1.4-1.7): endpoints, validation, retries;
// credentials belong to auth-session.
import type { ZodType } from 'zod';
import { appError } from '../../shared/app-error.js';
import type { DeliveryStatusDto, ItemType } from '../../shared/getapp-protocol.js';
import { silentLog, type Log } from '../../shared/log.js';
import type { PreparedDelivery } from '../../shared/getapp-schemas.js';
import { fail, ok } from '../../shared/result.js';
import type { Result } from '../../shared/result.js';
import type { Clock } from '../clock.js';
import { drain, readJson, readText } from '../http/read-body.js';
import type { HttpResponse, HttpTransport } from '../http/transport.js';
import { parseStatusResponse } from '../status-parse.js';
import { errorFromResponse } from './api-errors.js';
import { withRetries } from './api-retry.js';
import { endpoint, normalizeApiUrl, pathParam } from './api-url.js';
import { createAuthSession } from './auth-session.js';
import type { AuthMode, AuthSession } from './auth-session.js';
import { ComponentSchema, ProjectsPageSchema } from './offering-schemas.js';
import type { Component, ProjectsPage } from './offering-schemas.js';

export interface ApiClientOptions {
  /** `https://host[:port]`, with or without a trailing `/api` or `/`. */
  readonly apiUrl: string;
  readonly auth: AuthMode;
  readonly deviceId: string;
  readonly transport: HttpTransport;
  /** Retry waits and token expiry; network deadlines stay on the transport's own timers. */
  readonly clock: Clock;
  readonly random?: () => number;
  /** Sent as ?source= on prepare and status (agents acting as delivery nodes honour it). */
  readonly source?: 'remote' | 'cache';
  readonly log?: Log;
}

export interface ProjectsQuery {
  readonly query?: string;
  readonly page?: number;
  readonly perPage?: number;
}

export interface ApiClient {
  /** `status:"error"` comes back as a successful Result: the job decides (P3). */
  prepare(catalogId: string, itemType: ItemType, signal?: AbortSignal): Promise<Result<PreparedDelivery>>;
  status(catalogId: string, signal?: AbortSignal): Promise<Result<PreparedDelivery>>;
  /** Sent once, never retried here: the status reporter keeps an outbox. */
  report(dto: DeliveryStatusDto, signal?: AbortSignal): Promise<Result<void>>;
  /** Unauthenticated; any 2xx is healthy. */
  checkHealth(signal?: AbortSignal): Promise<Result<void>>;
  component(catalogId: string, signal?: AbortSignal): Promise<Result<Component>>;
  projects(query: ProjectsQuery, signal?: AbortSignal): Promise<Result<ProjectsPage>>;
  /** The only origin that ever receives credentials; '' when apiUrl is invalid. */
  readonly apiOrigin: string;
}

interface CallSpec {
  readonly method: 'GET' | 'POST';
  readonly url: URL;
  readonly json?: unknown;
  readonly authenticated: boolean;
  readonly signal: AbortSignal | undefined;
}

function invalidAnswer(what: string): Result<never> {
  return fail(
    appError({
      code: 'CLIENT.badResponse',
      message: `The server sent an invalid ${what}.`,
      retryable: false,
    }),
  );
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = normalizeApiUrl(options.apiUrl);
  if (!base.ok) return brokenClient(base);
  const apiBase = base.value;
  const { transport, clock } = options;
  const log = options.log ?? silentLog;
  const random = options.random ?? Math.random;
  const session: AuthSession = createAuthSession({ apiBase, mode: options.auth, transport, clock, log });

  /** One exchange; a non-2xx answer becomes its AppError here. */
  async function call(spec: CallSpec): Promise<Result<HttpResponse>> {
    const body = spec.json === undefined ? undefined : Buffer.from(JSON.stringify(spec.json));
    const headers = { accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) };
    const exchange = (auth: Readonly<Record<string, string>>) =>
      transport.request({
        method: spec.method,
        url: spec.url,
        headers: { ...headers, ...auth },
        ...(body ? { body } : {}),
        ...(spec.signal ? { signal: spec.signal } : {}),
      });
    const sent = spec.authenticated
      ? await session.send(spec.url, spec.signal, exchange)
      : await exchange({});
    if (!sent.ok) return sent;
    const res = sent.value;
    if (res.status >= 200 && res.status < 300) return sent;
    return fail(await errorFromResponse(res, clock.now()));
  }

  const retried = <T>(label: string, signal: AbortSignal | undefined, attempt: () => Promise<Result<T>>) =>
    withRetries(attempt, { clock, random, log, label, ...(signal ? { signal } : {}) });

  async function deliveryAnswer(spec: CallSpec, catalogId: string): Promise<Result<PreparedDelivery>> {
    const sent = await call(spec);
    if (!sent.ok) return sent;
    const text = await readText(sent.value, { json: true });
    return text.ok ? parseStatusResponse(text.value, catalogId) : text;
  }

  async function validated<T>(spec: CallSpec, schema: ZodType<T>, what: string): Promise<Result<T>> {
    const sent = await call(spec);
    if (!sent.ok) return sent;
    const read = await readJson(sent.value);
    if (!read.ok) return read;
    const parsed = schema.safeParse(read.value);
    return parsed.success ? ok(parsed.data) : invalidAnswer(what);
  }

  const source = options.source !== undefined ? { source: options.source } : {};

  return {
    apiOrigin: apiBase.origin,

    prepare(catalogId, itemType, signal) {
      const param = pathParam(catalogId, 'catalog id');
      if (!param.ok) return Promise.resolve(param);
      const url = endpoint(apiBase, 'delivery/prepareDelivery', source);
      const json = { catalogId, deviceId: options.deviceId, itemType };
      return retried('prepare', signal, () =>
        deliveryAnswer({ method: 'POST', url, json, authenticated: true, signal }, catalogId),
      );
    },

    status(catalogId, signal) {
      const param = pathParam(catalogId, 'catalog id');
      if (!param.ok) return Promise.resolve(param);
      const url = endpoint(apiBase, `delivery/preparedDelivery/${param.value}`, source);
      return retried('status', signal, () =>
        deliveryAnswer({ method: 'GET', url, authenticated: true, signal }, catalogId),
      );
    },

    async report(dto, signal) {
      const url = endpoint(apiBase, 'delivery/updateDownloadStatus');
      const sent = await call({ method: 'POST', url, json: dto, authenticated: true, signal });
      if (!sent.ok) return sent;
      // 201 with an empty body (protocol §1.7); whatever body there is carries nothing for us.
      await drain(sent.value);
      return ok(undefined);
    },

    checkHealth(signal) {
      const url = endpoint(apiBase, 'checkHealth');
      return retried('checkHealth', signal, async () => {
        const sent = await call({ method: 'GET', url, authenticated: false, signal });
        if (!sent.ok) return sent;
        await drain(sent.value);
        return ok(undefined);
      });
    },

    component(catalogId, signal) {
      const param = pathParam(catalogId, 'catalog id');
      if (!param.ok) return Promise.resolve(param);
      const url = endpoint(apiBase, `catalog/offering/component/${param.value}`);
      return retried('component', signal, async () => {
        const answer = await validated(
          { method: 'GET', url, authenticated: true, signal },
          ComponentSchema,
          'component description',
        );
        // A description of another release must not be shown as this one.
        return answer.ok && answer.value.id !== catalogId
          ? invalidAnswer('component description (another catalog id)')
          : answer;
      });
    },

    projects(query, signal) {
      const url = endpoint(apiBase, 'catalog/offering/projects', {
        query: query.query ?? '',
        page: String(query.page ?? 1),
        perPage: String(query.perPage ?? 20),
      });
      return retried('projects', signal, () =>
        validated({ method: 'GET', url, authenticated: true, signal }, ProjectsPageSchema, 'project list'),
      );
    },
  };
}

/** A client whose every call reports the configuration error (errors are values, never thrown). */
function brokenClient(error: Result<never>): ApiClient {
  const answer = () => Promise.resolve(error);
  return {
    apiOrigin: '',
    prepare: answer,
    status: answer,
    report: answer,
    checkHealth: answer,
    component: answer,
    projects: answer,
  };
}
