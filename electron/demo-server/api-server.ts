// The demo GetApp gateway: login, delivery prepare/status/report and catalog offering, with the real
// gateway's versioning, auth guard and error bodies. This module owns the request pipeline only
// (logging, faults, routing, auth, body reading); handlers live in routes-*.ts. Pure Node:
// node:*, siblings and shared/ types only.
import {
  STATUS_CODES,
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import { TokenAuthority } from './auth.js';
import type { DemoCatalog } from './catalog-model.js';
import type { ApiFaultScript, FaultRegistry, RequestLog } from './faults.js';
import { badRequest, httpError, notFound, unauthorized, type ErrorContext } from './gateway-errors.js';
import { JSON_CONTENT_TYPE, readJsonBody, writeReply, type Reply } from './http-json.js';
import type { CacheModeOptions, DemoCredentials, DemoMode } from './options.js';
import type { Presigner } from './presign.js';
import { demoReply } from './routes-demo.js';
import { deliveryRoutes } from './routes-delivery.js';
import { loginRoutes } from './routes-login.js';
import { offeringRoutes } from './routes-offering.js';
import { matchRoute, versionPath, type Route, type VersionedPath } from './routing.js';
import type { StatusReportStore } from './status-reports.js';

export interface ApiServerOptions {
  /** Serve the API over HTTPS and accept client certificates issued by `clientCa` (mTLS). */
  tls?: { key: string; cert: string; clientCa: string };
  catalog: DemoCatalog;
  mode: DemoMode;
  presigner: Presigner;
  now: () => number;
  credentials: DemoCredentials;
  tokenTtlSeconds: number;
  refreshTtlSeconds: number;
  cache: CacheModeOptions;
  reports: StatusReportStore;
  faults?: FaultRegistry;
  requestLog?: RequestLog;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A scripted answer instead of the handler's; without a body, a gateway-shaped error for the status. */
function faultReply(script: ApiFaultScript & { status: number }, errors: ErrorContext): Reply {
  const headers = script.retryAfter === undefined ? undefined : { 'Retry-After': script.retryAfter };
  const base: Reply =
    script.body === undefined
      ? httpError(errors, script.status, STATUS_CODES[script.status] ?? `HTTP ${script.status}`)
      : { status: script.status, text: script.body };
  return {
    ...base,
    ...(headers ? { headers } : {}),
    contentType: script.contentType ?? JSON_CONTENT_TYPE,
  };
}

export function createApiServer(options: ApiServerOptions): Server {
  const auth = new TokenAuthority(options);
  const routes: Route[] = [
    ...loginRoutes(auth),
    ...deliveryRoutes(options),
    ...offeringRoutes(options.catalog),
    {
      method: 'GET',
      path: 'checkHealth',
      versions: [1],
      open: true,
      handle: () => ({ status: 200, json: { status: 'ok' } }),
    },
  ];

  async function dispatch(
    req: IncomingMessage,
    target: VersionedPath,
    query: URLSearchParams,
    errors: ErrorContext,
  ): Promise<Reply> {
    const method = req.method ?? 'GET';
    const match = matchRoute(routes, method, target.version, target.segments);
    if (match.kind === 'none') return notFound(errors, method);
    if (match.kind === 'badParam') return badRequest(errors, `Failed to decode param '${match.segment}'`);
    if (!match.route.open) {
      // mTLS (HTTP_PROTOCOL=true on the real gateway): a verified client certificate plus
      // `auth_type: CC` passes without a token; the server asks for certificates but never rejects.
      const viaCertificate =
        (req.socket as TLSSocket).authorized === true && req.headers['auth_type'] === 'CC';
      const verdict = viaCertificate ? { ok: true as const } : auth.authenticate(req.headers);
      if (!verdict.ok) return unauthorized(errors, verdict.message);
    }
    let body: unknown = {};
    if (match.route.method === 'POST') {
      const read = await readJsonBody(req);
      if (!read.ok) {
        if (read.reason === 'tooLarge') return httpError(errors, 413, 'request entity too large');
        return badRequest(errors, read.reason === 'malformed' ? read.message : 'request aborted');
      }
      body = read.value;
    }
    return match.route.handle({ params: match.params, query, body, headers: req.headers, errors });
  }

  async function respond(req: IncomingMessage): Promise<Reply> {
    const method = req.method ?? 'GET';
    const raw = req.url ?? '/';
    const cut = raw.indexOf('?');
    const pathname = cut < 0 ? raw : raw.slice(0, cut);
    const search = cut < 0 ? '' : raw.slice(cut);
    const query = new URLSearchParams(search);
    const target = versionPath(pathname, search);
    if (!target) {
      const page = method === 'GET' || method === 'HEAD' ? demoReply(options, pathname, query) : undefined;
      return page ?? notFound({ path: raw, now: options.now }, method);
    }
    const errors: ErrorContext = { path: target.rewrittenUrl, now: options.now };
    // Scripts match the version-less, decoded path: "delivery/preparedDelivery/1.field-nav@2.3.1".
    const script = options.faults?.takeApi(safeDecode(target.segments.join('/')));
    if (script?.delayMs) await sleep(script.delayMs);
    if (script?.status !== undefined) return faultReply({ ...script, status: script.status }, errors);
    const reply = await dispatch(req, target, query, errors);
    if (!script?.transform || reply.text !== undefined) return reply;
    return { ...reply, json: script.transform(reply.json) };
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const entry = options.requestLog?.add({
      server: 'api',
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: { ...req.headers },
      status: 0,
      bytesSent: 0,
    });
    const withBody = req.method !== 'HEAD';
    const send = (reply: Reply) => {
      const bytes = writeReply(res, reply, withBody);
      if (entry) {
        entry.status = reply.status;
        entry.bytesSent = bytes;
      }
    };
    respond(req)
      .then(send)
      .catch(() => {
        // A handler or a fault transform failed: answer like Nest's catch-all filter, never hang.
        if (res.headersSent) return void res.destroy();
        send(httpError({ path: req.url ?? '/', now: options.now }, 500, 'Internal server error'));
      });
  };
  return options.tls
    ? createHttpsServer(
        {
          key: options.tls.key,
          cert: options.tls.cert,
          ca: options.tls.clientCa,
          requestCert: true,
          rejectUnauthorized: false,
        },
        handler,
      )
    : createServer(handler);
}
