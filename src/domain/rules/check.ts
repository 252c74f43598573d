/**
 * The type checker: resolves every name against the field catalogue, checks operand types and code values, and
 * collects the evidence a finding records. Errors carry the span of the offending text for the editor.
 */
import { STANDARD_KEYS } from '../standards.js';
import { fieldByPath, type FieldDef } from './fields.js';
import { isDatasetCollection, recordFieldByPath, recordFields } from './records.js';
import { allDatasetTypes } from '../departments/datasets.js';
import { parseExpression, RuleSyntaxError, type Expr } from './syntax.js';
import type { RuleError, RuleErrorCode, RuleSource, RuleSubject, SourceSpan, ValueType } from './types.js';

/** Collections an aggregate ranges over, each a set of the household's records active on the reference date. */
export const COLLECTIONS = {
  members: { zh: '家庭成员', binds: 'member' },
  measures: { zh: '帮扶措施', binds: 'measure' },
} as const;
export type CollectionName = keyof typeof COLLECTIONS;

export interface FunctionDef {
  zh: string;
  args: readonly (ValueType | 'any' | 'field')[];
  variadic?: true;
  returns: ValueType | 'same';
}

export const FUNCTIONS: Record<string, FunctionDef> = {
  if: { zh: '条件取值 if(条件, 是, 否)', args: ['bool', 'any', 'any'], returns: 'same' },
  coalesce: { zh: '取第一个非空值', args: ['any', 'any'], variadic: true, returns: 'same' },
  abs: { zh: '绝对值', args: ['number'], returns: 'number' },
  length: { zh: '文字长度', args: ['text'], returns: 'number' },
  year: { zh: '日期的年份', args: ['date'], returns: 'number' },
  days_between: { zh: '相隔天数 days_between(起, 止)', args: ['date', 'date'], returns: 'number' },
  months_between: { zh: '相隔整月数 months_between(起, 止)', args: ['date', 'date'], returns: 'number' },
  households_sharing: { zh: '同值出现在其他多少户（跨户比对）', args: ['field'], returns: 'number' },
};

/** Fields whose values may be compared across households (text identities of people and phones). */
const SHAREABLE = new Set(['member.phone', 'member.id_number', 'member.name', 'household.contact_phone', 'household.helper_phone']);

export interface EvidenceItem {
  key: string;
  expr: Expr;
}

export interface CheckedRule {
  subject: RuleSubject;
  condition: Expr;
  appliesTo: Expr | null;
  types: Map<Expr, ValueType | 'null'>;
  evidence: EvidenceItem[];
  /** Department datasets the rule reads (collections over records); empty for registry-only rules. */
  datasets: string[];
  /** Source texts, for evidence keys and messages. */
  conditionText: string;
  appliesToText: string | null;
}

class CheckError extends Error {
  constructor(
    readonly code: RuleErrorCode,
    readonly span: SourceSpan,
    message: string,
    readonly messageZh: string,
  ) {
    super(message);
  }
}

const TYPE_ZH: Record<ValueType | 'null', string> = { number: '数值', text: '文字', bool: '是/否', date: '日期', null: '空值' };
const STANDARD_KEY_SET = new Set<string>(STANDARD_KEYS.map((k) => k.key));

interface Env {
  subject: RuleSubject;
  /** The collection an aggregate ranges over, while checking its `where`: members, measures or a dataset type. */
  inside: string | null;
}

class Checker {
  readonly types = new Map<Expr, ValueType | 'null'>();
  readonly evidence: EvidenceItem[] = [];
  readonly datasets = new Set<string>();
  /** The field each path resolved to: `record.*` depends on the collection around it. */
  private readonly resolved = new Map<Expr, FieldDef>();
  private readonly seen = new Set<string>();

  constructor(private readonly text: string) {}

  check(e: Expr, env: Env): ValueType | 'null' {
    const t = this.infer(e, env);
    this.types.set(e, t);
    return t;
  }

  private addEvidence(e: Expr, env: Env): void {
    if (env.inside) return;
    const key = this.text.slice(e.span.start, e.span.end).replace(/\s+/g, ' ');
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.evidence.push({ key, expr: e });
  }

  private infer(e: Expr, env: Env): ValueType | 'null' {
    switch (e.kind) {
      case 'literal':
        if (e.value === null) return 'null';
        if (e.isDate) {
          if (!/^\d{4}-\d{2}-\d{2}$/.test(String(e.value)) || Number.isNaN(Date.parse(String(e.value))))
            throw new CheckError('bad_literal', e.span, `Not a date: ${String(e.value)} (use YYYY-MM-DD)`, `日期格式错误：${String(e.value)}（应为 YYYY-MM-DD）`);
          return 'date';
        }
        return typeof e.value === 'number' ? 'number' : typeof e.value === 'boolean' ? 'bool' : 'text';
      case 'path':
        return this.path(e, env);
      case 'not':
        this.expectBool(e.operand, env);
        return 'bool';
      case 'logic':
        this.expectBool(e.left, env);
        this.expectBool(e.right, env);
        return 'bool';
      case 'compare': {
        const l = this.check(e.left, env);
        const r = this.check(e.right, env);
        if (l === 'null' || r === 'null')
          throw new CheckError('type_mismatch', e.span, 'Compare with null using "is null"', '与空值比较请用 is null / is not null');
        this.sameType(l, r, e.span);
        if ((l === 'bool' || l === 'text') && !['=', '!='].includes(e.op))
          throw new CheckError('type_mismatch', e.span, `"${e.op}" needs numbers or dates`, `"${e.op}" 只能用于数值或日期`);
        this.checkCode(e.left, e.right);
        this.checkCode(e.right, e.left);
        return 'bool';
      }
      case 'arith': {
        this.expectType(e.left, 'number', env);
        this.expectType(e.right, 'number', env);
        return 'number';
      }
      case 'neg':
        this.expectType(e.operand, 'number', env);
        return 'number';
      case 'isNull': {
        const t = this.check(e.operand, env);
        if (e.empty && t !== 'text') throw new CheckError('type_mismatch', e.span, '"is empty" applies to text', '"is empty" 只能用于文字字段');
        return 'bool';
      }
      case 'in': {
        const t = this.check(e.operand, env);
        for (const item of e.list) {
          const it = this.check(item, env);
          if (it === 'null') throw new CheckError('type_mismatch', item.span, 'null cannot be in a list (use "is null")', '列表中不能有空值（请用 is null）');
          this.sameType(t, it, item.span);
          this.checkCode(e.operand, item);
        }
        return 'bool';
      }
      case 'between': {
        const t = this.check(e.operand, env);
        if (t !== 'number' && t !== 'date') throw new CheckError('type_mismatch', e.operand.span, '"between" needs a number or a date', '"between" 只能用于数值或日期');
        this.sameType(t, this.check(e.low, env), e.low.span);
        this.sameType(t, this.check(e.high, env), e.high.span);
        return 'bool';
      }
      case 'matches': {
        this.expectType(e.operand, 'text', env);
        try {
          new RegExp(e.pattern);
        } catch {
          throw new CheckError('bad_literal', e.span, `Not a valid pattern: ${e.pattern}`, `正则表达式有误：${e.pattern}`);
        }
        if (/\\[dDwWsSbB]|\(\?/.test(e.pattern))
          throw new CheckError('bad_literal', e.span, 'Use [0-9] and plain groups: \\d, \\w and (?…) differ between engines', '请用 [0-9] 等写法，不支持 \\d、\\w、(?…)');
        return 'bool';
      }
      case 'aggregate':
        return this.aggregate(e, env);
      case 'call':
        return this.call(e, env);
    }
  }

  private path(e: Extract<Expr, { kind: 'path' }>, env: Env): ValueType {
    const path = e.parts.join('.');
    if (path === 'ref_date') return 'date';
    if (e.parts[0] === 'std') {
      if (e.parts.length !== 2 || !STANDARD_KEY_SET.has(e.parts[1]!))
        throw new CheckError('unknown_standard', e.span, `Unknown standard ${path}`, `没有这个标准：${path}（见"标准设置"中的标准代码）`);
      this.addEvidence(e, env);
      return 'number';
    }
    const f: FieldDef | undefined = e.parts[0] === 'record' ? this.recordPath(e, env) : fieldByPath(path);
    if (!f) throw new CheckError('unknown_field', e.span, `Unknown field ${path}`, `没有这个字段：${path}`);
    this.resolved.set(e, f);
    const insideDataset = env.inside !== null && isDatasetCollection(env.inside);
    if (f.scope === 'member' && env.subject !== 'member' && env.inside !== 'members' && !insideDataset)
      throw new CheckError('member_outside_aggregate', e.span, `${path}: a household rule reads members only inside count/exists/share/all(members where …)`, `${path}：户级规则只能在 count/exists/share/all(members where …) 中使用成员字段`);
    if (f.scope === 'measure' && env.inside !== 'measures')
      throw new CheckError('member_outside_aggregate', e.span, `${path}: measures are read inside an aggregate over measures`, `${path}：帮扶措施字段只能在 count/exists(measures where …) 中使用`);
    this.addEvidence(e, env);
    return f.type;
  }

  private recordPath(e: Extract<Expr, { kind: 'path' }>, env: Env): FieldDef {
    const path = e.parts.join('.');
    if (!env.inside || !isDatasetCollection(env.inside))
      throw new CheckError('member_outside_aggregate', e.span, `${path}: department records are read inside an aggregate over a dataset, e.g. exists(school_enrolment where …)`, `${path}：部门数据字段只能在 exists/count(数据集 where …) 中使用，如 exists(school_enrolment where …)`);
    const f = recordFieldByPath(env.inside, path);
    if (!f) {
      const known = recordFields(env.inside).map((x) => x.path).join(', ');
      throw new CheckError('unknown_field', e.span, `${env.inside} has no field ${path} (${known})`, `${env.inside} 没有字段 ${path}（可用：${known}）`);
    }
    return f;
  }

  private aggregate(e: Extract<Expr, { kind: 'aggregate' }>, env: Env): ValueType {
    if (env.inside) throw new CheckError('nested_aggregate', e.span, 'Aggregates cannot be nested', '统计函数不能嵌套');
    const isDataset = isDatasetCollection(e.collection);
    if (!(e.collection in COLLECTIONS) && !isDataset) {
      const datasets = allDatasetTypes().map((d) => d.code).join(', ');
      throw new CheckError('unknown_field', e.span, `Unknown collection ${e.collection} (members, measures, or a department dataset: ${datasets})`, `没有这个集合：${e.collection}（可用 members 成员、measures 帮扶措施，或部门数据集：${datasets}）`);
    }
    if (isDataset) this.datasets.add(e.collection);
    if (e.where) this.expectBool(e.where, { ...env, inside: e.collection });
    this.addEvidence(e, env);
    if (e.fn === 'count') return 'number';
    if (e.fn === 'share') return 'number';
    return 'bool';
  }

  private call(e: Extract<Expr, { kind: 'call' }>, env: Env): ValueType {
    const fn = FUNCTIONS[e.name];
    if (!fn) throw new CheckError('unknown_function', e.span, `Unknown function ${e.name}`, `没有这个函数：${e.name}`);
    const arity = fn.args.length;
    if (fn.variadic ? e.args.length < arity : e.args.length !== arity)
      throw new CheckError('bad_arguments', e.span, `${e.name} takes ${fn.variadic ? 'at least ' : ''}${arity} arguments`, `${e.name} 需要${fn.variadic ? '至少' : ''} ${arity} 个参数`);
    if (e.name === 'households_sharing') {
      const a = e.args[0]!;
      if (env.inside) throw new CheckError('nested_aggregate', e.span, 'households_sharing cannot be used inside an aggregate', 'households_sharing 不能用在统计函数内');
      if (a.kind !== 'path' || !SHAREABLE.has(a.parts.join('.')))
        throw new CheckError('bad_arguments', a.span, `households_sharing takes one of ${[...SHAREABLE].join(', ')}`, `households_sharing 的参数只能是 ${[...SHAREABLE].join('、')}`);
      this.check(a, env);
      this.addEvidence(e, env);
      return 'number';
    }
    const types = e.args.map((a) => this.check(a, env));
    fn.args.forEach((want, i) => {
      if (want !== 'any' && want !== 'field' && types[i] !== want && types[i] !== 'null')
        throw new CheckError('type_mismatch', e.args[i]!.span, `${e.name}: argument ${i + 1} must be ${want}`, `${e.name} 的第 ${i + 1} 个参数应为${TYPE_ZH[want]}`);
    });
    if (e.name === 'if') {
      this.expectBool(e.args[0]!, env);
      const [, a, b] = types as [unknown, ValueType | 'null', ValueType | 'null'];
      if (a !== 'null' && b !== 'null') this.sameType(a, b, e.span);
      const t = a === 'null' ? b : a;
      if (t === 'null') throw new CheckError('type_mismatch', e.span, 'if() cannot return only nulls', 'if() 的两个取值不能都为空');
      return t;
    }
    if (e.name === 'coalesce') {
      const known = types.filter((t): t is ValueType => t !== 'null');
      if (known.length === 0) throw new CheckError('type_mismatch', e.span, 'coalesce() needs a non-null argument', 'coalesce() 至少需要一个非空参数');
      known.forEach((t, i) => this.sameType(known[0]!, t, e.args[i]!.span));
      return known[0]!;
    }
    return fn.returns as ValueType;
  }

  private expectBool(e: Expr, env: Env): void {
    const t = this.check(e, env);
    if (t !== 'bool') throw new CheckError('not_boolean', e.span, `Expected a condition (true/false), found ${t}`, `此处应为条件（是/否），实际是${TYPE_ZH[t]}`);
  }

  private expectType(e: Expr, want: ValueType, env: Env): void {
    const t = this.check(e, env);
    if (t !== want && t !== 'null') throw new CheckError('type_mismatch', e.span, `Expected ${want}, found ${t}`, `此处应为${TYPE_ZH[want]}，实际是${TYPE_ZH[t]}`);
  }

  private sameType(a: ValueType | 'null', b: ValueType | 'null', span: SourceSpan): void {
    if (a === 'null' || b === 'null' || a === b) return;
    const hint = (a === 'date' && b === 'text') || (a === 'text' && b === 'date') ? " (write dates as date '2020-09-01')" : '';
    const hintZh = hint ? "（日期请写作 date '2020-09-01'）" : '';
    throw new CheckError('type_mismatch', span, `Cannot compare ${a} with ${b}${hint}`, `${TYPE_ZH[a]}不能与${TYPE_ZH[b]}比较${hintZh}`);
  }

  /** A text literal compared with a coded field must be one of its codes: typos would silently match nothing. */
  private checkCode(field: Expr, literal: Expr): void {
    if (field.kind !== 'path' || literal.kind !== 'literal' || typeof literal.value !== 'string') return;
    const codeList = this.resolved.get(field)?.codes;
    if (!codeList || codeList.some((c) => c.code === literal.value)) return;
    const allowed = codeList.map((c) => `'${c.code}' ${c.zh}`).join(', ');
    throw new CheckError('unknown_code', literal.span, `'${String(literal.value)}' is not a code of ${field.parts.join('.')}: ${allowed}`, `'${String(literal.value)}' 不是 ${field.parts.join('.')} 的代码，可用：${allowed}`);
  }
}

function checkPart(text: string, part: RuleError['part'], subject: RuleSubject, errors: RuleError[]): { expr: Expr; checker: Checker } | null {
  try {
    const expr = parseExpression(text);
    const checker = new Checker(text);
    const t = checker.check(expr, { subject, inside: null });
    if (t !== 'bool') throw new CheckError('not_boolean', expr.span, 'The rule must be a condition (true/false)', '规则必须是一个条件（结果为是/否）');
    return { expr, checker };
  } catch (e) {
    if (e instanceof RuleSyntaxError) errors.push({ code: 'syntax', part, span: e.span, message: e.message, messageZh: e.messageZh });
    else if (e instanceof CheckError) errors.push({ code: e.code, part, span: e.span, message: e.message, messageZh: e.messageZh });
    else throw e;
    return null;
  }
}

export function checkRule(source: RuleSource): { ok: true; rule: CheckedRule } | { ok: false; errors: RuleError[] } {
  const errors: RuleError[] = [];
  if (!source.condition.trim()) {
    return { ok: false, errors: [{ code: 'syntax', part: 'condition', span: { start: 0, end: 0 }, message: 'The condition is empty', messageZh: '规则条件不能为空' }] };
  }
  const cond = checkPart(source.condition, 'condition', source.subject, errors);
  const appliesText = source.appliesTo?.trim() ? source.appliesTo : null;
  const applies = appliesText ? checkPart(appliesText, 'appliesTo', source.subject, errors) : null;
  if (!cond || errors.length) return { ok: false, errors };
  const types = new Map(cond.checker.types);
  if (applies) for (const [k, v] of applies.checker.types) types.set(k, v);
  return {
    ok: true,
    rule: {
      subject: source.subject,
      condition: cond.expr,
      appliesTo: applies?.expr ?? null,
      types,
      evidence: cond.checker.evidence,
      datasets: [...new Set([...cond.checker.datasets, ...(applies?.checker.datasets ?? [])])].sort(),
      conditionText: source.condition,
      appliesToText: appliesText,
    },
  };
}
