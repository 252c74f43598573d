/**
 * Why a file cannot be read, as a typed value. Each reason has one message in Chinese (for the person who uploaded
 * the file, telling them what to do) and English (for logs). At the HTTP edge a rejection becomes an AppError with
 * the catalogue's BAD_REQUEST code and the reason in its details.
 */
import { AppError } from '../../errors.js';

type Details = Readonly<Record<string, string | number>>;

const MB = 1024 * 1024;
const mb = (bytes: string | number | undefined) => `${Math.ceil(Number(bytes) / MB)} MB`;

const MESSAGES = {
  EMPTY: () => ['The file is empty.', '文件为空。'],
  TOO_LARGE: (d: Details) => [
    `The file is ${mb(d.size)}, more than the ${mb(d.limit)} allowed; split it into smaller files.`,
    `文件大小为${mb(d.size)}，超过允许的${mb(d.limit)}，请拆分为多个文件后上传。`,
  ],
  OLD_XLS: () => [
    'This is an old binary Excel (.xls) or WPS (.et) file: open it in Excel or WPS and save it as .xlsx.',
    '这是旧版Excel（.xls）或WPS（.et）文件：请用Excel或WPS打开，另存为.xlsx格式后再上传。',
  ],
  ENCRYPTED: () => [
    'The workbook is password-protected: remove the password in Excel or WPS, save it as .xlsx and upload it again.',
    '工作簿设置了密码：请在Excel或WPS中取消密码，另存为.xlsx后重新上传。',
  ],
  HTML_AS_EXCEL: () => [
    'This is a web page (HTML) saved with an Excel name, not a real Excel file: open it in Excel or WPS and save it as .xlsx.',
    '该文件是以Excel文件名保存的网页（HTML），并非真正的Excel文件：请用Excel或WPS打开，另存为.xlsx后再上传。',
  ],
  XML_SPREADSHEET: () => [
    'This is an Excel 2003 XML spreadsheet: open it in Excel or WPS and save it as .xlsx.',
    '这是Excel 2003 XML表格：请用Excel或WPS打开，另存为.xlsx后再上传。',
  ],
  TEXT_AS_EXCEL: (d: Details) => [
    `The file is named ${d.extension} but is plain text: rename it to .csv, or open it in Excel or WPS and save it as .xlsx.`,
    `文件扩展名为${d.extension}，但内容是纯文本：请将扩展名改为.csv，或用Excel、WPS打开后另存为.xlsx。`,
  ],
  NOT_XLSX_ZIP: () => [
    'The file is a zip archive but not an Excel workbook: upload the .xlsx file itself.',
    '该文件是压缩包而不是Excel工作簿：请直接上传.xlsx文件。',
  ],
  CORRUPT_ZIP: (d: Details) => [
    `The workbook is damaged and cannot be opened (${d.detail}): open it in Excel or WPS and save it again as .xlsx.`,
    `工作簿已损坏，无法打开（${d.detail}）：请用Excel或WPS打开后重新另存为.xlsx。`,
  ],
  ZIP_BOMB: (d: Details) => [
    `The workbook's part ${d.part} unpacks to ${mb(d.size)}, more than the ${mb(d.limit)} allowed; split the data into smaller files.`,
    `工作簿中的${d.part}解压后为${mb(d.size)}，超过允许的${mb(d.limit)}，请拆分为多个较小的文件。`,
  ],
  BAD_XML: (d: Details) => [
    `The workbook part ${d.part} is not valid XML (${d.detail}): open it in Excel or WPS and save it again as .xlsx.`,
    `工作簿中的${d.part}格式错误（${d.detail}）：请用Excel或WPS打开后重新另存为.xlsx。`,
  ],
  UNSUPPORTED: (d: Details) => [
    `${d.what} files cannot be imported: save the table as .xlsx or .csv.`,
    `不支持导入${d.whatZh ?? d.what}文件：请将表格另存为.xlsx或.csv格式。`,
  ],
  NO_SHEETS: () => ['The workbook has no worksheet.', '工作簿中没有工作表。'],
  SHEET_NOT_FOUND: (d: Details) => [
    `The workbook has no sheet “${d.sheet}”; its sheets are: ${d.available}.`,
    `工作簿中没有名为“${d.sheet}”的工作表，现有工作表：${d.available}。`,
  ],
  TOO_MANY_ROWS: (d: Details) => [
    `The ${d.sheet ? `sheet “${d.sheet}”` : 'file'} has more than ${d.limit} rows; split it into smaller files.`,
    `${d.sheet ? `工作表“${d.sheet}”` : '文件'}超过${d.limit}行，请拆分为多个文件。`,
  ],
  TOO_MANY_COLUMNS: (d: Details) => [
    `Row ${d.row} has data in column ${d.column}, beyond the ${d.limit} columns allowed.`,
    `第${d.row}行第${d.column}列有数据，超出允许的${d.limit}列。`,
  ],
  BAD_ENCODING: (d: Details) => [
    `Line ${d.line} is not valid ${d.encoding} text (the file mixes encodings): save it again as UTF-8 CSV or as .xlsx.`,
    `第${d.line}行不是有效的${d.encoding}编码文本（文件混用了多种编码）：请重新另存为UTF-8编码的CSV或.xlsx。`,
  ],
  BAD_CSV: (d: Details) => [
    `The CSV cannot be read near line ${d.line} (${d.detail}): check for an unclosed quote (").`,
    `CSV文件第${d.line}行附近无法读取（${d.detail}），请检查是否有未闭合的英文双引号（"）。`,
  ],
  NO_HEADER: () => [
    'No header row with known column names was found in the first rows: choose the header row and columns by hand.',
    '在表格前几行中未找到包含可识别列名的表头行，请手动指定表头行和各列对应的字段。',
  ],
  BAD_MAPPING: (d: Details) => [`The column mapping is invalid: ${d.detail}.`, `列对应关系无效：${d.detailZh ?? d.detail}。`],
} satisfies Record<string, (d: Details) => [string, string]>;

export type FileRejectionReason = keyof typeof MESSAGES;

export interface FileRejection {
  readonly reason: FileRejectionReason;
  readonly message: string;
  readonly messageZh: string;
  readonly details: Details;
}

export type ReadResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly rejection: FileRejection };

export function fileRejection(reason: FileRejectionReason, details: Details = {}): FileRejection {
  const [message, messageZh] = MESSAGES[reason](details);
  return { reason, message, messageZh, details };
}

export function rejected<T>(reason: FileRejectionReason, details: Details = {}): ReadResult<T> {
  return { ok: false, rejection: fileRejection(reason, details) };
}

/**
 * Thrown only where a return value cannot carry the rejection: inside the row iterators, where the problem (too many
 * rows, a damaged part) shows only once reading has begun.
 */
export class FileRejectedError extends AppError {
  readonly rejection: FileRejection;

  constructor(rejection: FileRejection) {
    super('BAD_REQUEST', rejection.message, rejection.messageZh, { reason: rejection.reason, ...rejection.details });
    this.name = 'FileRejectedError';
    this.rejection = rejection;
  }
}

export function rejectionError(r: FileRejection): FileRejectedError {
  return new FileRejectedError(r);
}
