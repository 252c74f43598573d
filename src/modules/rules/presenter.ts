import type { ruleVersions, rules } from './schema.js';

type RuleRow = typeof rules.$inferSelect;
type VersionRow = typeof ruleVersions.$inferSelect;

/** The rule's text fields of one version, as the API names them. */
function text(v: VersionRow) {
  return {
    titleZh: v.titleZh,
    titleEn: v.titleEn,
    severity: v.severity,
    subject: v.subject,
    department: v.department,
    populationZh: v.populationZh,
    explanationZh: v.explanationZh,
    appliesTo: v.appliesTo,
    condition: v.condition,
    shape: v.shape,
  };
}

export function presentRule(r: RuleRow, v: VersionRow, openFindings: number) {
  return {
    code: r.code,
    enabled: r.enabled,
    builtIn: r.builtIn,
    currentVersion: r.currentVersion,
    ...text(v),
    previewedAt: v.previewedAt?.toISOString() ?? null,
    previewCount: v.previewCount,
    openFindings,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
export type RuleView = ReturnType<typeof presentRule>;

export function presentVersion(v: VersionRow) {
  return {
    version: v.version,
    ...text(v),
    note: v.note,
    origin: v.origin as 'built_in' | 'user',
    createdBy: v.username,
    createdAt: v.createdAt.toISOString(),
    previewedAt: v.previewedAt?.toISOString() ?? null,
    previewCount: v.previewCount,
    previewAreaId: v.previewAreaId,
    previewReferenceDate: v.previewReferenceDate,
  };
}
