// startWebHost: browser mode. Serves the built renderer and the service on 127.0.0.1 only, behind a
// random session token, Host and Origin checks (DNS rebinding, other sites).
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BROWSER_CSP, createRequestGate, type CourierService } from '../service/index.js';
import type { Log } from '../shared/log.js';
import { TOKEN_PARAM, hostAllowed, originAllowed, sameToken, type AccessPolicy } from './access.js';
import { handleEvents } from './events-route.js';
import { handleInvoke, isInvokePath } from './invoke-route.js';
import { REPORT_PAGE_PREFIX, type ReportPages } from './report-pages.js';
import { handleReport } from './report-route.js';
import { refuse, secureHeaders } from './responses.js';
import { handleStatic } from './static-route.js';

export interface WebHostOptions {
  readonly service: CourierService;
  /** The built renderer (vite's dist/renderer). */
  readonly rendererDir: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** The report pages the service hands out (its shell's reportPage); none served without it. */
  readonly reports?: ReportPages;
  /** Tests only; otherwise 32 random bytes, base64url. */
  readonly token?: string;
  readonly log?: Log;
}

export interface WebHost {
  /** The page to open, token included. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  // Opens static files only (the cookie); invoke and events never compare against it.
  const assetToken = randomBytes(32).toString('base64url');
  const log = options.log ?? (() => undefined);
  const gate = createRequestGate();
  const streams = new Set<ServerResponse>();
  const policy: { -readonly [K in keyof AccessPolicy]: AccessPolicy[K] } = { port: 0, token };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    secureHeaders(res, BROWSER_CSP);
    if (!hostAllowed(req, policy)) return refuse(res, 403, 'CLIENT.auth', 'Wrong host name for Courier.');
    if (!originAllowed(req, policy))
      return refuse(res, 403, 'CLIENT.auth', 'Requests from other sites are refused.');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${policy.port}`);
    if (isInvokePath(url.pathname))
      return handleInvoke(req, res, url.pathname, { service: options.service, gate, token });
    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return refuse(res, 405, 'CLIENT.invalidRequest', 'Use GET.');
      if (!sameToken(url.searchParams.get(TOKEN_PARAM), token))
        return refuse(res, 403, 'CLIENT.auth', 'This request is missing the session token.');
      return handleEvents(req, res, options.service, streams);
    }
    if (url.pathname.startsWith('/api/')) return refuse(res, 404, 'CLIENT.invalidRequest', 'Unknown action.');
    if (url.pathname.startsWith(REPORT_PAGE_PREFIX) && options.reports)
      return handleReport(req, res, url, { pages: options.reports, assetToken, port: policy.port });
    return handleStatic(req, res, url, {
      rendererDir: options.rendererDir,
      token,
      assetToken,
      port: policy.port,
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      log('error', `web host: ${error.message}`);
      if (!res.headersSent) refuse(res, 500, 'CLIENT.internal', 'The Courier host failed on this request.');
      else res.destroy();
    });
  });
  // Loopback only: nothing on the network can even connect.
  server.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  policy.port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${policy.port}`;

  return {
    url: `${origin}/?${TOKEN_PARAM}=${token}`,
    origin,
    port: policy.port,
    token,
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
