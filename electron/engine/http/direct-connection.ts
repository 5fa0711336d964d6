// One socket of the direct GET (direct-get.ts), reused across exchanges: its onread hooks let the
// kernel copy each read into the buffer the current exchange names, and it remembers what makes it
// unfit for another request (the server's EOF, stray bytes, an error).
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { guardedLookup } from './outbound-guard.js';

/** Socket reads before the body (the head, and body bytes that came with it) land here. */
export const HEAD_BUFFER = 64 * 1024;

/** TLS and client-certificate material, as transport.ts takes it. */
export interface ConnectionTls {
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
}

/** What the current exchange does with the connection's reads. */
export interface Reader {
  buffer(): Uint8Array;
  /** `count` bytes landed at the start of `into` (normally the last buffer); false pauses reading. */
  read(count: number, into: Uint8Array): boolean;
  end(): void;
  error(error: Error): void;
}

/** One socket, reused across exchanges; its onread hooks forward to whichever exchange reads it. */
export class Connection {
  readonly socket: Socket;
  reader: Reader | undefined;
  /** Something the connection can no longer be trusted for a next request after. */
  spoiled = false;
  /** The server closed its side (EOF). */
  ended = false;
  failure: Error | undefined;
  /** Told when the socket closes, for the idle pool. */
  onClose: (() => void) | undefined;
  /** Where reads land when no exchange reads (the bytes are then a protocol error). */
  private readonly spare = Buffer.allocUnsafe(16 * 1024);

  constructor(
    readonly key: string,
    url: URL,
    tls: ConnectionTls,
  ) {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const onread = {
      // Called after every read (and once at the start): where the next read lands.
      buffer: () => this.reader?.buffer() ?? this.spare,
      callback: (count: number, into: Uint8Array) => {
        if (this.reader) return this.reader.read(count, into);
        // Bytes nobody asked for: the server is out of step; never reuse this connection.
        this.spoiled = true;
        return false;
      },
    };
    const target = { host, port, lookup: guardedLookup, onread };
    // @types/node lists `onread` for net.connect only; tls.connect takes it too and reads through it.
    const secure = { ...target, ...tls, ...(isIP(host) ? {} : { servername: host }) };
    this.socket = url.protocol === 'https:' ? tlsConnect(secure) : netConnect(target);
    this.socket.on('end', () => {
      this.ended = true;
      this.reader?.end();
    });
    this.socket.on('error', (error) => {
      this.failure ??= error;
      this.reader?.error(error);
    });
    this.socket.on('timeout', () => this.socket.destroy());
    this.socket.on('close', () => {
      // After the server's EOF a close is the normal end; before it, the connection broke.
      if (!this.ended)
        this.failure ??= Object.assign(new Error('the connection closed'), { code: 'ECONNRESET' });
      if (this.failure) this.reader?.error(this.failure);
      this.onClose?.();
    });
  }

  get usable(): boolean {
    return !this.ended && !this.spoiled && this.failure === undefined && !this.socket.destroyed;
  }
}
