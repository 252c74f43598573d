import type { Department } from '../../codes.js';
import type { RuleSubject } from '../types.js';
import type { BuiltInRule, RuleSeverity, RuleShape } from './types.js';

/** Compact constructor so a catalogue file reads as a table of rules. */
export function rule(
  shape: RuleShape,
  code: string,
  head: { dept: Department; severity: RuleSeverity; subject: RuleSubject; zh: string; en: string; population: string; appliesTo?: string },
  condition: string,
  explanationZh: string,
): BuiltInRule {
  return {
    code,
    shape,
    titleZh: head.zh,
    titleEn: head.en,
    severity: head.severity,
    subject: head.subject,
    department: head.dept,
    populationZh: head.population,
    appliesTo: head.appliesTo ?? null,
    condition: condition.replace(/\s+/g, ' ').trim(),
    explanationZh,
  };
}
