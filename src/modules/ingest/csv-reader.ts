/**
 * Streaming CSV reader for files saved by Excel, WPS and web systems: UTF-8 with or without BOM, GB18030/GBK (what
 * Chinese Excel writes by default), UTF-16 with BOM (Excel's "Unicode text"); comma, tab or semicolon.
 *
 * The encoding is decided at the first non-ASCII byte: until then every candidate reads the same text. A window of
 * 64 KB from there that decodes as strict UTF-8 means UTF-8, otherwise GB18030 (a superset of GBK and GB2312); a
 * long run of Chinese text in GBK is practically never valid UTF-8.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import type { IngestLimits } from './limits.js';
import { textCell, type RawCell } from './raw-cell.js';
import { CsvFormatError, CsvSplitter } from './csv-split.js';
import { fileRejection, FileRejectedError, type ReadResult } from './rejection.js';
import { RowGate, type RowSource, type SourceRow } from './source.js';

export const CSV_ENCODINGS = ['utf-8', 'gb18030', 'utf-16le', 'utf-16be'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];
export const CSV_DELIMITERS = [',', '\t', ';'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export interface CsvOptions {
  /** The user's choice; detected when absent. */
  readonly encoding?: CsvEncoding;
  readonly delimiter?: CsvDelimiter;
}

export interface CsvTable {
  readonly encoding: CsvEncoding;
  readonly delimiter: CsvDelimiter;
  /** Each iteration reads the file from the start. */
  rows(): RowSource;
}

/** Bytes after the first non-ASCII byte that decide the encoding. */
const DECIDE_WINDOW = 64 * 1024;
/** Text read before the delimiter is chosen. */
const SAMPLE_CHARS = 64 * 1024;
const CHUNK_BYTES = 1024 * 1024;

function bomEncoding(head: Uint8Array): { encoding: CsvEncoding; bomBytes: number } | undefined {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomBytes: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2 };
  return undefined;
}

function firstNonAscii(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length; i++) if (bytes[i]! >= 0x80) return i;
  return -1;
}

function isUtf8(window: Uint8Array, final: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(window, { stream: !final });
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes a byte stream whose encoding may be unknown, holding bytes back only between the first non-ASCII byte and
 * the decision. A file chosen as UTF-8 that later holds invalid UTF-8 fails with BAD_ENCODING rather than reading
 * replacement characters into names.
 */
export class AutoDecoder {
  private decoder: TextDecoder | undefined;
  private pending: Buffer = Buffer.alloc(0);
  private started = false;
  encoding: CsvEncoding | undefined;

  constructor(forced?: CsvEncoding) {
    if (forced) this.choose(forced);
  }

  private choose(encoding: CsvEncoding): void {
    this.encoding = encoding;
    // fatal for UTF-8 only: GB18030 maps every byte sequence to something.
    this.decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  }

  /** Text decoded so far; throws TypeError on invalid UTF-8 once UTF-8 was chosen. */
  write(chunk: Uint8Array): string {
    let bytes: Uint8Array = chunk;
    if (!this.started) {
      this.started = true;
      const bom = bomEncoding(chunk);
      if (bom) {
        if (!this.decoder || this.encoding === bom.encoding) this.choose(bom.encoding);
        bytes = chunk.subarray(bom.bomBytes);
      }
    }
    if (this.decoder) return this.decoder.decode(bytes, { stream: true });
    this.pending = this.pending.length === 0 ? Buffer.from(bytes) : Buffer.concat([this.pending, bytes]);
    // Plain ASCII reads the same in every candidate encoding: pass it on, and hold back from the first other byte.
    const k = firstNonAscii(this.pending, 0);
    const ascii = this.pending.toString('latin1', 0, k < 0 ? this.pending.length : k);
    this.pending = k < 0 ? Buffer.alloc(0) : this.pending.subarray(k);
    if (k < 0 || this.pending.length < DECIDE_WINDOW) return ascii;
    return ascii + this.decide(false);
  }

  end(): string {
    if (!this.decoder) return this.pending.length === 0 ? '' : this.decide(true) + this.decoder!.decode();
    return this.decoder.decode();
  }

  /** Chooses by the held-back bytes, which start with the first non-ASCII byte. */
  private decide(final: boolean): string {
    const window = this.pending.subarray(0, DECIDE_WINDOW);
    this.choose(isUtf8(window, final && window.length === this.pending.length) ? 'utf-8' : 'gb18030');
    const text = this.decoder!.decode(this.pending, { stream: true });
    this.pending = Buffer.alloc(0);
    return text;
  }
}

/** Delimiter occurrences per line, outside double-quoted text. */
function countPerLine(lines: readonly string[], delimiter: string): number[] {
  return lines.map((line) => {
    let n = 0;
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === delimiter && !quoted) n++;
    }
    return n;
  });
}

/**
 * The delimiter that splits the first lines most consistently: the one whose most common non-zero count per line
 * holds for the most lines (title rows without delimiters do not count against it); a comma on a tie.
 */
export function detectDelimiter(sample: string): CsvDelimiter {
  const lines = sample.split(/\r\n|\n|\r/).slice(0, 50).filter((l) => l.trim() !== '');
  // The last line of a sample may be cut off.
  if (lines.length > 1) lines.pop();
  let best: { delimiter: CsvDelimiter; agree: number; count: number } = { delimiter: ',', agree: 0, count: 0 };
  for (const delimiter of CSV_DELIMITERS) {
    const freq = new Map<number, number>();
    for (const c of countPerLine(lines, delimiter)) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1);
    for (const [count, agree] of freq) {
      if (agree > best.agree || (agree === best.agree && count > best.count)) best = { delimiter, agree, count };
    }
  }
  return best.delimiter;
}

function byteChunks(input: string | Buffer): AsyncIterable<Buffer> {
  if (typeof input === 'string') return createReadStream(input, { highWaterMark: CHUNK_BYTES });
  return (async function* () {
    for (let i = 0; i < input.length; i += CHUNK_BYTES) yield input.subarray(i, i + CHUNK_BYTES);
  })();
}

/** The first text of the file, for choosing the delimiter; also settles the encoding when it is not forced. */
async function sample(input: string | Buffer, encoding: CsvEncoding | undefined): Promise<{ text: string; encoding: CsvEncoding }> {
  const decoder = new AutoDecoder(encoding);
  let text = '';
  try {
    for await (const chunk of byteChunks(input)) {
      text += decoder.write(chunk);
      if (text.length >= SAMPLE_CHARS && decoder.encoding) break;
    }
    if (!decoder.encoding) text += decoder.end();
  } catch {
    // Invalid UTF-8 within the sample: the rows pass reports where.
  }
  return { text, encoding: decoder.encoding ?? 'utf-8' };
}

export async function openCsv(input: string | Buffer, limits: IngestLimits, opts: CsvOptions = {}): Promise<ReadResult<CsvTable>> {
  const { text, encoding } = await sample(input, opts.encoding);
  const delimiter = opts.delimiter ?? detectDelimiter(text);
  const totalBytes = typeof input === 'string' ? (await stat(input)).size : input.length;
  return { ok: true, value: { encoding, delimiter, rows: () => csvRows(input, { encoding, delimiter }, totalBytes, limits) } };
}

function csvRows(input: string | Buffer, format: { encoding: CsvEncoding; delimiter: CsvDelimiter }, totalBytes: number, limits: IngestLimits): RowSource {
  let gate = new RowGate(limits, undefined);
  let bytesRead = 0;
  async function* iterate(): AsyncGenerator<SourceRow> {
    gate = new RowGate(limits, undefined);
    bytesRead = 0;
    const decoder = new AutoDecoder(format.encoding);
    const splitter = new CsvSplitter(format.delimiter, limits.maxCsvRecordChars);
    let lastLine = 0;
    let recordNumber = 0;
    const badEncoding = () => new FileRejectedError(fileRejection('BAD_ENCODING', { line: lastLine + 1, encoding: format.encoding }));
    const badCsv = (e: CsvFormatError) => new FileRejectedError(fileRejection('BAD_CSV', { line: lastLine + 1, detail: e.message }));
    const chunks = byteChunks(input)[Symbol.asyncIterator]();
    try {
      for (let done = false; !done; ) {
        let records: string[][];
        try {
          const next = await chunks.next();
          done = next.done === true;
          if (!done) bytesRead += next.value.length;
          const text = done ? decoder.end() : decoder.write(next.value);
          records = splitter.push(text, done);
        } catch (e) {
          if (e instanceof CsvFormatError) throw badCsv(e);
          if ((e as NodeJS.ErrnoException).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') throw badEncoding();
          throw e;
        }
        for (let r = 0; r < records.length; r++) {
          const record = records[r]!;
          // The line where the record starts: one more than where the previous one ended.
          const line = lastLine + 1;
          lastLine = line + splitter.lineBreaks[r]!;
          recordNumber++;
          const cells: RawCell[] = new Array<RawCell>(record.length);
          for (let f = 0; f < record.length; f++) cells[f] = textCell(record[f]!);
          const verdict = gate.admit(recordNumber, cells);
          if (verdict === 'row') yield { rowNumber: recordNumber, line, cells };
          else if (verdict === 'stop') return;
        }
      }
    } finally {
      // Closes the file when the consumer stops early.
      await chunks.return?.();
    }
  }
  return {
    totalBytes,
    bytesRead: () => bytesRead,
    get stats() {
      return gate.stats;
    },
    [Symbol.asyncIterator]: iterate,
  };
}
