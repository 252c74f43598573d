/**
 * Keeps the built-in catalogue (src/domain/rules) in the database, idempotently, at every start and in the demo
 * seed. A new built-in is added switched on (it ships reviewed). A built-in whose text changed in a release gets a
 * new version — unless a user has edited that rule, whose text then stays theirs.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { BUILT_IN_RULES } from '../../domain/rules/index.js';
import { recordAudit } from '../audit/service.js';
import { ruleVersions, rules } from './schema.js';

type BuiltIn = (typeof BUILT_IN_RULES)[number];
const TEXT_FIELDS = ['titleZh', 'titleEn', 'severity', 'subject', 'department', 'populationZh', 'explanationZh', 'appliesTo', 'condition', 'shape'] as const;

function sameText(a: Record<(typeof TEXT_FIELDS)[number], unknown>, b: BuiltIn): boolean {
  return TEXT_FIELDS.every((f) => (a[f] ?? null) === (b[f] ?? null));
}

function versionOf(b: BuiltIn, version: number, note: string) {
  return {
    ruleCode: b.code,
    version,
    titleZh: b.titleZh,
    titleEn: b.titleEn,
    severity: b.severity,
    subject: b.subject,
    department: b.department,
    populationZh: b.populationZh,
    explanationZh: b.explanationZh,
    appliesTo: b.appliesTo,
    condition: b.condition,
    shape: b.shape,
    note,
    origin: 'built_in',
  };
}

export interface SeedResult {
  added: number;
  updated: number;
  keptUserEdits: number;
}

export async function seedBuiltInRules(db: Db, catalogue: readonly BuiltIn[] = BUILT_IN_RULES): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    // Two processes starting at once (server and CLI) must not both add version 2.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('jingzhun.rules.seed'))`);
    const stored = await tx
      .select({ code: rules.code, builtIn: rules.builtIn, currentVersion: rules.currentVersion, v: ruleVersions })
      .from(rules)
      .innerJoin(ruleVersions, sql`${ruleVersions.ruleCode} = ${rules.code} AND ${ruleVersions.version} = ${rules.currentVersion}`);
    const byCode = new Map(stored.map((s) => [s.code, s]));
    const fresh = catalogue.filter((b) => !byCode.has(b.code));
    const changed = catalogue.filter((b) => {
      const s = byCode.get(b.code);
      return s && s.builtIn && s.v.origin === 'built_in' && !sameText(s.v, b);
    });
    const kept = catalogue.filter((b) => {
      const s = byCode.get(b.code);
      return s && s.builtIn && s.v.origin === 'user' && !sameText(s.v, b);
    });
    if (fresh.length) {
      await tx.insert(rules).values(fresh.map((b) => ({ code: b.code, enabled: true, builtIn: true, currentVersion: 1 })));
      await tx.insert(ruleVersions).values(fresh.map((b) => versionOf(b, 1, '内置规则')));
    }
    for (const b of changed) {
      const next = byCode.get(b.code)!.currentVersion + 1;
      await tx.insert(ruleVersions).values(versionOf(b, next, '随系统版本更新的内置规则'));
      await tx.update(rules).set({ currentVersion: next, updatedAt: new Date() }).where(sql`${rules.code} = ${b.code}`);
    }
    if (fresh.length || changed.length) {
      await recordAudit(tx, null, {
        action: 'update',
        entity: 'rule_catalogue',
        detail: { added: fresh.map((b) => b.code), updated: changed.map((b) => b.code), keptUserEdits: kept.map((b) => b.code) },
      });
    }
    return { added: fresh.length, updated: changed.length, keptUserEdits: kept.length };
  });
}
