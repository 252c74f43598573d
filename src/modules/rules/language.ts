/** What the rule editor offers: fields, standards, functions and the lists a rule's header picks from (API.md). */
import { STANDARD_KEYS } from '../../domain/standards.js';
import { COLLECTIONS, FUNCTIONS, RULE_FIELDS, RULE_SEVERITIES, RULE_SHAPES } from '../../domain/rules/index.js';
import { AGGREGATE_FUNCTIONS } from '../../domain/rules/syntax.js';

const AGGREGATE_EXAMPLES: Record<(typeof AGGREGATE_FUNCTIONS)[number], string> = {
  count: "count(members where member.relation = 'head') != 1",
  share: "share(members where member.labour_ability in ('ordinary', 'skilled')) > 0.25",
  exists: "exists(members where member.dibao)",
  none: "none(members where member.health = 'disabled')",
  all: "all(members where member.labour_ability in ('lost', 'none'))",
};

export function ruleLanguage() {
  return {
    severities: RULE_SEVERITIES.map((s) => ({ code: s.code, zh: s.zh, en: s.en })),
    subjects: [
      { code: 'household', zh: '户', en: 'Household' },
      { code: 'member', zh: '人', en: 'Member' },
    ],
    shapes: RULE_SHAPES.map((s) => ({ code: s.code, zh: s.zh, en: s.en })),
    fields: RULE_FIELDS.map((f) => ({
      path: f.path,
      scope: f.scope,
      type: f.type,
      zh: f.zh,
      en: f.en,
      codes: f.codes ? f.codes.map((c) => ({ code: c.code, zh: c.zh, en: c.en })) : null,
    })),
    standards: STANDARD_KEYS.map((k) => ({ key: k.key, zh: k.label, en: k.labelEn, unit: k.unit })),
    functions: Object.entries(FUNCTIONS).map(([name, f]) => ({ name, zh: f.zh, args: [...f.args], returns: f.returns })),
    aggregates: AGGREGATE_FUNCTIONS.map((name) => ({ name, example: AGGREGATE_EXAMPLES[name] })),
    collections: Object.entries(COLLECTIONS).map(([name, c]) => ({ name, zh: c.zh })),
  };
}
