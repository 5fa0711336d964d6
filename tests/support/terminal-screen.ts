// A tiny terminal for tests: replays what a command wrote to its TTY and keeps what a person would
// see. It knows what Courier's live view uses: printable text with auto-wrap at the width, \r, \n
// (as the tty driver sends it, a new line at column 0), cursor up (ESC[nA), erase line (ESC[2K,
// ESC[K) and erase below (ESC[J); colours (ESC[...m) take no room. A resize reflows the rows as the
// common terminals do (VTE, iTerm2, Windows Terminal): a line wider than the new width wraps.
// Everything else is kept as text, so a stray sequence shows up on screen instead of hiding.

interface Row {
  text: string[];
  /** This row continues the one above (the text wrapped into it). */
  wrapped: boolean;
}

export class TerminalScreen {
  private rows: Row[] = [{ text: [], wrapped: false }];
  private row = 0;
  private col = 0;
  /** Cursor-up moves that asked to go above the first row (a view that lost count). */
  overshoots = 0;

  constructor(public columns: number) {}

  write(data: string): void {
    for (let i = 0; i < data.length;) {
      const rest = data.slice(i);
      // eslint-disable-next-line no-control-regex -- escape sequences are what a terminal reads
      const sequence = /^\x1b\[([0-9;]*)([A-Za-z])/.exec(rest);
      if (sequence) {
        this.control(sequence[1]!, sequence[2]!);
        i += sequence[0].length;
        continue;
      }
      const char = String.fromCodePoint(rest.codePointAt(0)!);
      i += char.length;
      if (char === '\r') this.col = 0;
      else if (char === '\n') this.newLine(false);
      else this.put(char);
    }
  }

  /** The window becomes `columns` wide: rows are joined into their lines again and re-wrapped. */
  resize(columns: number): void {
    const lines: { text: string[]; cursorAt?: number }[] = [];
    this.rows.forEach((row, index) => {
      if (!row.wrapped || lines.length === 0) lines.push({ text: [] });
      const line = lines[lines.length - 1]!;
      if (index === this.row) line.cursorAt = line.text.length + this.col;
      line.text.push(...row.text);
    });
    this.columns = columns;
    this.rows = [];
    for (const line of lines) {
      const start = this.rows.length;
      const chunks = Math.max(1, Math.ceil(line.text.length / columns));
      for (let c = 0; c < chunks; c += 1)
        this.rows.push({ text: line.text.slice(c * columns, (c + 1) * columns), wrapped: c > 0 });
      if (line.cursorAt !== undefined) {
        const chunk = Math.min(chunks - 1, Math.floor(line.cursorAt / columns));
        this.row = start + chunk;
        this.col = line.cursorAt - chunk * columns;
      }
    }
  }

  /** Every row from the top, trailing blanks trimmed, without the empty rows at the end. */
  lines(): string[] {
    const lines = this.rows.map((row) => row.text.join('').trimEnd());
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines;
  }

  /** The lines as written, wrapped rows joined again (what a copy from the terminal gives). */
  logicalLines(): string[] {
    const lines: string[] = [];
    for (const row of this.rows) {
      const text = row.text.join('');
      if (row.wrapped && lines.length > 0) lines[lines.length - 1] += text;
      else lines.push(text);
    }
    const trimmed = lines.map((line) => line.trimEnd());
    while (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop();
    return trimmed;
  }

  private control(params: string, final: string): void {
    const n = params === '' ? 0 : Number(params.split(';')[0]);
    switch (final) {
      case 'm':
        return;
      case 'A': {
        const by = Math.max(1, n);
        if (by > this.row) this.overshoots += 1;
        this.row = Math.max(0, this.row - by);
        return;
      }
      case 'K':
        // 0: to the end of the line, 2: the whole line.
        if (n === 2) this.current().text = [];
        else this.current().text.length = Math.min(this.current().text.length, this.col);
        return;
      case 'J':
        this.current().text.length = Math.min(this.current().text.length, this.col);
        this.rows.length = this.row + 1;
        return;
      default:
        this.put(`ESC[${params}${final}`);
    }
  }

  private current(): Row {
    return this.rows[this.row]!;
  }

  private newLine(wrapped: boolean): void {
    this.row += 1;
    this.col = 0;
    if (this.row === this.rows.length) this.rows.push({ text: [], wrapped });
    else if (wrapped) this.rows[this.row]!.wrapped = true;
  }

  private put(char: string): void {
    if (this.col >= this.columns) this.newLine(true);
    const row = this.current();
    while (row.text.length < this.col) row.text.push(' ');
    row.text[this.col] = char;
    this.col += 1;
  }
}
