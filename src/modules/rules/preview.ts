/**
 * Previews (试运行): a rule's violations on live data — the count and the first 20 records — without storing a
 * finding. The current version's preview is recorded on it, which is what allows switching the rule on.
 */
import { and, eq, sql } from 'drizzle-orm';
import { query, type Db } from '../../db/client.js';
import { checkRule, ruleSql } from '../../domain/rules/index.js';
import type { RuleSubject } from '../../domain/rules/types.js';
import { AppError, forbidden } from '../../errors.js';
import { can, requirePermission, type Actor } from '../accounts/access.js';
import { getAreaInScope } from '../areas/service.js';
import { recordAudit } from '../audit/service.js';
import { runContext } from './context.js';
import { ruleVersions } from './schema.js';
import { presentTarget, type TargetRow } from './target.js';
import { loadRule } from './service.js';
import { defaultReferenceDate, isIsoDate } from './settings.js';

export interface PreviewOptions {
  areaId?: number | undefined;
  referenceDate?: string | undefined;
}

export interface RuleDraft {
  subject: RuleSubject;
  condition: string;
  appliesTo?: string | null | undefined;
}

const SAMPLE_SIZE = 20;

interface SampleRow extends TargetRow {
  total: number;
}

function mayPreview(actor: Actor): void {
  if (!can(actor, 'rules.manage') && !can(actor, 'rules.run')) throw forbidden('preview rules', '试运行核查规则');
}

/** Just the checker's verdict, for the editor while typing. */
export function checkDraft(actor: Actor, draft: RuleDraft) {
  requirePermission(actor, 'registry.read');
  const result = checkRule({ subject: draft.subject, condition: draft.condition, appliesTo: draft.appliesTo || null });
  return result.ok ? { ok: true as const } : { ok: false as const, errors: result.errors };
}

async function run(db: Db, actor: Actor, draft: RuleDraft, opts: PreviewOptions, code: string | null) {
  const checked = checkRule({ subject: draft.subject, condition: draft.condition, appliesTo: draft.appliesTo || null });
  if (!checked.ok) return { ok: false as const, errors: checked.errors };
  const area = await getAreaInScope(db, actor, opts.areaId ?? actor.areaId);
  const referenceDate = opts.referenceDate ?? (await defaultReferenceDate(db));
  if (!isIsoDate(referenceDate)) throw new AppError('VALIDATION_FAILED', 'Bad reference date', '参照日期无效', { issues: [{ path: 'referenceDate', message: '日期无效' }] });
  const text = ruleSql(checked.rule, await runContext(db, referenceDate), { areaPath: area.path });
  const started = performance.now();
  const rows = await query<SampleRow>(
    db,
    sql`SELECT v.household_id, h.household_no, va.name AS village_name, t.name AS township_name, c.name AS county_name,
               v.member_id, m.name AS member_name, m.id_number, v.evidence, count(*) OVER ()::int AS total
        FROM (${sql.raw(text)}) v
        JOIN households h ON h.id = v.household_id
        JOIN areas va ON va.id = h.area_id
        LEFT JOIN areas t ON t.id = va.parent_id
        LEFT JOIN areas c ON c.id = t.parent_id
        LEFT JOIN members m ON m.id = v.member_id
        ORDER BY h.household_no, v.member_id NULLS FIRST
        LIMIT ${SAMPLE_SIZE}`,
  );
  const ms = Math.round(performance.now() - started);
  const count = rows[0]?.total ?? 0;
  if (rows.length > 0) {
    // The sample names people: seeing it is seeing personal data, recorded like a household view.
    await recordAudit(db, actor, {
      action: 'view',
      entity: 'rule_preview',
      entityId: code,
      areaPath: area.path,
      detail: { referenceDate, count, households: [...new Set(rows.map((r) => r.household_id))], members: rows.flatMap((r) => (r.member_id ? [r.member_id] : [])) },
    });
  }
  return {
    ok: true as const,
    count,
    referenceDate,
    area: { id: area.id, name: area.name },
    ms,
    sample: rows.map((r) => presentTarget(r)),
  };
}

export async function previewDraft(db: Db, actor: Actor, draft: RuleDraft, opts: PreviewOptions) {
  mayPreview(actor);
  return run(db, actor, draft, opts, null);
}

/** Previews the rule's current version and records the preview on it (what `enable` asks for). */
export async function previewRule(db: Db, actor: Actor, code: string, opts: PreviewOptions) {
  requirePermission(actor, 'rules.manage');
  const { v } = await loadRule(db, code);
  const result = await run(db, actor, { subject: v.subject as RuleSubject, condition: v.condition, appliesTo: v.appliesTo }, opts, code);
  if (!result.ok) return result;
  await db
    .update(ruleVersions)
    .set({ previewedAt: new Date(), previewCount: result.count, previewAreaId: result.area.id, previewReferenceDate: result.referenceDate })
    .where(and(eq(ruleVersions.ruleCode, code), eq(ruleVersions.version, v.version)));
  return result;
}
