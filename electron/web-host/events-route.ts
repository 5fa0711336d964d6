// GET /api/events?token=: the service's push stream as server-sent events, one `event: <name>` and
// one `data: <json>` line per push event, with comment heartbeats so proxies and sleeps notice a
// dead stream.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CourierService } from '../service/index.js';

const HEARTBEAT_MS = 15_000;

export function handleEvents(
  req: IncomingMessage,
  res: ServerResponse,
  service: CourierService,
  streams: Set<ServerResponse>,
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  res.write(': courier events\n\n');
  // JSON.stringify escapes newlines, so each payload is exactly one data: line.
  const unsubscribe = service.subscribe(({ event, payload }) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  });
  let timer: NodeJS.Timeout | undefined;
  const beat = () => {
    timer = setTimeout(() => {
      res.write(': ping\n\n');
      beat();
    }, HEARTBEAT_MS);
    timer.unref();
  };
  beat();
  streams.add(res);
  const stop = () => {
    clearTimeout(timer);
    unsubscribe();
    streams.delete(res);
  };
  req.once('close', stop);
  res.once('close', stop);
}
