// Turns the raw bytes of a response body, as they land in the caller's buffer, into body bytes in
// place: a Content-Length body is cut at its length (bytes past it never count, T4), a chunked one has
// its framing removed by moving the data down. Pure; strict like llhttp, with its error codes.
import { protocolError, type Framing } from './response-head.js';

/** A chunk-size line longer than this is not a chunk size (llhttp is as strict). */
const MAX_SIZE_LINE = 4096;

const CR = 0x0d;
const LF = 0x0a;

type ChunkState =
  | 'size'
  | 'extension'
  | 'sizeLf'
  | 'data'
  | 'dataCr'
  | 'dataLf'
  | 'trailerStart'
  | 'trailer'
  | 'trailerLf'
  | 'endLf'
  | 'done';

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

export class BodyDecoder {
  /** Body bytes still expected (length framing) or left in the current chunk (chunked). */
  private remaining: number;
  private state: ChunkState = 'size';
  private sizeDigits = 0;
  private lineBytes = 0;
  /** Bytes arrived after the body's end: the connection cannot be reused. */
  excess = false;

  constructor(private readonly framing: Framing) {
    this.remaining = framing.kind === 'length' ? framing.length : 0;
  }

  /** The body is complete by its framing (a close-delimited body completes only at EOF). */
  get done(): boolean {
    switch (this.framing.kind) {
      case 'none':
        return true;
      case 'length':
        return this.remaining === 0;
      case 'chunked':
        return this.state === 'done';
      case 'close':
        return false;
    }
  }

  /**
   * Decodes the `count` raw bytes at `buf[start]`: returns how many body bytes now sit at
   * `buf[start, start + n)`. Throws protocolError on malformed chunked framing.
   */
  decode(buf: Uint8Array, start: number, count: number): number {
    switch (this.framing.kind) {
      case 'close':
        return count;
      case 'none':
        if (count > 0) this.excess = true;
        return 0;
      case 'length': {
        const body = Math.min(count, this.remaining);
        this.remaining -= body;
        if (body < count) this.excess = true;
        return body;
      }
      case 'chunked':
        return this.decodeChunked(buf, start, start + count) - start;
    }
  }

  /** Returns where the compacted body bytes end. */
  private decodeChunked(buf: Uint8Array, start: number, end: number): number {
    let write = start;
    let read = start;
    while (read < end) {
      if (this.state === 'data') {
        const take = Math.min(this.remaining, end - read);
        if (write !== read) buf.copyWithin(write, read, read + take);
        write += take;
        read += take;
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'dataCr';
        continue;
      }
      if (this.state === 'done') {
        this.excess = true;
        return write;
      }
      this.step(buf[read]!);
      read += 1;
    }
    return write;
  }

  /** One byte of chunk framing (size line, CRLF after data, trailer section). */
  private step(byte: number): void {
    const bad = (text: string) => protocolError('HPE_INVALID_CHUNK_SIZE', text);
    switch (this.state) {
      case 'size': {
        const digit = hexValue(byte);
        if (digit >= 0) {
          this.sizeDigits += 1;
          this.remaining = this.remaining * 16 + digit;
          if (this.sizeDigits > 13 || this.remaining > Number.MAX_SAFE_INTEGER)
            throw bad('chunk size too large');
          return;
        }
        if (this.sizeDigits === 0) throw bad('invalid chunk size');
        if (byte === CR) this.state = 'sizeLf';
        else if (byte === 0x3b || byte === 0x20 || byte === 0x09) this.state = 'extension';
        else throw bad('invalid chunk size');
        this.lineBytes = 0;
        return;
      }
      case 'extension':
        if (byte === CR) this.state = 'sizeLf';
        else if (byte === LF || (byte < 0x20 && byte !== 0x09) || ++this.lineBytes > MAX_SIZE_LINE)
          throw bad('invalid chunk extension');
        return;
      case 'sizeLf':
        if (byte !== LF) throw bad('missing LF after chunk size');
        this.sizeDigits = 0;
        this.state = this.remaining === 0 ? 'trailerStart' : 'data';
        return;
      case 'dataCr':
        if (byte !== CR) throw protocolError('HPE_STRICT', 'missing CRLF after chunk data');
        this.state = 'dataLf';
        return;
      case 'dataLf':
        if (byte !== LF) throw protocolError('HPE_STRICT', 'missing CRLF after chunk data');
        this.state = 'size';
        return;
      case 'trailerStart':
        // An empty line ends the body; anything else is a trailer field, skipped to its line end.
        this.lineBytes = 0;
        this.state = byte === CR ? 'endLf' : 'trailer';
        return;
      case 'trailer':
        if (byte === CR) this.state = 'trailerLf';
        else if (byte === LF || ++this.lineBytes > MAX_SIZE_LINE)
          throw protocolError('HPE_INVALID_HEADER_TOKEN', 'malformed trailer');
        return;
      case 'trailerLf':
        if (byte !== LF) throw protocolError('HPE_INVALID_HEADER_TOKEN', 'malformed trailer');
        this.state = 'trailerStart';
        return;
      case 'endLf':
        if (byte !== LF) throw protocolError('HPE_STRICT', 'missing LF at the end of the body');
        this.state = 'done';
        return;
      case 'data':
      case 'done':
        return;
    }
  }
}
