/**
 * Compiles a checked rule to one SELECT over the registry returning (household_id, member_id, area_path, evidence).
 * Every literal is quoted here, so the text is safe to run as raw SQL. NULL semantics are PostgreSQL's own; a record
 * is reported only when the predicate IS TRUE, which the in-memory evaluator mirrors.
 */
import { ACTIVE_HOUSEHOLD_SQL, ACTIVE_MEMBER_SQL, FULL_YEAR_INCOME_SQL, fieldByPath, type SqlScope } from './fields.js';
import type { CheckedRule } from './check.js';
import type { Expr } from './syntax.js';
import type { RuleRunContext } from './types.js';

export const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Measures count on the reference date when they have started and not yet ended. */
const ACTIVE_MEASURE_SQL = (alias: string, ref: string) => `(${alias}.start_on <= ${ref} AND (${alias}.end_on IS NULL OR ${alias}.end_on >= ${ref}))`;

interface Needs {
  head: boolean;
  income: boolean;
  area: boolean;
  shared: Map<string, { cte: string; join: string }>;
}

class SqlCompiler {
  readonly needs: Needs = { head: false, income: false, area: false, shared: new Map() };
  private readonly stdCache = new Map<string, string>();

  constructor(
    private readonly rule: CheckedRule,
    private readonly ctx: RuleRunContext,
  ) {}

  scope(member: string | null, measure: string | null = null): SqlScope {
    return {
      member,
      measure,
      ref: `DATE ${quote(this.ctx.referenceDate)}`,
      refDate: this.ctx.referenceDate,
      std: (key) => this.std(key),
      need: (j) => {
        this.needs[j] = true;
      },
    };
  }

  /** The most specific area's value first; a household outside every listed area has no value (NULL). */
  std(key: string): string {
    const cached = this.stdCache.get(key);
    if (cached) return cached;
    const values = this.ctx.standards.filter((s) => s.key === key).sort((a, b) => b.areaPath.length - a.areaPath.length);
    const sql = values.length
      ? `(CASE ${values.map((v) => `WHEN h.area_path LIKE ${quote(`${escapeLike(v.areaPath)}%`)} THEN ${Number(v.value)}`).join(' ')} END)`
      : 'NULL::numeric';
    this.stdCache.set(key, sql);
    return sql;
  }

  expr(e: Expr, s: SqlScope): string {
    switch (e.kind) {
      case 'literal':
        if (e.value === null) return 'NULL';
        if (e.isDate) return `DATE ${quote(String(e.value))}`;
        if (typeof e.value === 'number') return String(e.value);
        if (typeof e.value === 'boolean') return e.value ? 'true' : 'false';
        return quote(e.value);
      case 'path': {
        const path = e.parts.join('.');
        if (path === 'ref_date') return s.ref;
        if (e.parts[0] === 'std') return this.std(e.parts[1]!);
        return fieldByPath(path)!.sql(s);
      }
      case 'not':
        return `(NOT ${this.expr(e.operand, s)})`;
      case 'logic':
        return `(${this.expr(e.left, s)} ${e.op.toUpperCase()} ${this.expr(e.right, s)})`;
      case 'compare':
        return `(${this.expr(e.left, s)} ${e.op === '!=' ? '<>' : e.op} ${this.expr(e.right, s)})`;
      case 'arith':
        return e.op === '/' ? `(${this.expr(e.left, s)}::numeric / NULLIF(${this.expr(e.right, s)}, 0))` : `(${this.expr(e.left, s)} ${e.op} ${this.expr(e.right, s)})`;
      case 'neg':
        return `(-${this.expr(e.operand, s)})`;
      case 'isNull': {
        const v = this.expr(e.operand, s);
        const test = e.empty ? `(${v} IS NULL OR btrim(${v}) = '')` : `(${v} IS NULL)`;
        return e.negated ? `(NOT ${test})` : test;
      }
      case 'in':
        return `(${this.expr(e.operand, s)} ${e.negated ? 'NOT IN' : 'IN'} (${e.list.map((x) => this.expr(x, s)).join(', ')}))`;
      case 'between':
        return `(${this.expr(e.operand, s)} ${e.negated ? 'NOT BETWEEN' : 'BETWEEN'} ${this.expr(e.low, s)} AND ${this.expr(e.high, s)})`;
      case 'matches':
        return `(${this.expr(e.operand, s)} ${e.negated ? '!~' : '~'} ${quote(e.pattern)})`;
      case 'aggregate':
        return this.aggregate(e, s);
      case 'call':
        return this.call(e, s);
    }
  }

  private aggregate(e: Extract<Expr, { kind: 'aggregate' }>, s: SqlScope): string {
    const isMembers = e.collection === 'members';
    const inner = isMembers ? this.scope('x', s.measure) : this.scope(s.member, 'ms');
    const from = isMembers
      ? `FROM members x WHERE x.household_id = h.id AND ${ACTIVE_MEMBER_SQL('x', s.ref)}`
      : `FROM measures ms WHERE ms.household_id = h.id AND ${ACTIVE_MEASURE_SQL('ms', s.ref)}`;
    const p = e.where ? this.expr(e.where, inner) : 'true';
    switch (e.fn) {
      case 'count':
        return `(SELECT count(*) ${from} AND (${p}) IS TRUE)::int`;
      case 'share':
        return `(SELECT avg(CASE WHEN (${p}) IS TRUE THEN 1.0 ELSE 0.0 END) ${from})`;
      case 'exists':
        return `EXISTS (SELECT 1 ${from} AND (${p}) IS TRUE)`;
      case 'none':
        return `(NOT EXISTS (SELECT 1 ${from} AND (${p}) IS TRUE))`;
      default:
        // Kleene "for all": false if any is false, unknown if any is unknown, else true (also for no records).
        return `(SELECT CASE WHEN bool_or((${p}) IS FALSE) THEN false WHEN bool_or((${p}) IS NULL) THEN NULL ELSE true END ${from})`;
    }
  }

  private call(e: Extract<Expr, { kind: 'call' }>, s: SqlScope): string {
    const a = e.args.map((x) => (e.name === 'households_sharing' ? '' : this.expr(x, s)));
    switch (e.name) {
      case 'if':
        return `(CASE WHEN ${a[0]} THEN ${a[1]} ELSE ${a[2]} END)`;
      case 'coalesce':
        return `coalesce(${a.join(', ')})`;
      case 'abs':
        return `abs(${a[0]})`;
      case 'length':
        return `char_length(${a[0]})`;
      case 'year':
        return `date_part('year', ${a[0]})::int`;
      case 'days_between':
        return `(${a[1]} - ${a[0]})`;
      case 'months_between':
        return `((date_part('year', age(${a[1]}, ${a[0]})) * 12 + date_part('month', age(${a[1]}, ${a[0]})))::int)`;
      default:
        return this.shared(e.args[0] as Extract<Expr, { kind: 'path' }>, s);
    }
  }

  /**
   * Other households with the same value: a CTE over the whole registry (problems cross county lines), kept to the
   * values that do repeat, and hash-joined to the subject (a correlated lookup into a CTE would scan it per row).
   */
  private shared(arg: Extract<Expr, { kind: 'path' }>, s: SqlScope): string {
    const [scope, column] = arg.parts as [string, string];
    const name = `shared_${scope}_${column}`;
    const ref = s.ref;
    const owner = scope === 'member' ? s.member! : 'h';
    if (!this.needs.shared.has(name)) {
      const values =
        scope === 'member'
          ? `SELECT DISTINCT y.${column} AS value, y.household_id FROM members y JOIN households yh ON yh.id = y.household_id
               WHERE ${ACTIVE_MEMBER_SQL('y', ref)} AND ${ACTIVE_HOUSEHOLD_SQL('yh', ref)} AND y.${column} IS NOT NULL AND btrim(y.${column}) <> ''`
          : `SELECT y.${column} AS value, y.id AS household_id FROM households y
               WHERE ${ACTIVE_HOUSEHOLD_SQL('y', ref)} AND y.${column} IS NOT NULL AND btrim(y.${column}) <> ''`;
      const cte = `${name} AS (SELECT * FROM (SELECT v.value, v.household_id, count(*) OVER (PARTITION BY v.value) - 1 AS others FROM (${values}) v) c WHERE c.others > 0)`;
      const householdOf = scope === 'member' ? `${owner}.household_id` : 'h.id';
      const join = `LEFT JOIN ${name} ON ${name}.value = ${owner}.${column} AND ${name}.household_id = ${householdOf}`;
      this.needs.shared.set(name, { cte, join });
    }
    return `coalesce(${name}.others, 0)::int`;
  }
}

export interface RuleScope {
  /** Only households whose area path starts with this. */
  areaPath?: string | undefined;
  householdIds?: readonly number[] | undefined;
}

export function ruleSql(rule: CheckedRule, ctx: RuleRunContext, scope: RuleScope = {}): string {
  const c = new SqlCompiler(rule, ctx);
  const isMember = rule.subject === 'member';
  const s = c.scope(isMember ? 'm' : null);
  const condition = c.expr(rule.condition, s);
  const applies = rule.appliesTo ? c.expr(rule.appliesTo, s) : null;
  const evidence = rule.evidence.length
    ? `jsonb_build_object(${rule.evidence.map((ev) => `${quote(ev.key)}, ${c.expr(ev.expr, s)}`).join(', ')})`
    : `'{}'::jsonb`;
  const where = [ACTIVE_HOUSEHOLD_SQL('h', s.ref)];
  if (isMember) where.push(ACTIVE_MEMBER_SQL('m', s.ref));
  if (scope.areaPath) where.push(`h.area_path LIKE ${quote(`${escapeLike(scope.areaPath)}%`)}`);
  if (scope.householdIds) where.push(scope.householdIds.length ? `h.id IN (${scope.householdIds.map((id) => Number(id)).join(', ')})` : 'false');
  if (applies) where.push(`(${applies}) IS TRUE`);
  where.push(`(${condition}) IS TRUE`);
  const joins = [
    c.needs.area ? 'JOIN areas a ON a.id = h.area_id' : '',
    c.needs.head ? `LEFT JOIN LATERAL (SELECT * FROM members hx WHERE hx.household_id = h.id AND hx.relation = 'head' AND ${ACTIVE_MEMBER_SQL('hx', s.ref)} ORDER BY hx.id LIMIT 1) hd ON true` : '',
    c.needs.income ? `LEFT JOIN LATERAL (${FULL_YEAR_INCOME_SQL('h.id', s.ref)}) inc ON true` : '',
    ...[...c.needs.shared.values()].map((x) => x.join),
  ].filter(Boolean);
  const ctes = [...c.needs.shared.values()].map((x) => x.cte);
  return [
    ctes.length ? `WITH ${ctes.join(',\n')}` : '',
    `SELECT h.id AS household_id, ${isMember ? 'm.id' : 'NULL::int'} AS member_id, h.area_path, ${evidence} AS evidence`,
    isMember ? 'FROM members m JOIN households h ON h.id = m.household_id' : 'FROM households h',
    ...joins,
    `WHERE ${where.join('\n  AND ')}`,
  ]
    .filter(Boolean)
    .join('\n');
}
