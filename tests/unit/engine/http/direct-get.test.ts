// The direct body path (artifact bodies read into the caller's buffers) against real loopback
// servers: every framing lands byte for byte, TLS included; keep-alive reuse only after a complete
// body; bytes past Content-Length never reach the sink (T4); a cut body fails (T3); malformed chunked
// framing is refused; a stale keep-alive socket is retried once (T10); a paused sink stops reading.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, test } from 'vitest';
import type { BodySink, DirectResponse } from '../../../../electron/engine/http/direct-get.js';
import { createTransport } from '../../../../electron/engine/http/transport.js';
import type { HttpTransport } from '../../../../electron/engine/http/transport.js';
import {
  selfSignedCert,
  startHttpServer,
  startHttpsServer,
  startRawServer,
  type TestServer,
} from '../../../support/http-test-server.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function transport(options: Parameters<typeof createTransport>[0] = {}): HttpTransport {
  const made = createTransport(options);
  cleanups.push(() => made.close());
  return made;
}

async function server(make: Promise<TestServer>): Promise<TestServer> {
  const started = await make;
  cleanups.push(() => started.close());
  return started;
}

/** A sink with small regions (so reads split), collecting what lands; `pauseEvery` pauses it. */
function collector(regionBytes = 1000, pauseEvery = 0) {
  const parts: Buffer[] = [];
  let region = Buffer.alloc(regionBytes);
  let landings = 0;
  const sink: BodySink = {
    region: () => (region = Buffer.alloc(regionBytes)),
    landed(count) {
      parts.push(Buffer.from(region.subarray(0, count)));
      landings += 1;
      return pauseEvery === 0 || landings % pauseEvery !== 0;
    },
  };
  return { sink, bytes: () => Buffer.concat(parts), landings: () => landings };
}

async function get(client: HttpTransport, url: string): Promise<DirectResponse> {
  const answer = await client.getDirect({ url: new URL(url), headers: {} });
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

const BODY = randomBytes(200_000);

describe('framings land byte for byte', () => {
  test('Content-Length, then a second GET on the same kept-alive connection', async () => {
    const target = await server(startHttpServer((_req, res) => res.end(BODY)));
    const client = transport();
    for (const path of ['/a', '/b']) {
      const response = await get(client, `${target.url}${path}`);
      const sink = collector();
      await response.body.pipe(sink.sink);
      expect(sink.bytes().equals(BODY)).toBe(true);
    }
    expect(target.connections()).toBe(1);
  });

  test('chunked with extensions and trailers, split across reads of any size', async () => {
    const target = await server(
      startRawServer((socket) => {
        socket.once('data', () => {
          socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
          let at = 0;
          for (const size of [1, 7, 4096, 50_000, 3, 145_893]) {
            socket.write(`${size.toString(16)};name=value\r\n`);
            socket.write(BODY.subarray(at, at + size));
            socket.write('\r\n');
            at += size;
          }
          socket.end('0\r\nX-Trailer: yes\r\n\r\n');
        });
      }),
    );
    const response = await get(transport(), `${target.url}/chunked`);
    const sink = collector(777);
    await response.body.pipe(sink.sink);
    expect(sink.bytes().equals(BODY)).toBe(true);
  });

  test('a body without length runs to the close', async () => {
    const target = await server(
      startRawServer((socket) => {
        socket.once('data', () => {
          socket.write('HTTP/1.1 200 OK\r\n\r\n');
          socket.end(BODY);
        });
      }),
    );
    const response = await get(transport(), `${target.url}/eof`);
    const sink = collector();
    await response.body.pipe(sink.sink);
    expect(sink.bytes().equals(BODY)).toBe(true);
  });

  const made = selfSignedCert();
  test.skipIf('skip' in made)('over TLS with a private CA', async () => {
    if ('skip' in made) return;
    const target = await server(
      startHttpsServer({ key: made.key, cert: made.cert }, (_req, res) => res.end(BODY)),
    );
    const response = await get(transport({ ca: made.cert }), `${target.url}/tls`);
    const sink = collector(65_536);
    await response.body.pipe(sink.sink);
    expect(sink.bytes().equals(BODY)).toBe(true);
  });

  test('a sink that pauses gets nothing until it resumes, then the rest intact', async () => {
    const target = await server(startHttpServer((_req, res) => res.end(BODY)));
    const response = await get(transport(), `${target.url}/paused`);
    const sink = collector(1000, 1);
    const done = response.body.pipe(sink.sink);
    let finished = false;
    void done.then(() => (finished = true));
    const turns = async (count: number) => {
      for (let i = 0; i < count; i += 1) await new Promise((resolve) => setImmediate(resolve));
    };
    while (!finished) {
      // Each landing pauses the sink: however long we wait, nothing more lands until resume().
      const before = sink.landings();
      await turns(5);
      expect(sink.landings()).toBe(before);
      response.body.resume();
      for (let i = 0; i < 1000 && sink.landings() === before && !finished; i += 1) await turns(1);
    }
    await done;
    expect(sink.bytes().equals(BODY)).toBe(true);
  });
});

describe('bodies that must not pass', () => {
  test('bytes past Content-Length never reach the sink, and the connection is not reused (T4)', async () => {
    const target = await server(
      startRawServer((socket) => {
        socket.on('data', () => socket.write('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloEXTRA-BYTES'));
      }),
    );
    const client = transport();
    for (const path of ['/a', '/b']) {
      const response = await get(client, `${target.url}${path}`);
      const sink = collector();
      await response.body.pipe(sink.sink);
      expect(sink.bytes().toString()).toBe('hello');
    }
    expect(target.connections()).toBe(2);
  });

  test('a Content-Length body cut short fails instead of ending (T3)', async () => {
    const target = await server(
      startRawServer((socket) => {
        socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this'));
      }),
    );
    const response = await get(transport(), `${target.url}/cut`);
    await expect(response.body.pipe(collector().sink)).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  test('a malformed chunk size is refused', async () => {
    const target = await server(
      startRawServer((socket) => {
        socket.once('data', () =>
          socket.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n'),
        );
      }),
    );
    const response = await get(transport(), `${target.url}/bad`);
    await expect(response.body.pipe(collector().sink)).rejects.toMatchObject({
      code: 'HPE_INVALID_CHUNK_SIZE',
    });
  });

  test('Content-Length beside chunked coding is a malformed answer, not a body', async () => {
    const target = await server(
      startRawServer((socket) => {
        socket.once('data', () =>
          socket.end(
            'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
          ),
        );
      }),
    );
    const answer = await transport().getDirect({ url: new URL(`${target.url}/smuggle`), headers: {} });
    expect(!answer.ok && answer.error.code).toBe('CLIENT.badResponse');
  });
});

describe('T10: stale keep-alive sockets', () => {
  test('a GET on a connection the server already closed is repeated once on a fresh one', async () => {
    const target = await server(
      startRawServer((socket, index) => {
        let requests = 0;
        socket.on('data', () => {
          requests += 1;
          if (index === 0 && requests >= 2) return socket.destroy();
          socket.write(`HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n${index}${requests}`);
        });
      }),
    );
    const client = transport();
    const seen: string[] = [];
    for (const path of ['/a', '/b']) {
      const response = await get(client, `${target.url}${path}`);
      const sink = collector();
      await response.body.pipe(sink.sink);
      seen.push(sink.bytes().toString());
    }
    expect(seen).toEqual(['01', '11']);
    expect(target.connections()).toBe(2);
  });
});
