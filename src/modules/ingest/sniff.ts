/**
 * What an uploaded file really is, by its first bytes and never by its name alone: people rename files, and web
 * systems export HTML tables or tab-separated text under an .xls name. The name only chooses the message.
 */
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from './limits.js';
import { rejected, type ReadResult } from './rejection.js';
import { openZip } from './zip.js';

export type { FileRejection, FileRejectionReason } from './rejection.js';

export type FileFormat = 'xlsx' | 'csv';

/** How many leading bytes `sniffHead` looks at. */
export const SNIFF_BYTES = 4096;

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const EXCEL_NAMES = new Set(['.xls', '.xlsx', '.xlsm', '.xlt', '.xltx', '.et', '.ett']);

const BINARY_SIGNATURES: readonly [string, string, readonly number[]][] = [
  ['PDF', 'PDF', [0x25, 0x50, 0x44, 0x46]],
  ['RAR archive', 'RAR压缩包', [0x52, 0x61, 0x72, 0x21]],
  ['7-Zip archive', '7z压缩包', [0x37, 0x7a, 0xbc, 0xaf]],
  ['gzip archive', 'gzip压缩包', [0x1f, 0x8b]],
  ['PNG image', 'PNG图片', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', 'JPEG图片', [0xff, 0xd8, 0xff]],
  ['GIF image', 'GIF图片', [0x47, 0x49, 0x46, 0x38]],
];

function startsWith(head: Buffer, bytes: readonly number[]): boolean {
  return head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
}

/** The head as text, enough to recognise markup: UTF-16 by its byte-order mark, anything else byte for byte. */
function headText(head: Buffer): string {
  if (startsWith(head, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(head);
  if (startsWith(head, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(head);
  return head.toString('latin1');
}

function isUtf16(head: Buffer): boolean {
  return startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
}

/**
 * The format by the first bytes: 'zip' still has to be opened to tell an .xlsx from another zip (`sniffFile` does).
 * Pure, for callers that hold only the head of an upload.
 */
export function sniffHead(head: Buffer, fileName: string): ReadResult<'zip' | 'csv'> {
  const ext = extname(fileName).toLowerCase();
  if (head.length === 0) return rejected('EMPTY');
  if (startsWith(head, [...OLE2])) {
    if (ext === '.doc' || ext === '.wps') return rejected('UNSUPPORTED', { what: 'Word document', whatZh: 'Word文档' });
    if (ext === '.ppt' || ext === '.dps') return rejected('UNSUPPORTED', { what: 'PowerPoint', whatZh: 'PowerPoint演示文稿' });
    // An .xlsx that is a compound file has been encrypted with a password.
    return rejected(ext === '.xlsx' || ext === '.xlsm' ? 'ENCRYPTED' : 'OLD_XLS');
  }
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return { ok: true, value: 'zip' };
  for (const [what, whatZh, bytes] of BINARY_SIGNATURES) if (startsWith(head, bytes)) return rejected('UNSUPPORTED', { what, whatZh });

  const text = headText(head).replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  if (text.startsWith('<?xml') && text.includes('urn:schemas-microsoft-com:office:spreadsheet')) return rejected('XML_SPREADSHEET');
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html|<table|<head|<body|<meta|<style|<div|<!--)/.test(text) || text.startsWith('mime-version:')) {
    return rejected('HTML_AS_EXCEL');
  }
  if (!isUtf16(head) && head.includes(0)) return rejected('UNSUPPORTED', { what: 'Binary', whatZh: '二进制' });
  if (EXCEL_NAMES.has(ext)) return rejected('TEXT_AS_EXCEL', { extension: ext });
  return { ok: true, value: 'csv' };
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The format of a file (a path, or the whole upload in memory). A zip is opened to check its central directory: it
 * must be a workbook, and the declared sizes of its parts must stay within the limits (zip bomb).
 */
export async function sniffFile(input: string | Buffer, fileName: string, limits: IngestLimits = DEFAULT_INGEST_LIMITS): Promise<ReadResult<FileFormat>> {
  const size = typeof input === 'string' ? (await stat(input)).size : input.length;
  if (size === 0) return rejected('EMPTY');
  if (size > limits.maxFileBytes) return rejected('TOO_LARGE', { size, limit: limits.maxFileBytes });
  const head = typeof input === 'string' ? await readHead(input) : input.subarray(0, SNIFF_BYTES);
  const kind = sniffHead(head, fileName);
  if (!kind.ok) return kind;
  if (kind.value === 'csv') return { ok: true, value: 'csv' };

  const zip = await openZip(input, limits);
  if (!zip.ok) return zip;
  try {
    const { parts } = zip.value;
    if (parts.has('xl/workbook.xml')) return { ok: true, value: 'xlsx' };
    if (parts.has('xl/workbook.bin')) return rejected('UNSUPPORTED', { what: 'Excel binary workbook (.xlsb)', whatZh: 'Excel二进制工作簿（.xlsb）' });
    if (parts.has('content.xml') && parts.has('mimetype')) return rejected('UNSUPPORTED', { what: 'OpenDocument', whatZh: 'OpenDocument（.ods）' });
    if (parts.has('word/document.xml')) return rejected('UNSUPPORTED', { what: 'Word document', whatZh: 'Word文档' });
    return rejected('NOT_XLSX_ZIP');
  } finally {
    zip.value.close();
  }
}
