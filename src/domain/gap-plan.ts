/**
 * 帮扶计划 (gap-closing plan): given the households projected below the income standard and the resources the office
 * says it has — public-welfare post pools, project dividend shares, 低保 — assign them so that as many households as
 * possible reach the standard, at the least total cost among such assignments, and say for every other household
 * why it cannot be closed. Pure: the service loads the households and stores the result.
 *
 * Rules (modules/preassessment/README.md explains them with the figures):
 * - A post pays its yearly wage. Only members aged ageMin–ageMax on the projection date, with a labour ability other
 *   than lost/none (unknown counts as none), not in school, take posts; nobody holds more than `maxPostsPerPerson`
 *   posts, counting those they hold already. One person may hold two posts of the same pool.
 * - A dividend share pays its yearly value; a household gets at most `perHousehold` shares of a project.
 * - 低保 brings a household's per-capita income up to the 低保 standard, so it pays (低保 standard × size − projected
 *   net income). Offered only when the 低保 standard is at least the income standard (otherwise it cannot close a
 *   gap, and combined with other measures it would pay nothing) and never to a household with a 特困 member
 *   (特困供养 excludes 低保). Combining it with posts or shares never costs less, so it is taken on its own.
 * - Cost = the sum of the yearly values assigned (what the household receives is what the measure costs).
 */
import { closingBundles, PostMatrix, type HouseholdCase, type Resource, type SolverMember } from './gap-plan/bundles.js';
import { chooseBundles, type SearchOptions } from './gap-plan/search.js';
import type { PlanMeasureKind } from './measures.js';

export interface PlanMember {
  id: number;
  /** Completed years on the projection date. */
  age: number;
  labourAbility: string | null;
  schoolStatus: string | null;
  /** Public-welfare posts the member already holds. */
  posts: number;
}

export interface PlanHousehold {
  id: number;
  size: number;
  /** Projected yearly net income, yuan. */
  projectedNet: number;
  /** Income standard for the household's area, yuan per person. */
  standard: number;
  /** 低保 standard for the household's area, yuan per person; null when none is set. */
  dibaoStandard: number | null;
  /** A member is on 特困供养. */
  tekun: boolean;
  members: PlanMember[];
}

export interface PostPool {
  key: string;
  name: string;
  /** Yuan per post per year. */
  wage: number;
  posts: number;
  ageMin: number;
  ageMax: number;
}

export interface DividendProject {
  key: string;
  name: string;
  /** Yuan per share per year. */
  valuePerShare: number;
  shares: number;
  perHousehold: number;
}

export interface PlanResources {
  posts: PostPool[];
  dividends: DividendProject[];
  /** 低保: `households` caps how many households may be added; null for no cap. */
  dibao: { enabled: boolean; households: number | null };
  maxPostsPerPerson: number;
}

export interface PlanItem {
  kind: PlanMeasureKind;
  /** The pool or project key; 'dibao' for 低保. */
  resource: string;
  resourceName: string;
  memberId: number | null;
  /** Posts: 1; shares: how many. */
  units: number;
  /** Yuan per year. */
  value: number;
}

export type UnclosableReason = 'no_resources' | 'no_eligible_member' | 'gap_too_large' | 'resources_exhausted';

export interface PlanOutcome {
  householdId: number;
  /** Yuan the household's yearly net income lacks to reach the standard. */
  gap: number;
  closed: boolean;
  items: PlanItem[];
  /** Sum of the items' values, yuan. */
  value: number;
  reason: UnclosableReason | null;
  reasonText: string | null;
  reasonTextEn: string | null;
}

export interface GapPlanResult {
  households: PlanOutcome[];
  closed: number;
  unclosable: number;
  totalCost: number;
  /** Units used per resource key. */
  used: Record<string, number>;
  solution: {
    method: 'independent' | 'branch_and_bound' | 'lagrangian_heuristic';
    /** Proven to close the most households possible at the least cost for that many. */
    optimal: boolean;
    /** No plan with these resources closes more households than this. */
    closableAtMost: number;
    /** No plan closing as many households costs less than this, yuan. */
    costAtLeast: number;
    contested: number;
    nodes: number;
  };
}

const fen = (yuan: number) => Math.round(yuan * 100);
const yuan = (f: number) => f / 100;
const money = (f: number) => yuan(f).toLocaleString('en-US', { maximumFractionDigits: 2 });

/** The gap in fen: what the yearly net lacks for the per-capita income to reach the standard. */
export function householdGapFen(h: Pick<PlanHousehold, 'size' | 'projectedNet' | 'standard'>): number {
  return fen(h.standard) * h.size - fen(h.projectedNet);
}

function resourcesOf(r: PlanResources): Resource[] {
  const list: Resource[] = [
    ...r.posts.map((p) => ({ kind: 'post' as const, key: p.key, name: p.name, value: fen(p.wage), capacity: p.posts, ageMin: p.ageMin, ageMax: p.ageMax })),
    ...r.dividends.map((d) => ({
      kind: 'dividend' as const,
      key: d.key,
      name: d.name,
      value: fen(d.valuePerShare),
      capacity: d.shares,
      perHousehold: d.perHousehold,
    })),
  ];
  if (r.dibao.enabled) list.push({ kind: 'dibao', key: 'dibao', name: '低保', value: 0, capacity: r.dibao.households ?? Number.MAX_SAFE_INTEGER });
  return list;
}

function dibaoValueFen(h: PlanHousehold, r: PlanResources): number | null {
  if (!r.dibao.enabled || h.tekun || h.dibaoStandard === null || h.dibaoStandard < h.standard) return null;
  return fen(h.dibaoStandard) * h.size - fen(h.projectedNet);
}

export function proposeGapPlan(households: readonly PlanHousehold[], resources: PlanResources, opts: SearchOptions = {}): GapPlanResult {
  const list = resourcesOf(resources);
  const pools = list.filter((r): r is Extract<Resource, { kind: 'post' }> => r.kind === 'post');
  const cases = households.map((h) => {
    const matrix = new PostMatrix(h.members as SolverMember[], pools, resources.maxPostsPerPerson);
    const c: HouseholdCase = { id: h.id, gap: householdGapFen(h), members: h.members, dibaoValue: dibaoValueFen(h, resources) };
    return { h, c, matrix, bundles: closingBundles(c, list, matrix) };
  });
  const search = chooseBundles(
    cases.map((x) => x.bundles),
    list.map((r) => r.capacity),
    opts,
  );

  const used: Record<string, number> = Object.fromEntries(list.map((r) => [r.key, 0]));
  const residual = list.map((r) => r.capacity);
  cases.forEach((x, i) => {
    const b = x.bundles[search.choice[i]!];
    b?.use.forEach((u, r) => {
      residual[r]! -= u;
      used[list[r]!.key]! += u;
    });
  });

  let totalCost = 0;
  const outcomes = cases.map((x, i): PlanOutcome => {
    const bundle = x.bundles[search.choice[i]!];
    const gap = yuan(x.c.gap);
    if (bundle) {
      totalCost += bundle.cost;
      return { householdId: x.h.id, gap, closed: true, items: itemsOf(bundle.use, list, x), value: yuan(bundle.cost), reason: null, reasonText: null, reasonTextEn: null };
    }
    const why = x.bundles.length ? exhausted(x.bundles, residual, list) : intrinsic(x, resources, list);
    return { householdId: x.h.id, gap, closed: false, items: [], value: 0, ...why };
  });
  const closed = outcomes.filter((o) => o.closed).length;
  return {
    households: outcomes,
    closed,
    unclosable: outcomes.length - closed,
    totalCost: yuan(totalCost),
    used,
    solution: {
      method: search.method,
      optimal: search.optimal,
      closableAtMost: search.closableAtMost,
      costAtLeast: yuan(search.costAtLeast),
      contested: search.contested,
      nodes: search.nodes,
    },
  };
}

function itemsOf(use: number[], list: Resource[], x: { h: PlanHousehold; c: HouseholdCase; matrix: PostMatrix }): PlanItem[] {
  const items: PlanItem[] = [];
  const postUse = list.flatMap((r, i) => (r.kind === 'post' ? [use[i]!] : []));
  const postIndex = list.flatMap((r, i) => (r.kind === 'post' ? [i] : []));
  // Bundles are built only when Hall's condition holds, so an assignment exists.
  for (const a of x.matrix.assign(postUse) ?? []) {
    const r = list[postIndex[a.pool]!]!;
    items.push({ kind: 'welfare_post', resource: r.key, resourceName: r.name, memberId: x.h.members[a.member]!.id, units: 1, value: yuan(r.value) });
  }
  use.forEach((u, i) => {
    const r = list[i]!;
    if (u === 0 || r.kind === 'post') return;
    if (r.kind === 'dividend') items.push({ kind: 'dividend', resource: r.key, resourceName: r.name, memberId: null, units: u, value: yuan(u * r.value) });
    else items.push({ kind: 'safety_net_dibao', resource: 'dibao', resourceName: r.name, memberId: null, units: 1, value: yuan(x.c.dibaoValue ?? 0) });
  });
  return items;
}

type Why = Pick<PlanOutcome, 'reason' | 'reasonText' | 'reasonTextEn'>;

const kindZh = { post: '公益岗位', dividend: '分红项目', dibao: '低保名额' } as const;
const kindEn = { post: 'post pool', dividend: 'dividend project', dibao: '低保 places' } as const;

/** Closable on its own, but what it needs is used up: the resources lacking for its nearest bundle. */
function exhausted(bundles: { cost: number; use: number[] }[], residual: number[], list: Resource[]): Why {
  let nearest: number[] = [];
  let fewest = Infinity;
  for (const b of bundles) {
    const lacking = b.use.map((u, r) => (u > residual[r]! ? r : -1)).filter((r) => r >= 0);
    if (lacking.length < fewest) [fewest, nearest] = [lacking.length, lacking];
  }
  const zh = nearest.map((r) => (list[r]!.kind === 'dibao' ? '低保名额' : `${kindZh[list[r]!.kind]}“${list[r]!.name}”`));
  const en = nearest.map((r) => (list[r]!.kind === 'dibao' ? '低保 places' : `${kindEn[list[r]!.kind]} "${list[r]!.name}"`));
  return {
    reason: 'resources_exhausted',
    reasonText: `可以弥补缺口的措施所需资源已分配给其他农户${zh.length ? `：${zh.join('、')}不足` : ''}`,
    reasonTextEn: `The resources that could close the gap went to other households${en.length ? `: not enough left of ${en.join(', ')}` : ''}`,
  };
}

/** Not closable even with every resource to itself: why, with the most the resources could bring. */
function intrinsic(x: { h: PlanHousehold; c: HouseholdCase; matrix: PostMatrix }, r: PlanResources, list: Resource[]): Why {
  const gap = x.c.gap;
  if (list.length === 0) {
    return { reason: 'no_resources', reasonText: '本计划未提供任何帮扶资源', reasonTextEn: 'The plan offers no resources' };
  }
  const wages = x.matrix.maxWages();
  const shares = list.reduce((s, d) => (d.kind === 'dividend' ? s + Math.min(d.capacity, d.perHousehold) : s), 0);
  const dividends = list.reduce((s, d) => (d.kind === 'dividend' ? s + Math.min(d.capacity, d.perHousehold) * d.value : s), 0);
  const dibaoNote = !r.dibao.enabled
    ? ''
    : x.h.tekun
      ? '；有特困供养成员，不纳入低保'
      : x.h.dibaoStandard === null || x.h.dibaoStandard < x.h.standard
        ? '；低保标准低于收入标准，低保不能弥补缺口'
        : '';
  const dibaoNoteEn = dibaoNote ? (x.h.tekun ? '; a member is on 特困 support, so no 低保' : '; the 低保 standard is below the income standard') : '';
  if (wages.posts === 0 && r.posts.length > 0) {
    const ages = [...new Set(r.posts.map((p) => `${p.ageMin}–${p.ageMax}`))].join('或');
    const rest = dividends > 0 ? `分红最多${money(dividends)}元，不足以弥补缺口${money(gap)}元` : `缺口${money(gap)}元无其他措施可弥补`;
    return {
      reason: 'no_eligible_member',
      reasonText: `无可安排公益岗位的成员（${ages}周岁、有劳动能力、不在校、已有岗位少于${r.maxPostsPerPerson}个）；${rest}${dibaoNote}`,
      reasonTextEn: `No member can take a public-welfare post (aged ${ages.replace('或', ' or ')}, able to work, not in school, fewer than ${r.maxPostsPerPerson} posts); ${
        dividends > 0 ? `dividends bring at most ${money(dividends)} yuan, less than the gap of ${money(gap)}` : `nothing else can close the gap of ${money(gap)} yuan`
      }${dibaoNoteEn}`,
    };
  }
  const max = wages.value + dividends;
  const what = [wages.posts ? `${wages.posts}个公益岗位` : '', shares ? `${shares}股分红` : ''].filter(Boolean).join('加');
  const whatEn = [wages.posts ? `${wages.posts} post(s)` : '', shares ? `${shares} dividend share(s)` : ''].filter(Boolean).join(' and ');
  return {
    reason: 'gap_too_large',
    reasonText: `缺口${money(gap)}元大于${what || '可用措施'}最多能弥补的${money(max)}元${dibaoNote}`,
    reasonTextEn: `The gap of ${money(gap)} yuan is larger than the ${money(max)} yuan ${whatEn || 'the resources'} can bring at most${dibaoNoteEn}`,
  };
}
