// Tiny real servers on 127.0.0.1 for transport tests: node:http for well-formed answers, node:net for
// misbehaviour node:http refuses to produce, and a self-signed certificate made by openssl at test time.
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { ServerOptions } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestServer {
  readonly url: string;
  readonly port: number;
  /** Every request seen, with its headers (node:http servers only). */
  readonly requests: { method: string; url: string; headers: IncomingMessage['headers'] }[];
  /** TCP connections accepted. */
  connections(): number;
  close(): Promise<void>;
}

async function listen(server: Server, scheme: string, requests: TestServer['requests']): Promise<TestServer> {
  let connections = 0;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    requests,
    connections: () => connections,
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

function recording(handler: RequestListener, requests: TestServer['requests']): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  };
}

export function startHttpServer(handler: RequestListener): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  return listen(createHttpServer(recording(handler, requests)), 'http', requests);
}

export function startHttpsServer(tls: ServerOptions, handler: RequestListener): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  return listen(createHttpsServer(tls, recording(handler, requests)), 'https', requests);
}

/** A raw TCP server: `onConnection` gets each socket and its 0-based index. */
export function startRawServer(onConnection: (socket: Socket, index: number) => void): Promise<TestServer> {
  let index = 0;
  const server = createNetServer((socket) => onConnection(socket, index++));
  return listen(server, 'http', []);
}

/** A port on 127.0.0.1 that nothing listens on (T1: connection refused). */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  server.close();
  await once(server, 'close');
  return port;
}

/** A self-signed certificate for 127.0.0.1, or undefined (with why) when openssl is missing. */
export function selfSignedCert(): { cert: string; key: string } | { skip: string } {
  const dir = mkdtempSync(join(tmpdir(), 'courier-http-cert-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyPath,
        '-out',
        certPath,
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    return { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') };
  } catch (error) {
    return { skip: `openssl could not make a test certificate: ${(error as Error).message}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Collects a readable's bytes. */
export async function collect(body: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
