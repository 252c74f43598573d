/**
 * Attachments of a case (the written authorisation, appraisal minutes, a photo of the notice): small files kept in
 * the database with the case, so a backup holds them. Size and type are limited; reading one is audited.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { AppError, notFound } from '../../errors.js';
import { requirePermission, type Actor } from '../accounts/access.js';
import { recordAudit } from '../audit/service.js';
import { caseInScope } from './case-read.js';
import { monitoringAttachments, monitoringSteps } from './schema.js';

export const ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024;
const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export async function addAttachment(db: Db, actor: Actor, caseId: number, input: { fileName: string; stepId?: number | undefined; data: Buffer }) {
  requirePermission(actor, 'registry.write');
  const row = await caseInScope(db, actor, caseId);
  const ext = input.fileName.toLowerCase().split('.').pop() ?? '';
  const contentType = TYPES[ext];
  if (!contentType) throw new AppError('VALIDATION_FAILED', 'Only PDF, JPEG, PNG and Word files', '仅支持PDF、JPG、PNG、Word文件', { issues: [{ path: 'fileName', message: '文件类型不支持' }] });
  if (input.data.length === 0) throw new AppError('VALIDATION_FAILED', 'The file is empty', '文件为空');
  if (input.data.length > ATTACHMENT_MAX_BYTES) throw new AppError('FILE_TOO_LARGE', 'Attachments are limited to 2 MB', '附件不能超过2MB');
  if (input.stepId) {
    const [s] = await db.select({ id: monitoringSteps.id }).from(monitoringSteps).where(and(eq(monitoringSteps.id, input.stepId), eq(monitoringSteps.caseId, caseId)));
    if (!s) throw new AppError('VALIDATION_FAILED', 'The step is not of this case', '该环节不属于本案例', { issues: [{ path: 'stepId', message: '环节不属于本案例' }] });
  }
  return db.transaction(async (tx) => {
    const [a] = await tx
      .insert(monitoringAttachments)
      .values({ caseId, stepId: input.stepId ?? null, fileName: input.fileName, contentType, size: input.data.length, data: input.data, userId: actor.userId, username: actor.username })
      .returning({ id: monitoringAttachments.id, size: monitoringAttachments.size, createdAt: monitoringAttachments.createdAt });
    await recordAudit(tx, actor, { action: 'create', entity: 'monitoring_attachment', entityId: a!.id, areaPath: row.area_path, householdId: row.household_id, newValues: { caseId, stepId: input.stepId ?? null, fileName: input.fileName, size: a!.size } });
    return { id: a!.id, caseId, stepId: input.stepId ?? null, fileName: input.fileName, contentType, size: a!.size, by: actor.username, at: a!.createdAt.toISOString() };
  });
}

export async function readAttachment(db: Db, actor: Actor, id: number) {
  const [a] = await db.select().from(monitoringAttachments).where(eq(monitoringAttachments.id, id));
  if (!a) throw notFound('Attachment', '附件');
  const row = await caseInScope(db, actor, a.caseId).catch(() => {
    throw notFound('Attachment', '附件');
  });
  await recordAudit(db, actor, { action: 'view', entity: 'monitoring_attachment', entityId: id, areaPath: row.area_path, householdId: row.household_id });
  return a;
}
