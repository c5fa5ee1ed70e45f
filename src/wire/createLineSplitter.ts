/**
 * Splits an NDJSON body into lines while it streams in.
 *
 * Chunks may end anywhere: inside a line, between `\r` and `\n`, or inside a multi-byte UTF-8
 * character (bytes are decoded with a streaming `TextDecoder`). A leading BOM is dropped, `\r\n`
 * counts as one line end, and blank lines are skipped, so every line handed out is non-empty text
 * with surrounding whitespace trimmed.
 */
export interface LineSplitter {
  /** Feeds the next chunk; returns the lines it completed (often `[]`). */
  push(chunk: Uint8Array | string): string[];
  /** Ends the body; returns the last line when the body did not end with a newline (else `[]`). */
  end(): string[];
}

/** Creates a {@link LineSplitter} for one body. Do not share it between bodies. */
export function createLineSplitter(): LineSplitter {
  // `ignoreBOM: false` (the default) makes the decoder drop a leading BOM, even one split across chunks.
  const decoder = new TextDecoder('utf-8');
  // Text after the last newline. Kept as pieces: a base64 result line can be megabytes long and
  // arrive in hundreds of chunks, and searching only each new chunk for '\n' keeps this linear.
  let pending: string[] = [];
  let atStart = true;

  const take = (text: string, out: string[]): void => {
    if (atStart && text !== '') {
      // Strings do not pass through the decoder, so their BOM is ours to drop.
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      atStart = text === '';
    }
    let from = 0;
    for (let newline = text.indexOf('\n'); newline !== -1; newline = text.indexOf('\n', from)) {
      pending.push(text.slice(from, newline));
      emit(pending.join(''), out);
      pending = [];
      from = newline + 1;
    }
    if (from < text.length) pending.push(text.slice(from));
  };

  return {
    push(chunk) {
      const out: string[] = [];
      take(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }), out);
      return out;
    },
    end() {
      const out: string[] = [];
      take(decoder.decode(), out);
      emit(pending.join(''), out);
      pending = [];
      return out;
    },
  };
}

function emit(line: string, out: string[]): void {
  // trim() also removes the '\r' of a CRLF line end, and a blank line trims to nothing.
  const trimmed = line.trim();
  if (trimmed !== '') out.push(trimmed);
}
