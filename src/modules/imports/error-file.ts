/**
 * The error file (错误数据文件): the rows that were not or will not be imported, exactly as uploaded, each with its
 * reasons in a last column, under the file's own headings so that the corrected file imports with the same mapping.
 * The upload is read again with the job's choices; its n-th data row is staged row n, so the rows and the issues
 * (read in pages, ordered by that number) are merged as two streams and memory stays bounded.
 */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellText, type RawCell } from '../ingest/raw-cell.js';
import { ROSTER_CATALOGUE, type RosterField } from '../ingest/fields.js';
import { readTable } from '../ingest/read-table.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { JobRow } from './jobs.js';
import { issuePages } from './service.js';
import type { ImportLayout, ImportOptions } from './types.js';

/** Issues that keep a row out of the registry. */
function rejects(i: { severity: string; code: string }): boolean {
  return i.severity === 'error' || i.code === 'HOUSEHOLD_HELD_BACK';
}

function cellValue(cell: RawCell | undefined, date1904: boolean): string | number | boolean | null {
  if (!cell) return null;
  switch (cell.type) {
    case 'empty':
      return null;
    case 'number':
      // A damaged ID stays the number it was, so the user sees what Excel did to it.
      return cell.number;
    case 'boolean':
      return cell.value;
    default:
      return cellText(cell, date1904);
  }
}

export async function errorFile(db: Db, job: JobRow): Promise<Readable> {
  const layout = job.layout as ImportLayout | null;
  if (!layout) throw new AppError('INVALID_STATE', 'The import has not been read yet', '该导入尚未完成预检');
  const options = job.options as ImportOptions;
  const mapping = Object.fromEntries(layout.columns.map((c) => [c.index, c.field])) as Record<number, RosterField | null>;
  const opened = await readTable(job.filePath, job.fileName, {
    catalogue: ROSTER_CATALOGUE,
    sheets: layout.selectedSheets,
    mapping,
    headerRows: layout.headerRows,
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
  });
  if (!opened.ok) throw new AppError('BAD_REQUEST', opened.rejection.message, opened.rejection.messageZh);
  const table = opened.value;
  const several = layout.selectedSheets.length > 1;
  const width = Math.max(...layout.columns.map((c) => c.index + 1), 1);

  const out = new PassThrough();
  void (async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet('错误数据', { views: [{ state: 'frozen', ySplit: 2 }] });
    const headings: string[] = Array.from({ length: width }, (_, i) => layout.columns.find((c) => c.index === i)?.header.split('/').pop() ?? '');
    ws.columns = [
      ...headings.map((h, i) => ({
        width: Math.max(10, h.length * 2 + 2),
        // ID and code columns stay text so the corrected values keep every digit.
        style: ['idNumber', 'headIdNumber', 'householdNo', 'areaCode', 'phone', 'contactPhone'].includes(layout.columns.find((c) => c.index === i)?.field ?? '') ? { numFmt: '@' } : {},
      })),
      ...(several ? [{ width: 14 }] : []),
      { width: 60 },
    ];
    ws.addRow([`导入错误数据：${job.fileName}（导入任务${job.id}）——请按“错误原因”修改后重新导入；修改身份证号前请先将该列设置为文本格式`]).commit();
    const header = ws.addRow([...headings, ...(several ? ['工作表'] : []), '错误原因']);
    header.font = { bold: true };
    header.commit();

    const pages = issuePages(db, job.id)[Symbol.asyncIterator]();
    let page: { seq: number | null; severity: string; code: string; message: string }[] = [];
    let at = 0;
    const nextIssue = async () => {
      if (at >= page.length) {
        const n = await pages.next();
        page = n.done ? [] : n.value;
        at = 0;
      }
      return page[at];
    };
    let seq = 0;
    for await (const row of table.rows) {
      seq++;
      const reasons: string[] = [];
      for (let i = await nextIssue(); i && (i.seq ?? 0) <= seq; i = await nextIssue()) {
        if (i.seq === seq && rejects(i)) reasons.push(i.message);
        at++;
      }
      if (reasons.length === 0) continue;
      const cells = Array.from({ length: width }, (_, c) => cellValue(row.cells[c], table.date1904));
      ws.addRow([...cells, ...(several ? [row.sheet] : []), reasons.join('；')]).commit();
    }
    ws.commit();
    await wb.commit();
  })().catch((err: unknown) => out.destroy(err as Error));
  return out;
}
