/**
 * Opening a monitoring case (监测案例): from a warning (which becomes `converted`) or directly (e.g. the office typing
 * in a hotline call). One open episode per household: checked first for a clear message, and kept by the partial
 * unique index against two simultaneous openings. The procedure starts at the household visit.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { OPEN_STATUSES } from '../../domain/monitoring.js';
import { AppError } from '../../errors.js';
import { requirePermission, type Actor } from '../accounts/access.js';
import { recordAudit } from '../audit/service.js';
import { householdInScope } from '../registry/households.js';
import { chinaDate } from '../standards/service.js';
import { getCase } from './case-read.js';
import type { NewCase } from './inputs.js';
import { monitoringCases, monitoringWarnings } from './schema.js';
import { warningInScope } from './warnings.js';

const invalid = (path: string, message: string, messageZh: string) => new AppError('VALIDATION_FAILED', message, messageZh, { issues: [{ path, message: messageZh }] });

function alreadyOpen(caseId: number) {
  return new AppError('ALREADY_EXISTS', `The household already has an open monitoring case (#${caseId})`, `该户已有未结束的监测（案例 #${caseId}），风险消除或未纳入后才能新开`, { caseId });
}

export async function openCase(db: Db, actor: Actor, input: NewCase) {
  requirePermission(actor, 'registry.write');
  const warning = input.warningId ? await warningInScope(db, actor, input.warningId) : null;
  if (warning && warning.status !== 'open') throw new AppError('INVALID_STATE', 'The warning is already handled', '该预警线索已处理');
  const householdId = warning?.household_id ?? input.householdId;
  if (!householdId) throw invalid('householdId', 'Name the household or the warning', '请选择农户或预警线索');
  const h = await householdInScope(db, actor, householdId);
  if (h.endedOn) throw new AppError('INVALID_STATE', 'The household is closed', '该户已销户');
  const risks = [...new Set(input.riskTypes)];
  if (risks.includes('disaster') && !input.disasterKind) throw invalid('disasterKind', 'Name the kind of disaster', '因自然灾害须选择灾害类型');
  if (risks.includes('other') && !input.otherNote?.trim()) throw invalid('otherNote', 'Describe the other risk', '风险类型为“其他”时须说明');
  const today = chinaDate();
  if (input.identifiedOn > today) throw invalid('identifiedOn', 'The identification date is in the future', '识别日期不能晚于今天');
  const [open] = await db
    .select({ id: monitoringCases.id })
    .from(monitoringCases)
    .where(and(eq(monitoringCases.householdId, h.id), inArray(monitoringCases.status, [...OPEN_STATUSES])));
  if (open) throw alreadyOpen(open.id);
  const source = warning?.source ?? input.source ?? 'self_application';
  let id: number;
  try {
    id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(monitoringCases)
        .values({
          householdId: h.id,
          areaPath: h.areaPath,
          category: input.category,
          riskTypes: risks,
          disasterKind: risks.includes('disaster') ? (input.disasterKind ?? null) : null,
          otherNote: risks.includes('other') ? (input.otherNote?.trim() ?? null) : null,
          identifiedOn: input.identifiedOn,
          incomeAtIdentification: String(input.incomeAtIdentification),
          source,
          warningId: warning?.id ?? null,
          findingId: warning?.finding_id ?? input.findingId ?? null,
          openedOn: input.openedOn ?? today,
          step: 'visit',
          createdBy: actor.userId,
        })
        .returning();
      if (warning) {
        await tx
          .update(monitoringWarnings)
          .set({ status: 'converted', caseId: row!.id, resolvedBy: actor.userId, resolvedByName: actor.username, resolvedAt: new Date(), version: warning.version + 1 })
          .where(eq(monitoringWarnings.id, warning.id));
      }
      await recordAudit(tx, actor, {
        action: 'create',
        entity: 'monitoring_case',
        entityId: row!.id,
        areaPath: h.areaPath,
        householdId: h.id,
        newValues: { category: row!.category, riskTypes: risks, disasterKind: row!.disasterKind, otherNote: row!.otherNote, identifiedOn: row!.identifiedOn, incomeAtIdentification: input.incomeAtIdentification, source, warningId: row!.warningId },
      });
      return row!.id;
    });
  } catch (e) {
    // Two openings at once: the unique index lets one through; the other gets the same clear message.
    if ((e as { code?: string; cause?: { code?: string } }).code === '23505' || (e as { cause?: { code?: string } }).cause?.code === '23505') {
      const [again] = await db.select({ id: monitoringCases.id }).from(monitoringCases).where(and(eq(monitoringCases.householdId, h.id), inArray(monitoringCases.status, [...OPEN_STATUSES])));
      throw alreadyOpen(again?.id ?? 0);
    }
    throw e;
  }
  return getCase(db, actor, id);
}
