import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { DbOrTx } from '../../db/client.js';
import type { Actor } from '../accounts/access.js';
import { ancestorsOf } from '../areas/service.js';
import { recordAudit } from '../audit/service.js';
import { chinaDateTime, contentDisposition, csvStream, exportFileName, xlsxStream, type ExportColumn } from './table-file.js';

export type ExportFormat = 'xlsx' | 'csv';

/** One list export: what the module knows (its columns, filter, count and rows); the rest is the same for every list. */
export interface ListExport<T> {
  /** The sheet's title and the file name's stem, e.g. 建档立卡户名单. */
  title: string;
  /** The audit entity the exported rows are, e.g. household. */
  entity: string;
  /** The area the export covers (the chosen area, else the actor's own): named in the title block and in the trail. */
  areaPath: string;
  /** The list's filters as the caller sent them; paging is dropped. */
  filters: object;
  count: number;
  /** Counting word for the title block: 户, 人, 条. */
  unit: string;
  columns: ExportColumn<T>[];
  rows: AsyncIterable<T[]>;
  /** Whether ID numbers are in full; leave out for lists that hold none. */
  revealIds?: boolean;
}

export interface ExportFile {
  fileName: string;
  contentType: string;
  stream: Readable;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * Every list export goes through here. The trail gets who exported what (format, filters, row count, whether ID
 * numbers were in full) before the first row is written; the file gets a title block naming the area, the time and
 * the user, and says whether ID numbers are masked.
 */
export async function exportList<T>(db: DbOrTx, actor: Actor, format: ExportFormat, spec: ListExport<T>, now = new Date()): Promise<ExportFile> {
  const filters = Object.fromEntries(
    Object.entries(spec.filters).filter(([k, v]) => v !== undefined && k !== 'page' && k !== 'pageSize'),
  );
  await recordAudit(db, actor, {
    action: 'export',
    entity: spec.entity,
    areaPath: spec.areaPath,
    detail: { format, filters, rows: spec.count, ...(spec.revealIds === undefined ? {} : { revealIds: spec.revealIds }) },
  });
  const areaName = (await ancestorsOf(db, spec.areaPath)).map((a) => a.name).join(' / ');
  const parts = [`区域：${areaName}`, `导出时间：${chinaDateTime(now)}`, `导出人：${actor.username}`, `共${spec.count}${spec.unit}`];
  if (spec.revealIds === false) parts.push('身份证号已脱敏');
  if (spec.revealIds === true) parts.push('含完整身份证号，请妥善保管');
  const meta = { title: spec.title, subtitle: parts.join('\u3000') };
  return {
    fileName: exportFileName(spec.title, format, now),
    contentType: CONTENT_TYPES[format],
    stream: format === 'xlsx' ? xlsxStream(spec.columns, meta, spec.rows) : csvStream(spec.columns, meta, spec.rows),
  };
}

/** Sends an export as a download; personal data is not to be kept by proxies or the browser cache. */
export function sendExport(reply: FastifyReply, file: ExportFile) {
  reply.header('content-disposition', contentDisposition(file.fileName));
  reply.header('cache-control', 'no-store');
  reply.type(file.contentType);
  return reply.send(file.stream);
}
