/**
 * 佐证材料: files attached to a workflow step. Kept in the database, size-limited, served back only to users who may
 * see the problem, and every download is audited (they may show people and their homes).
 */
import { sql } from 'drizzle-orm';
import { query, type Db, type DbOrTx } from '../../db/client.js';
import { AppError, notFound } from '../../errors.js';
import { requirePermission, type Actor } from '../accounts/access.js';
import { recordAudit } from '../audit/service.js';
import { findingVisibility } from '../findings/visibility.js';
import { problemAttachments } from './schema.js';

export const ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024;
export const ATTACHMENTS_PER_STEP = 5;
/** Photos, scans and office documents; anything else is refused rather than served back to a browser. */
export const ATTACHMENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/plain',
] as const;

export interface AttachmentInput {
  fileName: string;
  contentType: (typeof ATTACHMENT_TYPES)[number];
  /** The file's bytes, base64 (JSON bodies keep the API one style). */
  dataBase64: string;
}

export async function storeAttachments(tx: DbOrTx, actor: Actor, findingId: number, eventId: number, files: AttachmentInput[]) {
  if (files.length > ATTACHMENTS_PER_STEP) {
    throw new AppError('BAD_REQUEST', `At most ${ATTACHMENTS_PER_STEP} attachments per step`, `每步最多上传${ATTACHMENTS_PER_STEP}个附件`);
  }
  const rows = files.map((f) => {
    const data = Buffer.from(f.dataBase64, 'base64');
    if (data.length === 0) throw new AppError('VALIDATION_FAILED', `${f.fileName} is empty`, `附件「${f.fileName}」为空`);
    if (data.length > ATTACHMENT_MAX_BYTES) {
      throw new AppError('FILE_TOO_LARGE', `${f.fileName} is larger than 2 MB`, `附件「${f.fileName}」超过2MB`, { maxBytes: ATTACHMENT_MAX_BYTES });
    }
    return { findingId, eventId, fileName: f.fileName.replace(/[\\/\r\n"]/g, '_'), contentType: f.contentType, size: data.length, data, userId: actor.userId, username: actor.username };
  });
  await tx.insert(problemAttachments).values(rows);
}

export async function listAttachments(db: DbOrTx, findingId: number) {
  const rows = await query<{ id: number; event_id: number; file_name: string; content_type: string; size: number; username: string | null; created_at: string | Date }>(
    db,
    sql`SELECT id, event_id, file_name, content_type, size, username, created_at FROM problem_attachments WHERE finding_id = ${findingId} ORDER BY id`,
  );
  return rows.map((r) => ({ id: r.id, eventId: r.event_id, fileName: r.file_name, contentType: r.content_type, size: r.size, username: r.username, createdAt: new Date(r.created_at).toISOString() }));
}

/** One attachment's bytes, if the problem is visible to the actor; audited as a view. */
export async function getAttachment(db: Db, actor: Actor, findingId: number, attachmentId: number) {
  requirePermission(actor, 'registry.read');
  const [row] = await query<{ file_name: string; content_type: string; data: Uint8Array; area_path: string; household_id: number }>(
    db,
    sql`SELECT a.file_name, a.content_type, a.data, f.area_path, f.household_id
        FROM problem_attachments a JOIN findings f ON f.id = a.finding_id
        WHERE a.id = ${attachmentId} AND a.finding_id = ${findingId} AND ${findingVisibility(actor, 'f')}`,
  );
  if (!row) throw notFound('Attachment', '附件');
  await recordAudit(db, actor, { action: 'view', entity: 'problem_attachment', entityId: attachmentId, areaPath: row.area_path, householdId: row.household_id, detail: { findingId } });
  return { fileName: row.file_name, contentType: row.content_type, data: Buffer.from(row.data) };
}
