// A tiny node:net HTTP server for the framings node:http refuses to produce: EOF-delimited bodies cut
// short (T3), bytes past the declared length (T4), 206s with a wrong Content-Range (T8), and
// redirects to anywhere (U3). Each connection answers one request, then the script says how it ends.
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

export interface RawRequest {
  readonly method: string;
  readonly path: string;
  /** Lowercase names. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface RawReply {
  readonly status: number;
  readonly reason?: string;
  /** Written verbatim, in order; no Content-Length is added unless listed. */
  readonly headers?: readonly (readonly [string, string])[];
  readonly body?: Buffer;
  /** 'close' (default) ends the connection after the body: what makes a body EOF-delimited. */
  readonly then?: 'close' | 'hang';
}

export interface RawServer {
  readonly origin: string;
  readonly requests: RawRequest[];
  url(path: string): URL;
  close(): Promise<void>;
}

function parseHead(text: string): RawRequest {
  const [line = '', ...rest] = text.split('\r\n');
  const [method = '', path = ''] = line.split(' ');
  const headers: Record<string, string> = {};
  for (const row of rest) {
    const colon = row.indexOf(':');
    if (colon > 0) headers[row.slice(0, colon).trim().toLowerCase()] = row.slice(colon + 1).trim();
  }
  return { method, path, headers };
}

/** `reply` sees each request and its 0-based index. */
export async function startRawServer(
  reply: (request: RawRequest, index: number) => RawReply,
  host = '127.0.0.1',
): Promise<RawServer> {
  const requests: RawRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffered = Buffer.alloc(0);
    const onData = (data: Buffer) => {
      buffered = Buffer.concat([buffered, data]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      const request = parseHead(buffered.subarray(0, end).toString('latin1'));
      requests.push(request);
      const answer = reply(request, requests.length - 1);
      const head = [
        `HTTP/1.1 ${answer.status} ${answer.reason ?? 'Whatever'}`,
        ...(answer.headers ?? []).map(([name, value]) => `${name}: ${value}`),
        '',
        '',
      ].join('\r\n');
      socket.write(head);
      if (answer.body) socket.write(answer.body);
      if ((answer.then ?? 'close') === 'close') socket.end();
    };
    socket.on('data', onData);
  });
  server.listen(0, host);
  await once(server, 'listening');
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    url: (path) => new URL(path, origin),
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/** A correct answer for `body`: 206 from the requested offset when a `bytes=N-` Range is sent, else 200. */
export function honestReply(body: Buffer, request: RawRequest): RawReply {
  const m = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
  const start = m ? Number(m[1]) : 0;
  if (m && start >= body.length) {
    return {
      status: 416,
      headers: [
        ['Content-Range', `bytes */${body.length}`],
        ['Content-Length', '0'],
      ],
    };
  }
  const part = body.subarray(start);
  return {
    status: m ? 206 : 200,
    headers: [
      ['Content-Type', 'application/octet-stream'],
      ['Content-Length', String(part.length)],
      ...(m ? ([['Content-Range', `bytes ${start}-${body.length - 1}/${body.length}`]] as const) : []),
    ],
    body: part,
  };
}
