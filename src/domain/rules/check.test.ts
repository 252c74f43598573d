import { describe, expect, it } from 'vitest';
import { BUILT_IN_RULES, RULE_SHAPES } from './catalogue/index.js';
import { checkRule } from './check.js';
import type { RuleError, RuleSource } from './types.js';

function errorsOf(source: RuleSource): RuleError[] {
  const r = checkRule(source);
  return r.ok ? [] : r.errors;
}
const member = (condition: string, appliesTo?: string): RuleSource => ({ subject: 'member', condition, appliesTo });
const household = (condition: string): RuleSource => ({ subject: 'household', condition });

describe('rule language: checking', () => {
  it('accepts every built-in rule, and the catalogue covers every shape with unique codes', () => {
    for (const r of BUILT_IN_RULES) expect(errorsOf(r), r.code).toEqual([]);
    expect(BUILT_IN_RULES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(BUILT_IN_RULES.map((r) => r.code)).size).toBe(BUILT_IN_RULES.length);
    for (const shape of RULE_SHAPES) expect(BUILT_IN_RULES.some((r) => r.shape === shape.code), shape.code).toBe(true);
  });

  it('points at the exact text of a syntax error', () => {
    const src = "member.age > and member.sex = 'male'";
    const [e] = errorsOf(member(src));
    expect(e?.code).toBe('syntax');
    expect(src.slice(e!.span.start, e!.span.end)).toBe('and');
    expect(e?.messageZh).toContain('此处应为');
    expect(errorsOf(member("member.name = 'abc"))[0]?.messageZh).toContain('单引号');
    expect(errorsOf(member('member.age > 5 member.age < 3'))[0]?.code).toBe('syntax');
    expect(errorsOf(member('(member.age > 5'))[0]?.code).toBe('syntax');
    expect(errorsOf(member('member.age ＞ 5'))[0]?.code).toBe('syntax');
  });

  it('names unknown fields, standards, functions and codes, with the allowed codes listed', () => {
    const src = "member.school_status = 'not_in_schol'";
    const [e] = errorsOf(member(src));
    expect(e).toMatchObject({ code: 'unknown_code', part: 'condition' });
    expect(src.slice(e!.span.start, e!.span.end)).toBe("'not_in_schol'");
    expect(e!.messageZh).toContain("'not_in_school' 非在校生");
    expect(errorsOf(member('member.agee > 3'))[0]?.code).toBe('unknown_field');
    expect(errorsOf(member('member.age > std.no_such_line'))[0]?.code).toBe('unknown_standard');
    expect(errorsOf(member('foo(member.age) > 3'))[0]?.code).toBe('unknown_function');
    expect(errorsOf(member("member.relation in ('head', 'wife')"))[0]?.code).toBe('unknown_code');
  });

  it('refuses comparisons of different types, and null compared with =', () => {
    expect(errorsOf(member("member.age > 'ten'"))[0]?.code).toBe('type_mismatch');
    expect(errorsOf(member("member.birth_date < '2000-01-01'"))[0]?.messageZh).toContain("date '2020-09-01'");
    expect(errorsOf(member("member.birth_date < date '2000-01-01'"))).toEqual([]);
    expect(errorsOf(member('member.phone = null'))[0]?.messageZh).toContain('is null');
    expect(errorsOf(member("member.name > 'a'"))[0]?.code).toBe('type_mismatch');
    expect(errorsOf(member('member.age + 1'))[0]?.code).toBe('not_boolean');
    expect(errorsOf(member('member.age is empty'))[0]?.code).toBe('type_mismatch');
    expect(errorsOf(member("member.birth_date < date '2000-13-45'"))[0]?.code).toBe('bad_literal');
  });

  it('keeps member fields inside aggregates in household rules, and aggregates unnested', () => {
    expect(errorsOf(household('member.age > 3'))[0]?.code).toBe('member_outside_aggregate');
    expect(errorsOf(household('count(members where member.age > 3) > 1'))).toEqual([]);
    expect(errorsOf(household('count(members where exists(members where member.dibao)) > 1'))[0]?.code).toBe('nested_aggregate');
    expect(errorsOf(household('count(people) > 1'))[0]?.code).toBe('unknown_field');
    expect(errorsOf(member('households_sharing(member.age) > 0'))[0]?.code).toBe('bad_arguments');
    expect(errorsOf(household('households_sharing(household.contact_phone) > 0'))).toEqual([]);
    expect(errorsOf(member('measure.kind is null'))[0]?.code).toBe('member_outside_aggregate');
  });

  it('checks the population expression too, and reports it as such', () => {
    expect(errorsOf(member('member.age > 3', "household.type = 'poor'"))[0]).toMatchObject({ code: 'unknown_code', part: 'appliesTo' });
    expect(errorsOf(member('member.age > 3', 'household.size'))[0]).toMatchObject({ code: 'not_boolean', part: 'appliesTo' });
    expect(errorsOf(member(' '))[0]?.messageZh).toContain('不能为空');
  });

  it('records the values behind a finding: every field, standard and aggregate outside aggregates, once', () => {
    const r = checkRule(household("household.housing_grade in ('C', 'D') and count(members where member.age > 60) > std.labour_age_min and household.housing_grade != 'A'"));
    expect(r.ok && r.rule.evidence.map((e) => e.key)).toEqual(['household.housing_grade', 'count(members where member.age > 60)', 'std.labour_age_min']);
  });
});
