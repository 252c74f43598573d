/**
 * Compiles a checked rule to one SELECT over the registry returning (household_id, member_id, area_path, evidence).
 * Every literal is quoted here, so the text is safe to run as raw SQL. NULL semantics are PostgreSQL's own; a record
 * is reported only when the predicate IS TRUE, which the in-memory evaluator mirrors.
 */
import { ACTIVE_HOUSEHOLD_SQL, ACTIVE_MEMBER_SQL, fieldByPath, type SqlScope } from './fields.js';
import type { CheckedRule } from './check.js';
import type { CompareOp, Expr } from './syntax.js';
import type { RuleRunContext } from './types.js';
import { isDatasetCollection, recordFieldByPath } from './records.js';

export const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Measures count on the reference date when they have started and not yet ended. */
const ACTIVE_MEASURE_SQL = (alias: string, ref: string) => `(${alias}.start_on <= ${ref} AND (${alias}.end_on IS NULL OR ${alias}.end_on >= ${ref}))`;

/**
 * One grouped pass computing per-household or per-member aggregates for every rule of a statement at once (a
 * materialised CTE joined to the subject), instead of a subquery per record and aggregate. Predicates compile as in
 * the rule: the household is h, the member m (per member) or x (per household); those are joined in only when some
 * predicate reads them.
 */
interface GroupedPass {
  key: 'household' | 'member';
  /** Lists: the department lists in force the statement reads, all in one pass (each column filtered to its own). */
  source: { kind: 'members' } | { kind: 'measures' } | { kind: 'lists'; snapshots: Set<number> };
  reads: Set<'h' | 'm'>;
  /** select expression → column name */
  columns: Map<string, string>;
}

interface Needs {
  head: boolean;
  income: boolean;
  monitoring: boolean;
  area: boolean;
  /** Values shared across households (households_sharing): the CTEs are written with the statement's scope. */
  shared: Map<string, { scope: 'member' | 'household'; column: string; ref: string; join: string }>;
  grouped: Map<string, GroupedPass>;
}

/** `a op b` read the other way round: `b flipped a`. */
const FLIPPED: Record<CompareOp, CompareOp> = { '=': '=', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** The conditions of an `and` chain. */
function conjuncts(e: Expr): Expr[] {
  return e.kind === 'logic' && e.op === 'and' ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
}

/** What an expression reads: each path's first part (record, member, household, std…), 'aggregate', 'sharing'. */
function readPaths(e: Expr, into = new Set<string>()): Set<string> {
  switch (e.kind) {
    case 'literal':
      break;
    case 'path':
      into.add(e.parts[0]!);
      break;
    case 'aggregate':
      into.add('aggregate');
      break;
    case 'call':
      if (e.name === 'households_sharing') into.add('sharing');
      e.args.forEach((x) => readPaths(x, into));
      break;
    case 'not':
    case 'neg':
    case 'isNull':
    case 'matches':
      readPaths(e.operand, into);
      break;
    case 'in':
      readPaths(e.operand, into);
      e.list.forEach((x) => readPaths(x, into));
      break;
    case 'between':
      [e.operand, e.low, e.high].forEach((x) => readPaths(x, into));
      break;
    default:
      readPaths(e.left, into);
      readPaths(e.right, into);
  }
  return into;
}

class SqlCompiler {
  readonly needs: Needs = { head: false, income: false, monitoring: false, area: false, shared: new Map(), grouped: new Map() };
  private readonly stdCache = new Map<string, string>();
  /** The checked types of the rule being compiled (its expression nodes'). */
  types: CheckedRule['types'] = new Map();
  /** How many aggregates deep the expression being compiled is: only the outermost ones go into a grouped pass. */
  private depth = 0;

  /**
   * @param grouping aggregates as grouped passes (a catalogue's statement); off for a rule alone, whose top-level
   *   exists()/none() in WHERE the planner turns into semi- and anti-joins, cheaper for one rule than a grouped pass.
   */
  constructor(
    private readonly ctx: RuleRunContext,
    private readonly grouping = true,
    /** The statement's area (RuleScope): a standard that is one value throughout it compiles to that value. */
    private readonly areaPath?: string,
  ) {}

  get refDate(): string {
    return this.ctx.referenceDate;
  }

  scope(member: string | null, measure: string | null = null, record: string | null = null, dataset: string | null = null): SqlScope {
    return {
      member,
      measure,
      record,
      dataset,
      ref: `DATE ${quote(this.ctx.referenceDate)}`,
      refDate: this.ctx.referenceDate,
      std: (key) => this.std(key),
      need: (j) => {
        this.needs[j] = true;
      },
      householdSize: () => (this.grouping && this.depth === 0 ? `coalesce(${this.groupedColumn(this.membersPass(), 'count(*)')}, 0)` : null),
    };
  }

  private pass(cte: string, key: GroupedPass['key'], source: GroupedPass['source']): string {
    if (!this.needs.grouped.has(cte)) this.needs.grouped.set(cte, { key, source, reads: new Set(), columns: new Map() });
    return cte;
  }

  private membersPass(): string {
    return this.pass('rule_member_totals', 'household', { kind: 'members' });
  }

  private groupedColumn(cte: string, select: string): string {
    const columns = this.needs.grouped.get(cte)!.columns;
    let column = columns.get(select);
    if (!column) {
      column = `v${columns.size}`;
      columns.set(select, column);
    }
    return `${cte}.${column}`;
  }

  /**
   * The most specific area's value first; a household outside every listed area has no value (NULL). Within an area
   * where no value is set below it, every household has the value of the area or the nearest one above: a literal,
   * which the planner folds into the expressions around it (the school reference date becomes one constant instead of
   * three make_date calls per member: city member rules −0.4 s).
   */
  std(key: string): string {
    const cached = this.stdCache.get(key);
    if (cached) return cached;
    const values = this.ctx.standards.filter((s) => s.key === key).sort((a, b) => b.areaPath.length - a.areaPath.length);
    const sql = values.length ? (this.uniformValue(values) ?? `(CASE ${values.map((v) => `WHEN h.area_path LIKE ${quote(`${escapeLike(v.areaPath)}%`)} THEN ${Number(v.value)}`).join(' ')} END)`) : 'NULL::numeric';
    this.stdCache.set(key, sql);
    return sql;
  }

  /** The one value every household of the statement's area has (most specific first in `values`), else undefined. */
  private uniformValue(values: RuleRunContext['standards']): string | undefined {
    const area = this.areaPath;
    if (area === undefined || values.some((v) => v.areaPath.length > area.length && v.areaPath.startsWith(area))) return undefined;
    const covering = values.find((v) => area.startsWith(v.areaPath));
    return covering ? `(${Number(covering.value)})` : 'NULL::numeric';
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
        if (e.parts[0] === 'record') return recordFieldByPath(s.dataset!, path)!.sql(s);
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

  /**
   * Records of the dataset's snapshot in force matched to the subject member, or in a household rule to any of its
   * active members. Without a snapshot the aggregate is unknown (NULL), typed so that comparisons still compile.
   */
  private datasetAggregate(e: Extract<Expr, { kind: 'aggregate' }>, s: SqlScope): string {
    const snapshot = this.ctx.datasets?.[e.collection];
    if (snapshot === undefined) return e.fn === 'count' ? 'NULL::int' : e.fn === 'share' ? 'NULL::numeric' : 'NULL::boolean';
    const id = Number(snapshot);
    const member = s.member ?? 'x';
    const inner = this.scope(member, s.measure, 'rec', e.collection);
    if (this.grouping && this.depth === 0 && (s.member === null || s.member === 'm')) {
      // Every list of the statement in one pass per key: one read of the records and one join, not one per list.
      const cte = s.member ? this.pass('rule_lists_by_member', 'member', { kind: 'lists', snapshots: new Set() }) : this.pass('rule_lists_by_household', 'household', { kind: 'lists', snapshots: new Set() });
      const grouped = this.hoistedAggregate(e, s, inner, cte, id) ?? this.groupedAggregate(e, inner, cte, id);
      if (grouped) return grouped;
    }
    const from = s.member
      ? `FROM dept_records rec WHERE rec.snapshot_id = ${id} AND rec.member_id = ${s.member}.id`
      : `FROM dept_records rec JOIN members x ON x.id = rec.member_id WHERE rec.snapshot_id = ${id} AND x.household_id = h.id AND ${ACTIVE_MEMBER_SQL('x', s.ref)}`;
    return this.aggregateOver(e, from, inner);
  }

  private aggregate(e: Extract<Expr, { kind: 'aggregate' }>, s: SqlScope): string {
    if (isDatasetCollection(e.collection)) return this.datasetAggregate(e, s);
    const isMembers = e.collection === 'members';
    const inner = isMembers ? this.scope('x', s.measure) : this.scope(s.member, 'ms');
    // A measure predicate inside a member rule may read that member, so it cannot be computed per household.
    if (this.grouping && this.depth === 0 && (isMembers || s.member === null)) {
      const cte = isMembers ? this.membersPass() : this.pass('rule_measure_totals', 'household', { kind: 'measures' });
      const grouped = this.groupedAggregate(e, inner, cte);
      if (grouped) return grouped;
    }
    const from = isMembers
      ? `FROM members x WHERE x.household_id = h.id AND ${ACTIVE_MEMBER_SQL('x', s.ref)}`
      : `FROM measures ms WHERE ms.household_id = h.id AND ${ACTIVE_MEASURE_SQL('ms', s.ref)}`;
    return this.aggregateOver(e, from, inner);
  }

  private predicate(e: Extract<Expr, { kind: 'aggregate' }>, inner: SqlScope): string {
    this.depth++;
    try {
      return e.where ? this.expr(e.where, inner) : 'true';
    } finally {
      this.depth--;
    }
  }

  /**
   * exists()/none() over a list whose condition compares a record's field with a value of the subject (the member,
   * its household, a standard): the pass keeps only the record side (its least and greatest value, or all values for
   * `=`) and the comparison is made outside, with the subject in hand. The pass then needs neither the member nor
   * the household joined to every record, and a value it could not compute at all (an area's water scarcity) no
   * longer sends the aggregate to a subquery per household (city: the water survey rule 0.5 s → ~0). Applies when
   * every other condition reads the record only and the compared type is ordered (any type for `=`); else null.
   */
  private hoistedAggregate(e: Extract<Expr, { kind: 'aggregate' }>, s: SqlScope, inner: SqlScope, cte: string, snapshot: number): string | null {
    if ((e.fn !== 'exists' && e.fn !== 'none') || !e.where) return null;
    // What differs between the records of one group: the record, and in a household's pass the member it is of.
    const varying = new Set(s.member ? ['record'] : ['record', 'member']);
    const readsOf = (x: Expr) => [...readPaths(x)];
    const outerOnly = (x: Expr) => readsOf(x).every((r) => !varying.has(r) && r !== 'aggregate' && r !== 'sharing');
    const recordOnly = (x: Expr) => readsOf(x).every((r) => varying.has(r) || r === 'ref_date' || r === 'std');
    let mixed: { record: Expr; op: CompareOp; outer: Expr } | null = null;
    const filters: Expr[] = [];
    for (const c of conjuncts(e.where)) {
      if (recordOnly(c)) filters.push(c);
      else if (mixed === null && c.kind === 'compare' && outerOnly(c.right) && recordOnly(c.left)) mixed = { record: c.left, op: c.op, outer: c.right };
      else if (mixed === null && c.kind === 'compare' && outerOnly(c.left) && recordOnly(c.right)) mixed = { record: c.right, op: FLIPPED[c.op], outer: c.left };
      else return null;
    }
    if (mixed === null) return null;
    const type = this.types.get(mixed.record);
    if (mixed.op !== '=' && type !== 'number' && type !== 'text' && type !== 'date') return null;
    // The record side and the other conditions are compiled as the pass's; they must read nothing else.
    const joins: string[] = [];
    const shared = this.needs.shared.size;
    const side: SqlScope = { ...inner, need: (j) => joins.push(j) };
    this.depth++;
    let a: string;
    let where: string[];
    try {
      a = this.expr(mixed.record, side);
      where = filters.map((f) => `(${this.expr(f, side)}) IS TRUE`);
    } finally {
      this.depth--;
    }
    // The grouped form is tried next, which drops the pass again if nothing uses it.
    if (joins.length || this.needs.shared.size !== shared) return null;
    const pass = this.needs.grouped.get(cte)!;
    for (const t of [a, ...where]) {
      if (/\bh\./.test(t)) pass.reads.add('h');
      if (/\bm\./.test(t)) pass.reads.add('m');
    }
    if (pass.source.kind === 'lists') pass.source.snapshots.add(snapshot);
    const filter = [`rec.snapshot_id = ${Number(snapshot)}`, ...where].join(' AND ');
    const column = (select: string) => this.groupedColumn(cte, select);
    const b = this.expr(mixed.outer, s);
    let test: string;
    switch (mixed.op) {
      case '=':
        test = `(${b}) = ANY (${column(`array_agg(${a}) FILTER (WHERE ${filter} AND (${a}) IS NOT NULL)`)})`;
        break;
      case '!=':
        test = `(${column(`min(${a}) FILTER (WHERE ${filter})`)} <> (${b}) OR ${column(`max(${a}) FILTER (WHERE ${filter})`)} <> (${b}))`;
        break;
      case '<':
      case '<=':
        test = `(${column(`min(${a}) FILTER (WHERE ${filter})`)} ${mixed.op} (${b}))`;
        break;
      default:
        test = `(${column(`max(${a}) FILTER (WHERE ${filter})`)} ${mixed.op} (${b}))`;
    }
    return e.fn === 'exists' ? `coalesce(${test}, false)` : `(NOT coalesce(${test}, false))`;
  }

  /**
   * The aggregate as a column of a grouped pass (GroupedPass), instead of a subquery per record: a rule catalogue has
   * dozens of aggregates, and comparison rules read the same department lists again and again. Only when the
   * predicate reads nothing but the subject, the member, measure or record, the household and standards; else null.
   */
  private groupedAggregate(e: Extract<Expr, { kind: 'aggregate' }>, inner: SqlScope, cte: string, snapshot?: number): string | null {
    const joins: string[] = [];
    const shared = this.needs.shared.size;
    const p = this.predicate(e, { ...inner, need: (j) => joins.push(j) });
    const pass = this.needs.grouped.get(cte)!;
    if (joins.length || this.needs.shared.size !== shared) {
      if (!pass.columns.size) this.needs.grouped.delete(cte);
      return null;
    }
    // Compiled text names its relations by these aliases only (literals are quoted, and a needless join is harmless).
    if (/\bh\./.test(p)) pass.reads.add('h');
    if (/\bm\./.test(p)) pass.reads.add('m');
    // In the lists' pass a column reads only its own list's records.
    if (snapshot !== undefined && pass.source.kind === 'lists') pass.source.snapshots.add(snapshot);
    const mine = snapshot === undefined ? '' : `rec.snapshot_id = ${Number(snapshot)}`;
    const own = mine && ` FILTER (WHERE ${mine})`;
    const column = (select: string) => this.groupedColumn(cte, select);
    switch (e.fn) {
      case 'count':
        return `coalesce(${column(`count(*) FILTER (WHERE ${mine && `${mine} AND `}(${p}) IS TRUE)`)}, 0)::int`;
      case 'share':
        return column(`avg(CASE WHEN (${p}) IS TRUE THEN 1.0 ELSE 0.0 END)${own}`);
      case 'exists':
        return `coalesce(${column(`bool_or((${p}) IS TRUE)${own}`)}, false)`;
      case 'none':
        return `(NOT coalesce(${column(`bool_or((${p}) IS TRUE)${own}`)}, false))`;
      default:
        return `(CASE WHEN coalesce(${column(`bool_or((${p}) IS FALSE)${own}`)}, false) THEN false WHEN coalesce(${column(`bool_or((${p}) IS NULL)${own}`)}, false) THEN NULL ELSE true END)`;
    }
  }

  private aggregateOver(e: Extract<Expr, { kind: 'aggregate' }>, from: string, inner: SqlScope): string {
    const p = this.predicate(e, inner);
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
   * Other households with the same value: joined to the subject by a CTE written with the statement's scope
   * (sharedCtes; a correlated lookup into a CTE would scan it per row).
   */
  private shared(arg: Extract<Expr, { kind: 'path' }>, s: SqlScope): string {
    const [scope, column] = arg.parts as ['member' | 'household', string];
    const name = `shared_${scope}_${column}`;
    const owner = scope === 'member' ? s.member! : 'h';
    if (!this.needs.shared.has(name)) {
      const householdOf = scope === 'member' ? `${owner}.household_id` : 'h.id';
      const join = `LEFT JOIN ${name} ON ${name}.value = ${owner}.${column} AND ${name}.household_id = ${householdOf}`;
      this.needs.shared.set(name, { scope, column, ref: s.ref, join });
    }
    return `coalesce(${name}.others, 0)::int`;
  }
}

export interface RuleScope {
  /** Only households whose area path starts with this. */
  areaPath?: string | undefined;
  householdIds?: readonly number[] | undefined;
}

export interface NamedRule {
  code: string;
  rule: CheckedRule;
}

/** Filters a table that carries area_path / household_id down to the scope, so helper relations stay small. */
function scopeFilter(alias: string, scope: RuleScope, householdColumn = 'household_id'): string {
  const parts: string[] = [];
  if (scope.areaPath) parts.push(`${alias}.area_path LIKE ${quote(`${escapeLike(scope.areaPath)}%`)}`);
  if (scope.householdIds) parts.push(scope.householdIds.length ? `${alias}.${householdColumn} IN (${scope.householdIds.map((id) => Number(id)).join(', ')})` : 'false');
  return parts.map((p) => ` AND ${p}`).join('');
}

/**
 * One statement for rules of one subject: the registry is scanned and joined once, and each rule is one CASE that
 * yields its code and evidence when the record violates it. Returns rule_code, household_id, member_id, area_path, evidence.
 */
function subjectSql(c: SqlCompiler, subject: 'household' | 'member', rules: readonly NamedRule[], scope: RuleScope): { ctes: string[]; select: string } {
  const isMember = subject === 'member';
  const s = c.scope(isMember ? 'm' : null);
  // Rules are grouped by the population they apply to, and each group's test is made once per record: most rules
  // share one (lifted-out and monitored households), and testing it again in every rule was a tenth of the statement.
  const byPopulation = new Map<string, string[]>();
  for (const { code, rule } of rules) {
    c.types = rule.types;
    const condition = c.expr(rule.condition, s);
    const applies = rule.appliesTo ? c.expr(rule.appliesTo, s) : '';
    const evidence = rule.evidence.length ? `jsonb_build_object(${rule.evidence.map((ev) => `${quote(ev.key)}, ${c.expr(ev.expr, s)}`).join(', ')})` : `'{}'::jsonb`;
    const cases = byPopulation.get(applies) ?? [];
    cases.push(`CASE WHEN (${condition}) IS TRUE THEN jsonb_build_object('r', ${quote(code)}, 'e', ${evidence}) END`);
    byPopulation.set(applies, cases);
  }
  // A population's array is NULL for records outside it; || skips a NULL array.
  const arrays = [...byPopulation].map(([applies, cases]) => {
    const array = `ARRAY[${cases.join(',\n  ')}]::jsonb[]`;
    return applies ? `(CASE WHEN (${applies}) IS TRUE THEN ${array} END)` : `(${array})`;
  });
  const where = [ACTIVE_HOUSEHOLD_SQL('h', s.ref)];
  if (isMember) where.push(ACTIVE_MEMBER_SQL('m', s.ref));
  const filter = scopeFilter('h', scope, 'id');
  const joins = joinsOf(c, subject);
  const single = rules.length === 1;
  const select = [
    `SELECT ${single ? `${quote(rules[0]!.code)}::text AS rule_code, ` : 'v.rule_code, '}h.id AS household_id, ${isMember ? 'm.id' : 'NULL::int'} AS member_id, h.area_path, v.evidence`,
    isMember ? 'FROM members m JOIN households h ON h.id = m.household_id' : 'FROM households h',
    ...joins,
    // Only violations leave the row: a VALUES list would materialise one tuple per rule per record (measured 5× slower).
    `CROSS JOIN LATERAL (SELECT x->>'r' AS rule_code, x->'e' AS evidence FROM unnest(array_remove(${arrays.join(' ||\n')}, NULL)) x) v`,
    `WHERE ${where.join(' AND ')}${filter}`,
  ].join('\n');
  return { ctes: [], select };
}

/**
 * One rule on its own, its condition in WHERE: the planner turns top-level exists()/none() into semi- and anti-joins
 * (a department list is hashed once instead of probed per person), which a CASE in the select list would prevent.
 * WHERE keeps only rows where the condition is true, the same three-valued reading as `IS TRUE`.
 */
function ruleAloneSql(c: SqlCompiler, named: NamedRule, scope: RuleScope): string {
  const { code, rule } = named;
  const isMember = rule.subject === 'member';
  const s = c.scope(isMember ? 'm' : null);
  c.types = rule.types;
  const condition = c.expr(rule.condition, s);
  const applies = rule.appliesTo ? ` AND ${c.expr(rule.appliesTo, s)}` : '';
  const evidence = rule.evidence.length ? `jsonb_build_object(${rule.evidence.map((ev) => `${quote(ev.key)}, ${c.expr(ev.expr, s)}`).join(', ')})` : `'{}'::jsonb`;
  const where = [ACTIVE_HOUSEHOLD_SQL('h', s.ref)];
  if (isMember) where.push(ACTIVE_MEMBER_SQL('m', s.ref));
  return [
    `SELECT ${quote(code)}::text AS rule_code, h.id AS household_id, ${isMember ? 'm.id' : 'NULL::int'} AS member_id, h.area_path, ${evidence} AS evidence`,
    isMember ? 'FROM members m JOIN households h ON h.id = m.household_id' : 'FROM households h',
    ...joinsOf(c, rule.subject),
    `WHERE ${where.join(' AND ')}${scopeFilter('h', scope, 'id')}${applies} AND ${condition}`,
  ].join('\n');
}

function joinsOf(c: SqlCompiler, subject: 'household' | 'member'): string[] {
  return [
    c.needs.area ? 'JOIN areas a ON a.id = h.area_id' : '',
    c.needs.head ? 'LEFT JOIN rule_heads hd ON hd.household_id = h.id' : '',
    c.needs.income ? 'LEFT JOIN rule_incomes inc ON inc.household_id = h.id' : '',
    c.needs.monitoring ? 'LEFT JOIN rule_monitoring mc ON mc.household_id = h.id' : '',
    ...[...c.needs.shared.values()].map((x) => x.join),
    ...[...c.needs.grouped]
      .filter(([, g]) => g.columns.size > 0 && (g.key === 'household' || subject === 'member'))
      .map(([cte, g]) => `LEFT JOIN ${cte} ON ${cte}.${g.key}_id = ${g.key === 'member' ? 'm.id' : 'h.id'}`),
  ].filter(Boolean);
}

function groupedPassSql(g: GroupedPass, ref: string, scope: RuleScope): string {
  const columns = [...g.columns].map(([select, column]) => `${select} AS ${column}`).join(', ');
  const h = (member: string) => (g.reads.has('h') ? ` JOIN households h ON h.id = ${member}.household_id` : '');
  switch (g.source.kind) {
    case 'members':
      return `SELECT x.household_id AS household_id, ${columns} FROM members x${h('x')}
        WHERE ${ACTIVE_MEMBER_SQL('x', ref)}${scopeFilter('x', scope)} GROUP BY x.household_id`;
    case 'measures':
      return `SELECT ms.household_id AS household_id, ${columns} FROM measures ms${h('ms')}
        WHERE ${ACTIVE_MEASURE_SQL('ms', ref)}${scopeFilter('ms', scope)} GROUP BY ms.household_id`;
    case 'lists': {
      const inForce = `rec.snapshot_id IN (${[...g.source.snapshots].sort((a, b) => a - b).join(', ')})`;
      if (g.key === 'household') {
        return `SELECT x.household_id AS household_id, ${columns} FROM dept_records rec JOIN members x ON x.id = rec.member_id${h('x')}
          WHERE ${inForce} AND ${ACTIVE_MEMBER_SQL('x', ref)}${scopeFilter('x', scope)} GROUP BY x.household_id`;
      }
      const member = g.reads.size > 0 || scope.areaPath !== undefined || scope.householdIds !== undefined;
      return member
        ? `SELECT rec.member_id AS member_id, ${columns} FROM dept_records rec JOIN members m ON m.id = rec.member_id${h('m')}
          WHERE ${inForce}${scopeFilter('m', scope)} GROUP BY rec.member_id`
        : `SELECT rec.member_id AS member_id, ${columns} FROM dept_records rec WHERE ${inForce} GROUP BY rec.member_id`;
    }
  }
}

/**
 * Other households with the same value (households_sharing): over the whole registry, since problems cross county
 * lines, whatever the scope. First the values that repeat, by one hashed grouping of the members (or households)
 * alone, computed once (materialised: inlined, a parallel plan built it in every worker); within a scope only values
 * the scope holds are grouped. Members of ended households may make a value a candidate; the pairs below count only
 * active households, so such a value gets `others` 0. Then those few values paired with their households.
 */
function sharedCtes(name: string, x: { scope: 'member' | 'household'; column: string; ref: string }, scope: RuleScope): string[] {
  const { column, ref } = x;
  const isMember = x.scope === 'member';
  const [table, household] = isMember ? ['members', 'household_id'] : ['households', 'id'];
  const active = (alias: string) => (isMember ? ACTIVE_MEMBER_SQL(alias, ref) : ACTIVE_HOUSEHOLD_SQL(alias, ref));
  const inScope =
    scope.areaPath !== undefined || scope.householdIds !== undefined
      ? ` AND y.${column} IN (SELECT s.${column} FROM ${table} s WHERE ${active('s')}${scopeFilter('s', scope, household)})`
      : '';
  const candidates = `SELECT y.${column} AS value, y.${household} AS household_id FROM ${table} y
    WHERE ${active('y')} AND y.${column} IS NOT NULL AND btrim(y.${column}) <> ''${inScope}`;
  const pairs = `SELECT DISTINCT y.${column} AS value, y.${household} AS household_id FROM ${table} y${isMember ? ' JOIN households yh ON yh.id = y.household_id' : ''}
    WHERE y.${column} IN (SELECT value FROM ${name}_values) AND ${active('y')}${isMember ? ` AND ${ACTIVE_HOUSEHOLD_SQL('yh', ref)}` : ''}`;
  // The test is written as an equality so that the planner expects few shared values (0.5 % of the values, its
  // default for an equality it has no statistics for), which they are: it then looks their members up by index and
  // joins them to the subject as a small set, instead of scanning and hashing the whole table twice (city: −0.15 s
  // per shared column). `min <> max` it reads as true for nearly every value.
  return [
    `${name}_values AS MATERIALIZED (SELECT d.value FROM (${candidates}) d GROUP BY d.value HAVING sign(max(d.household_id) - min(d.household_id)) = 1)`,
    `${name} AS (SELECT v.value, v.household_id, count(*) OVER (PARTITION BY v.value) - 1 AS others FROM (${pairs}) v)`,
  ];
}

/**
 * The head's columns the compiled text reads (as hd.column): a million heads are stored and sorted for the join, so
 * only those, not the whole member row.
 */
function headColumns(compiled: string): string {
  const columns = new Set(['household_id', ...[...compiled.matchAll(/\bhd\.([a-z_][a-z0-9_]*)/g)].map((m) => m[1]!)]);
  return [...columns].map((col) => `hx.${col}`).join(', ');
}

function helperCtes(c: SqlCompiler, scope: RuleScope, compiled: string): string[] {
  const ref = `DATE ${quote(c.refDate)}`;
  const ctes: string[] = [];
  if (c.needs.head)
    ctes.push(`rule_heads AS MATERIALIZED (SELECT DISTINCT ON (hx.household_id) ${headColumns(compiled)} FROM members hx
      WHERE hx.relation = 'head' AND ${ACTIVE_MEMBER_SQL('hx', ref)}${scopeFilter('hx', scope)} ORDER BY hx.household_id, hx.id)`);
  if (c.needs.income)
    ctes.push(`rule_latest_incomes AS MATERIALIZED (SELECT DISTINCT ON (i.household_id) i.* FROM incomes i
      WHERE i.period_end <= ${ref} AND i.period_end >= (i.period_start + interval '1 year')::date - 1${scopeFilter('i', scope)}
      ORDER BY i.household_id, i.period_end DESC),
    rule_incomes AS (SELECT li.*, coalesce(sz.n, 0) AS size_at_end FROM rule_latest_incomes li
      LEFT JOIN (SELECT li2.household_id, count(*) AS n FROM rule_latest_incomes li2 JOIN members y ON y.household_id = li2.household_id
                 AND ${ACTIVE_MEMBER_SQL('y', 'li2.period_end')} GROUP BY li2.household_id) sz ON sz.household_id = li.household_id)`);
  if (c.needs.monitoring)
    ctes.push(`rule_monitoring AS MATERIALIZED (SELECT DISTINCT ON (cx.household_id) cx.* FROM monitoring_cases cx
      WHERE cx.identified_on <= ${ref}${scopeFilter('cx', scope)} ORDER BY cx.household_id, cx.identified_on DESC, cx.id DESC)`);
  for (const [name, x] of c.needs.shared) ctes.push(...sharedCtes(name, x, scope));
  for (const [cte, g] of c.needs.grouped) {
    if (g.columns.size) ctes.push(`${cte} AS MATERIALIZED (${groupedPassSql(g, ref, scope)})`);
  }
  return ctes;
}

/**
 * Compiles rules (of either subject) into one statement returning rule_code, household_id, member_id, area_path and
 * evidence for every violation inside the scope on the reference date.
 */
export function rulesSql(rules: readonly NamedRule[], ctx: RuleRunContext, scope: RuleScope = {}): string {
  const c = new SqlCompiler(ctx, rules.length > 1, scope.areaPath ?? ctx.registryAreaPath);
  // A rule alone has its condition in WHERE (ruleAloneSql); the rules of a catalogue share one scan per subject.
  const alone = rules.length === 1 ? rules : [];
  const shared = rules.filter((r) => !alone.includes(r));
  const aloneSql = alone.map((r) => ruleAloneSql(c, r, scope));
  const parts = (['household', 'member'] as const)
    .map((subject) => shared.filter((r) => r.rule.subject === subject))
    .filter((group) => group.length)
    .map((group) => subjectSql(c, group[0]!.rule.subject, group, scope).select);
  parts.unshift(...aloneSql);
  if (!parts.length) return 'SELECT NULL::text AS rule_code, NULL::int AS household_id, NULL::int AS member_id, NULL::text AS area_path, NULL::jsonb AS evidence WHERE false';
  // Scoped to the whole registry, the helper passes need no area filter (nor the join to members some would take for it).
  const whole = scope.householdIds === undefined && (scope.areaPath === undefined || scope.areaPath === ctx.registryAreaPath);
  const ctes = helperCtes(c, whole ? {} : scope, [...parts, ...[...c.needs.grouped.values()].flatMap((g) => [...g.columns.keys()])].join('\n'));
  return `${ctes.length ? `WITH ${ctes.join(',\n')}\n` : ''}${parts.join('\nUNION ALL\n')}`;
}

/** One rule: household_id, member_id, area_path, evidence of every violation (previews and single-rule runs). */
export function ruleSql(rule: CheckedRule, ctx: RuleRunContext, scope: RuleScope = {}): string {
  return `SELECT household_id, member_id, area_path, evidence FROM (${rulesSql([{ code: 'rule', rule }], ctx, scope)}) r`;
}
