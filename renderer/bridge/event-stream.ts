// Browser mode's push transport: one EventSource on /api/events, named events carrying one JSON
// snapshot each, reconnecting with backoff when the host drops it. Knows nothing of React or stores.
import { PUSH_EVENTS, type PushEvent } from '../../electron/shared/ipc-contract.js';

/** The part of the DOM EventSource this module uses (tests pass a fake). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => unknown) | null;
  onerror: ((event: Event) => unknown) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}
export type EventSourceFactory = (url: string) => EventSourceLike;

export interface EventStreamHandlers {
  readonly onEvent: (event: PushEvent, payload: unknown) => void;
  /** Called on every (re)connection; `again` is true after the first, when events may have been missed. */
  readonly onOpen: (again: boolean) => void;
  readonly onDrop: () => void;
}

const CLOSED = 2;
const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 15_000] as const;

export interface EventStream {
  close(): void;
}

export function openEventStream(
  url: string,
  create: EventSourceFactory,
  handlers: EventStreamHandlers,
  timers: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout } = globalThis,
): EventStream {
  let source: EventSourceLike | null = null;
  let opened = false;
  let connected = false;
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const connect = () => {
    retry = null;
    if (closed) return;
    const current = create(url);
    source = current;
    current.onopen = () => {
      attempt = 0;
      connected = true;
      handlers.onOpen(opened);
      opened = true;
    };
    current.onerror = () => {
      if (connected) handlers.onDrop();
      connected = false;
      // EventSource retries by itself after a dropped stream; it gives up (CLOSED) on an HTTP error
      // or a wrong content type, and then only a new EventSource can bring the pushes back.
      if (current.readyState === CLOSED && !closed) {
        current.close();
        const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
        attempt += 1;
        retry = timers.setTimeout(connect, delay);
      }
    };
    for (const name of PUSH_EVENTS) {
      current.addEventListener(name, (event) => {
        let payload: unknown;
        try {
          payload = JSON.parse(event.data);
        } catch {
          return; // A torn or foreign message: the next whole snapshot replaces it anyway.
        }
        handlers.onEvent(name, payload);
      });
    }
  };

  connect();
  return {
    close() {
      closed = true;
      if (retry !== null) timers.clearTimeout(retry);
      source?.close();
    },
  };
}
