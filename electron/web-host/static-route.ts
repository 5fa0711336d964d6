// The built renderer as static files: GET/HEAD only, opened by the session token from ?token= (the
// page load) or by the asset cookie that load sets. The cookie holds a separate asset-only token,
// never the session token: cookies are not isolated by port, so every other server on 127.0.0.1 the
// browser visits receives it, and it must open nothing but these files (a report page needs its
// ticket besides: report-route).
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolveStaticFile } from '../service/index.js';
import { TOKEN_PARAM, cookieName, sameToken, tokenFromCookie } from './access.js';
import { refuse } from './responses.js';

export async function handleStatic(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: { rendererDir: string; token: string; assetToken: string; port: number },
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return refuse(res, 405, 'CLIENT.invalidRequest', 'Use GET.');
  }
  const byQuery = sameToken(url.searchParams.get(TOKEN_PARAM), deps.token);
  if (!byQuery && !sameToken(tokenFromCookie(req, deps.port), deps.assetToken)) {
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
    return void res.end('Open Courier with the link (including its token) that `npm run web` printed.\n');
  }
  if (byQuery)
    res.setHeader(
      'set-cookie',
      `${cookieName(deps.port)}=${deps.assetToken}; HttpOnly; SameSite=Strict; Path=/`,
    );
  const file = await resolveStaticFile(deps.rendererDir, url.pathname);
  if (file.status !== 200) {
    res.writeHead(file.status, { 'content-type': 'text/plain; charset=utf-8' });
    return void res.end(file.status === 404 ? 'Not found.\n' : 'Bad path.\n');
  }
  res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.size });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file.path)
    .on('error', () => res.destroy())
    .pipe(res);
}
