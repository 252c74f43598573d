/**
 * The in-memory twin of the SQL compiler: evaluates a checked rule over plain rows with SQL's three-valued logic.
 * It exists to prove the compiler right (the property test runs both on random households) and to explain a single
 * record without a database round trip; set-based runs always go through SQL.
 */
import { completedMonths, daysBetween } from './dates.js';
import { fieldByPath, fullYearIncome, isActiveHousehold, isActiveMember, latestEpisode, normalise, type JsScope, type Row, type Value } from './fields.js';
import type { CheckedRule } from './check.js';
import type { Expr } from './syntax.js';
import type { RuleRunContext, Violation } from './types.js';
import { isDatasetCollection, recordFieldByPath } from './records.js';

/** Registry rows as SELECT * returns them (snake_case columns). */
export interface RuleData {
  households: readonly Row[];
  members: readonly Row[];
  incomes: readonly Row[];
  areas: readonly Row[];
  measures?: readonly Row[];
  /** Monitoring episodes (monitoring_cases rows). */
  cases?: readonly Row[];
  /** Department records: { snapshot_id, member_id (null = unmatched), data, as_of }. */
  records?: readonly Row[];
}

type Tri = boolean | null;

const and = (a: Tri, b: Tri): Tri => (a === false || b === false ? false : a === null || b === null ? null : true);
const or = (a: Tri, b: Tri): Tri => (a === true || b === true ? true : a === null || b === null ? null : false);
const not = (a: Tri): Tri => (a === null ? null : !a);
const sqlTrim = (s: string) => s.replace(/^ +| +$/g, '');

function compare(op: string, a: Value, b: Value): Tri {
  if (a === null || b === null) return null;
  switch (op) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

interface Index {
  membersByHousehold: Map<number, Row[]>;
  incomesByHousehold: Map<number, Row[]>;
  measuresByHousehold: Map<number, Row[]>;
  casesByHousehold: Map<number, Row[]>;
  /** Matched records by snapshot, then by member. */
  recordsBySnapshot: Map<number, Map<number, Row[]>>;
  areas: Map<number, Row>;
  /** value → households with an active member (or household column) holding it, per shareable field. */
  shared: Map<string, Map<string, Set<number>>>;
}

function groupBy(rows: readonly Row[], key: string): Map<number, Row[]> {
  const out = new Map<number, Row[]>();
  for (const r of rows) {
    const k = Number(r[key]);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

class Evaluator {
  private readonly index: Index;

  constructor(
    private readonly data: RuleData,
    private readonly ctx: RuleRunContext,
  ) {
    this.index = {
      membersByHousehold: groupBy(data.members, 'household_id'),
      incomesByHousehold: groupBy(data.incomes, 'household_id'),
      measuresByHousehold: groupBy(data.measures ?? [], 'household_id'),
      casesByHousehold: groupBy(data.cases ?? [], 'household_id'),
      recordsBySnapshot: new Map([...groupBy((data.records ?? []).filter((r) => r.member_id != null), 'snapshot_id')].map(([k, rows]) => [k, groupBy(rows, 'member_id')])),
      areas: new Map(data.areas.map((a) => [Number(a.id), a])),
      shared: new Map(),
    };
  }

  std(key: string, areaPath: string): number | null {
    let best: { areaPath: string; value: number } | null = null;
    for (const s of this.ctx.standards) {
      if (s.key === key && areaPath.startsWith(s.areaPath) && (!best || s.areaPath.length > best.areaPath.length)) best = s;
    }
    return best ? Number(best.value) : null;
  }

  scopeFor(household: Row, member: Row | null): JsScope {
    const ref = this.ctx.referenceDate;
    const all = this.index.membersByHousehold.get(Number(household.id)) ?? [];
    let head: Row | null | undefined;
    let income: Row | null | undefined;
    let episode: Row | null | undefined;
    return {
      member,
      measure: null,
      household,
      refDate: ref,
      std: (key) => this.std(key, String(household.area_path)),
      members: (on = ref) => all.filter((m) => isActiveMember(m, on)),
      head: () =>
        (head ??=
          all
            .filter((m) => m.relation === 'head' && isActiveMember(m, ref))
            .sort((a, b) => Number(a.id) - Number(b.id))[0] ?? null),
      income: () => (income ??= fullYearIncome(this.index.incomesByHousehold.get(Number(household.id)) ?? [], ref)),
      monitoring: () => (episode ??= latestEpisode(this.index.casesByHousehold.get(Number(household.id)) ?? [], ref)),
      area: () => this.index.areas.get(Number(household.area_id)) ?? null,
    };
  }

  value(e: Expr, s: JsScope): Value {
    switch (e.kind) {
      case 'literal':
        return e.value;
      case 'path': {
        const path = e.parts.join('.');
        if (path === 'ref_date') return s.refDate;
        if (e.parts[0] === 'std') return s.std(e.parts[1]!);
        if (e.parts[0] === 'record') return recordFieldByPath(s.dataset!, path)!.js(s);
        return fieldByPath(path)!.js(s);
      }
      case 'not':
        return not(this.value(e.operand, s) as Tri);
      case 'logic': {
        const l = this.value(e.left, s) as Tri;
        const r = this.value(e.right, s) as Tri;
        return e.op === 'and' ? and(l, r) : or(l, r);
      }
      case 'compare':
        return compare(e.op, this.value(e.left, s), this.value(e.right, s));
      case 'arith': {
        const l = this.value(e.left, s) as number | null;
        const r = this.value(e.right, s) as number | null;
        if (l === null || r === null) return null;
        if (e.op === '/') return r === 0 ? null : l / r;
        return e.op === '+' ? l + r : e.op === '-' ? l - r : l * r;
      }
      case 'neg': {
        const v = this.value(e.operand, s) as number | null;
        return v === null ? null : -v;
      }
      case 'isNull': {
        const v = this.value(e.operand, s);
        const test = v === null || (e.empty && sqlTrim(String(v)) === '');
        return e.negated ? !test : test;
      }
      case 'in': {
        const v = this.value(e.operand, s);
        let result: Tri = false;
        for (const item of e.list) result = or(result, compare('=', v, this.value(item, s)));
        return e.negated ? not(result) : result;
      }
      case 'between': {
        const v = this.value(e.operand, s);
        const inside = and(compare('>=', v, this.value(e.low, s)), compare('<=', v, this.value(e.high, s)));
        return e.negated ? not(inside) : inside;
      }
      case 'matches': {
        const v = this.value(e.operand, s);
        if (v === null) return null;
        const hit = new RegExp(e.pattern).test(String(v));
        return e.negated ? !hit : hit;
      }
      case 'aggregate':
        return this.aggregate(e, s);
      case 'call':
        return this.call(e, s);
    }
  }

  /** Mirrors the SQL: records of the snapshot in force matched to the member (or the household's active members). */
  private datasetScopes(e: Extract<Expr, { kind: 'aggregate' }>, s: JsScope): JsScope[] | null {
    const snapshot = this.ctx.datasets?.[e.collection];
    if (snapshot === undefined) return null;
    const byMember = this.index.recordsBySnapshot.get(snapshot) ?? new Map<number, Row[]>();
    const owners = s.member ? [s.member] : s.members();
    return owners.flatMap((m) => (byMember.get(Number(m.id)) ?? []).map((record) => ({ ...s, member: m, record, dataset: e.collection })));
  }

  private aggregate(e: Extract<Expr, { kind: 'aggregate' }>, s: JsScope): Value {
    const ref = this.ctx.referenceDate;
    const hid = Number(s.household.id);
    const datasetScopes = isDatasetCollection(e.collection) ? this.datasetScopes(e, s) : undefined;
    if (datasetScopes === null) return null;
    const scopes: JsScope[] = datasetScopes
      ? datasetScopes
      : e.collection === 'members'
        ? s.members().map((m) => ({ ...s, member: m }))
        : (this.index.measuresByHousehold.get(hid) ?? [])
            .filter((x) => String(normalise('date', x.start_on)) <= ref && (x.end_on == null || String(normalise('date', x.end_on)) >= ref))
            .map((x) => ({ ...s, measure: x }));
    const results = scopes.map((inner) => (e.where ? (this.value(e.where, inner) as Tri) : true));
    const hits = results.filter((r) => r === true).length;
    switch (e.fn) {
      case 'count':
        return hits;
      case 'share':
        return results.length ? hits / results.length : null;
      case 'exists':
        return hits > 0;
      case 'none':
        return hits === 0;
      default:
        return results.some((r) => r === false) ? false : results.some((r) => r === null) ? null : true;
    }
  }

  private call(e: Extract<Expr, { kind: 'call' }>, s: JsScope): Value {
    if (e.name === 'households_sharing') return this.shared(e.args[0] as Extract<Expr, { kind: 'path' }>, s);
    const a = e.args.map((x) => this.value(x, s));
    switch (e.name) {
      case 'if':
        return a[0] === true ? a[1]! : a[2]!;
      case 'coalesce':
        return a.find((v) => v !== null) ?? null;
      case 'abs':
        return a[0] === null ? null : Math.abs(a[0] as number);
      case 'length':
        return a[0] === null ? null : [...String(a[0])].length;
      case 'year':
        return a[0] === null ? null : Number(String(a[0]).slice(0, 4));
      case 'days_between':
        return a[0] === null || a[1] === null ? null : daysBetween(String(a[0]), String(a[1]));
      default:
        return a[0] === null || a[1] === null ? null : completedMonths(String(a[0]), String(a[1]));
    }
  }

  private shared(arg: Extract<Expr, { kind: 'path' }>, s: JsScope): number {
    const [scope, column] = arg.parts as [string, string];
    const own = scope === 'member' ? s.member : s.household;
    const value = own?.[column];
    if (value === null || value === undefined || sqlTrim(String(value)) === '') return 0;
    const key = `${scope}.${column}`;
    let byValue = this.index.shared.get(key);
    if (!byValue) {
      byValue = new Map();
      const ref = this.ctx.referenceDate;
      const activeHouseholds = new Set(this.data.households.filter((h) => isActiveHousehold(h, ref)).map((h) => Number(h.id)));
      const rows = scope === 'member' ? this.data.members.filter((m) => isActiveMember(m, ref)) : this.data.households;
      for (const r of rows) {
        const hid = Number(scope === 'member' ? r.household_id : r.id);
        const v = r[column];
        if (!activeHouseholds.has(hid) || v === null || v === undefined || sqlTrim(String(v)) === '') continue;
        const set = byValue.get(String(v)) ?? new Set<number>();
        set.add(hid);
        byValue.set(String(v), set);
      }
      this.index.shared.set(key, byValue);
    }
    const households = byValue.get(String(value));
    return households ? households.size - 1 : 0;
  }
}

export function evaluateRule(rule: CheckedRule, data: RuleData, ctx: RuleRunContext, householdIds?: ReadonlySet<number>): Violation[] {
  const ev = new Evaluator(data, ctx);
  const out: Violation[] = [];
  const ref = ctx.referenceDate;
  for (const h of data.households) {
    if (!isActiveHousehold(h, ref) || (householdIds && !householdIds.has(Number(h.id)))) continue;
    const subjects = rule.subject === 'member' ? (ev.scopeFor(h, null).members() as (Row | null)[]) : [null];
    for (const m of subjects) {
      const s = ev.scopeFor(h, m);
      if (rule.appliesTo && ev.value(rule.appliesTo, s) !== true) continue;
      if (ev.value(rule.condition, s) !== true) continue;
      const evidence: Violation['evidence'] = {};
      for (const item of rule.evidence) evidence[item.key] = ev.value(item.expr, s);
      out.push({ householdId: Number(h.id), memberId: m ? Number(m.id) : null, evidence });
    }
  }
  return out;
}
