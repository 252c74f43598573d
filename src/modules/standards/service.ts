/**
 * Standards per region and period (API.md). Reading: the value that applies to an area on a date is the most
 * specific area's among those set for the area or above it (domain/standards.ts `effectiveValue`, here in SQL).
 * Adding: a new period ends the open one it follows, the day before; both changes are audited.
 */
import { and, desc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { ASSESSMENT_STANDARD_KEYS } from '../../domain/assessment.js';
import { STANDARD_KEYS, standardKeyDef, standardValueProblem, type StandardKey } from '../../domain/standards.js';
import { AppError } from '../../errors.js';
import { requirePermission, type Actor } from '../accounts/access.js';
import { getAreaInScope } from '../areas/service.js';
import { areas } from '../areas/schema.js';
import { refreshAreaInParts } from '../assessment/refresh.js';
import { recordAudit } from '../audit/service.js';
import { standardValues } from './schema.js';

type Row = typeof standardValues.$inferSelect;

export interface StandardValueView {
  id: number;
  key: string;
  areaId: number;
  areaName: string;
  value: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  note: string;
  createdBy: string;
  createdAt: string;
}

function present(r: Row, areaName: string): StandardValueView {
  return {
    id: r.id,
    key: r.key,
    areaId: r.areaId,
    areaName,
    value: Number(r.value),
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
    note: r.note,
    createdBy: r.username ?? '',
    createdAt: r.createdAt.toISOString(),
  };
}

/** Today in China (UTC+8), YYYY-MM-DD: the default reference date. */
export function chinaDate(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function standardKeys() {
  return { items: STANDARD_KEYS.map(({ demo2020: _d, ...k }) => k) };
}

/** The values in force for an area on a date, by key (absent where none is set). Usable by other services. */
export async function standardsFor(db: DbOrTx, areaPath: string, on: string): Promise<Map<StandardKey, { row: Row; areaName: string }>> {
  const rows = await db
    .selectDistinctOn([standardValues.key], { row: standardValues, areaName: areas.name })
    .from(standardValues)
    .innerJoin(areas, eq(areas.id, standardValues.areaId))
    .where(
      and(
        sql`starts_with(${areaPath}, ${standardValues.areaPath})`,
        lte(standardValues.effectiveFrom, on),
        or(isNull(standardValues.effectiveTo), gte(standardValues.effectiveTo, on)),
      ),
    )
    .orderBy(standardValues.key, desc(sql`length(${standardValues.areaPath})`), desc(standardValues.effectiveFrom));
  return new Map(rows.map((r) => [r.row.key as StandardKey, r]));
}

export async function effectiveStandards(db: Db, actor: Actor, areaId: number | undefined, on: string | undefined) {
  requirePermission(actor, 'registry.read');
  const area = await getAreaInScope(db, actor, areaId ?? actor.areaId);
  const date = on ?? chinaDate();
  const values = await standardsFor(db, area.path, date);
  return {
    area: { id: area.id, name: area.name },
    on: date,
    items: STANDARD_KEYS.map(({ key, label, labelEn, unit, unitEn, group }) => {
      const v = values.get(key);
      return { key, label, labelEn, unit, unitEn, group, value: v ? Number(v.row.value) : null, source: v ? present(v.row, v.areaName) : null };
    }),
  };
}

export async function standardHistory(db: Db, actor: Actor, key: string, areaId: number | undefined) {
  requirePermission(actor, 'registry.read');
  const area = await getAreaInScope(db, actor, areaId ?? actor.areaId);
  const rows = await db
    .select({ s: standardValues, areaName: areas.name })
    .from(standardValues)
    .innerJoin(areas, eq(areas.id, standardValues.areaId))
    .where(and(eq(standardValues.key, key), sql`starts_with(${area.path}, ${standardValues.areaPath})`))
    .orderBy(desc(standardValues.effectiveFrom), desc(sql`length(${standardValues.areaPath})`));
  return { items: rows.map((r) => present(r.s, r.areaName)) };
}

export interface NewStandardValue {
  key: string;
  areaId: number;
  value: number;
  effectiveFrom: string;
  effectiveTo?: string | null | undefined;
  note: string;
}

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export async function addStandardValue(db: Db, actor: Actor, input: NewStandardValue): Promise<StandardValueView> {
  requirePermission(actor, 'standards.manage');
  const area = await getAreaInScope(db, actor, input.areaId);
  const problem = standardValueProblem(input.key, input.value);
  if (problem) throw new AppError('VALIDATION_FAILED', problem.message, problem.messageZh, { issues: [{ path: 'value', message: problem.messageZh }] });
  const to = input.effectiveTo ?? null;
  if (to !== null && to < input.effectiveFrom) {
    throw new AppError('VALIDATION_FAILED', 'The period ends before it starts', '结束日期早于开始日期', { issues: [{ path: 'effectiveTo', message: '结束日期早于开始日期' }] });
  }
  const label = standardKeyDef(input.key)!.label;
  const view = await db.transaction(async (tx) => {
    const same = await tx
      .select()
      .from(standardValues)
      .where(and(eq(standardValues.key, input.key), eq(standardValues.areaId, area.id)))
      .for('update');
    const later = same.find((r) => r.effectiveFrom >= input.effectiveFrom);
    if (later) {
      throw new AppError(
        'INVALID_STATE',
        `A value of ${input.key} for this area already starts on ${later.effectiveFrom}`,
        `${area.name}的“${label}”已有自${later.effectiveFrom}起的取值，新取值须晚于该日期开始`,
      );
    }
    const covering = same.find((r) => r.effectiveFrom < input.effectiveFrom && (r.effectiveTo === null || r.effectiveTo >= input.effectiveFrom));
    if (covering && covering.effectiveTo !== null) {
      throw new AppError(
        'INVALID_STATE',
        `The value in force from ${covering.effectiveFrom} to ${covering.effectiveTo} is closed; start the new value after it`,
        `${area.name}的“${label}”在${covering.effectiveFrom}至${covering.effectiveTo}已有取值，新取值须在其结束后开始`,
      );
    }
    if (covering) {
      const end = dayBefore(input.effectiveFrom);
      await tx.update(standardValues).set({ effectiveTo: end }).where(eq(standardValues.id, covering.id));
      await recordAudit(tx, actor, {
        action: 'update',
        entity: 'standard',
        entityId: covering.id,
        areaPath: area.path,
        oldValues: { effectiveTo: null },
        newValues: { effectiveTo: end },
        detail: { key: input.key, reason: 'followed by a new value' },
      });
    }
    const [row] = await tx
      .insert(standardValues)
      .values({
        key: input.key,
        areaId: area.id,
        areaPath: area.path,
        value: String(input.value),
        effectiveFrom: input.effectiveFrom,
        effectiveTo: to,
        note: input.note,
        userId: actor.userId,
        username: actor.username,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'standard',
      entityId: row!.id,
      areaPath: area.path,
      newValues: { key: input.key, value: input.value, effectiveFrom: input.effectiveFrom, effectiveTo: to, note: input.note, areaId: area.id },
    });
    return present(row!, area.name);
  });
  // Stored assessments of the area on dates inside the new period now read another value: recompute them with it,
  // part by part after the commit, so a city-wide change does not hold the database for the whole city at once.
  if ((ASSESSMENT_STANDARD_KEYS as readonly string[]).includes(input.key)) {
    await refreshAreaInParts(db, { areaPath: area.path, from: input.effectiveFrom, to });
  }
  return view;
}

/** The demo city's 2020 values (DOMAIN.md), in force from 1 January 2020 until changed. */
export async function seedDemoStandards(db: DbOrTx, city: { id: number; path: string }): Promise<number> {
  await db.insert(standardValues).values(
    STANDARD_KEYS.map((k) => ({
      key: k.key,
      areaId: city.id,
      areaPath: city.path,
      value: String(k.demo2020),
      effectiveFrom: '2020-01-01',
      note: '演示城市2020年标准（DOMAIN.md）',
    })),
  );
  return STANDARD_KEYS.length;
}
