/**
 * One household on its own: every way the offered resources can close its gap (its "bundles"), which members take
 * the posts of a bundle, and how far the resources could go at most (for the reason it cannot be closed).
 * Money is in fen (integers) throughout.
 */
import { IN_SCHOOL, NO_LABOUR } from '../measures.js';

export interface SolverMember {
  id: number;
  age: number;
  labourAbility: string | null;
  schoolStatus: string | null;
  /** Public-welfare posts the member holds already. */
  posts: number;
}

export interface PostResource {
  kind: 'post';
  key: string;
  name: string;
  /** Wage per post per year, fen. */
  value: number;
  capacity: number;
  ageMin: number;
  ageMax: number;
}

export interface DividendResource {
  kind: 'dividend';
  key: string;
  name: string;
  /** Per share per year, fen. */
  value: number;
  capacity: number;
  perHousehold: number;
}

export interface DibaoResource {
  kind: 'dibao';
  key: 'dibao';
  name: string;
  value: 0;
  capacity: number;
}

export type Resource = PostResource | DividendResource | DibaoResource;

/** A closing bundle: units taken of each resource (in the order of the resource list) and what it costs. */
export interface Bundle {
  cost: number;
  use: number[];
}

export interface HouseholdCase {
  id: number;
  gap: number;
  members: SolverMember[];
  /** What 低保 would pay to bring it to the 低保 standard, or null when it may not have 低保. */
  dibaoValue: number | null;
}

/** Whether a member may take a post of this pool: age, labour ability, not in school, fewer posts than allowed. */
export function mayTakePost(m: SolverMember, pool: PostResource, maxPerPerson: number): boolean {
  return (
    m.age >= pool.ageMin &&
    m.age <= pool.ageMax &&
    m.labourAbility !== null &&
    !(NO_LABOUR as readonly string[]).includes(m.labourAbility) &&
    !(IN_SCHOOL as readonly string[]).includes(m.schoolStatus ?? '') &&
    m.posts < maxPerPerson
  );
}

/** Eligibility of each member for each pool and the posts each member may still take. */
export class PostMatrix {
  readonly eligible: boolean[][];
  readonly slots: number[];
  /** Free slots of the members eligible for at least one pool of the subset, by subset bit mask. */
  readonly maskSlots: number[];

  constructor(
    readonly members: SolverMember[],
    readonly pools: PostResource[],
    maxPerPerson: number,
  ) {
    this.eligible = members.map((m) => pools.map((p) => mayTakePost(m, p, maxPerPerson)));
    this.slots = members.map((m) => Math.max(0, maxPerPerson - m.posts));
    this.maskSlots = [];
    for (let mask = 0; mask < 1 << pools.length; mask++) {
      let sum = 0;
      members.forEach((_, i) => {
        if (pools.some((_, p) => mask & (1 << p) && this.eligible[i]![p])) sum += this.slots[i]!;
      });
      this.maskSlots.push(sum);
    }
  }

  /** Free slots of the members eligible for pool p. */
  poolSlots(p: number): number {
    return this.maskSlots[1 << p]!;
  }

  /**
   * Whether posts[p] units of each pool can be given to members (Hall's condition for a transportation problem:
   * every set of pools asks no more than the free slots of the members eligible for one of them). Only sets
   * containing `newest` are checked when the others were checked before.
   */
  feasible(posts: readonly number[], newest = -1): boolean {
    const used = posts.map((k, p) => (k > 0 ? 1 << p : 0)).reduce((a, b) => a | b, 0);
    for (let mask = used; mask > 0; mask = (mask - 1) & used) {
      if (newest >= 0 && !(mask & (1 << newest))) continue;
      let demand = 0;
      for (let p = 0; p < posts.length; p++) if (mask & (1 << p)) demand += posts[p]!;
      if (demand > this.maskSlots[mask]!) return false;
    }
    return true;
  }

  /**
   * Which member takes each post: a bipartite matching of post units to member slots (Kuhn's algorithm), first
   * slots before second ones so posts are spread over members before anyone gets two. Null when impossible.
   */
  assign(posts: readonly number[]): { pool: number; member: number }[] | null {
    const units: number[] = [];
    posts.forEach((k, p) => {
      for (let i = 0; i < k; i++) units.push(p);
    });
    const slotNodes: number[] = [];
    const most = Math.max(0, ...this.slots);
    for (let j = 0; j < most; j++) this.members.forEach((_, i) => j < this.slots[i]! && slotNodes.push(i));
    const holder = new Array<number>(slotNodes.length).fill(-1);
    const tryUnit = (u: number, seen: boolean[]): boolean => {
      for (let s = 0; s < slotNodes.length; s++) {
        if (seen[s] || !this.eligible[slotNodes[s]!]![units[u]!]) continue;
        seen[s] = true;
        if (holder[s] === -1 || tryUnit(holder[s]!, seen)) {
          holder[s] = u;
          return true;
        }
      }
      return false;
    };
    for (let u = 0; u < units.length; u++) if (!tryUnit(u, new Array<boolean>(slotNodes.length).fill(false))) return null;
    const out: { pool: number; member: number }[] = [];
    holder.forEach((u, s) => u >= 0 && out.push({ pool: units[u]!, member: slotNodes[s]! }));
    return out.sort((a, b) => a.pool - b.pool || a.member - b.member);
  }

  /** The most post wages the household could earn with the pools as offered (greedy by wage is exact: a matroid). */
  maxWages(): { value: number; posts: number } {
    const order = this.pools.map((_, p) => p).sort((a, b) => this.pools[b]!.value - this.pools[a]!.value);
    const k = this.pools.map(() => 0);
    let value = 0;
    let posts = 0;
    for (const p of order) {
      while (k[p]! < this.pools[p]!.capacity) {
        k[p]!++;
        if (!this.feasible(k, p)) {
          k[p]!--;
          break;
        }
        value += this.pools[p]!.value;
        posts++;
      }
    }
    return { value, posts };
  }
}

/**
 * Every minimal closing bundle of posts and dividend shares (no unit can be left out), plus 低保 on its own where
 * the household may have it. A cheapest plan never needs anything else: any closing bundle contains a minimal one
 * that costs no more and uses no more of anything.
 */
export function closingBundles(h: HouseholdCase, resources: readonly Resource[], matrix: PostMatrix): Bundle[] {
  const out: Bundle[] = [];
  const R = resources.length;
  const maxUnits = resources.map((r, i) =>
    r.kind === 'post' ? Math.min(r.capacity, matrix.poolSlots(i)) : r.kind === 'dividend' ? Math.min(r.capacity, r.perHousehold) : 0,
  );
  const suffix = new Array<number>(R + 1).fill(0);
  for (let i = R - 1; i >= 0; i--) suffix[i] = suffix[i + 1]! + maxUnits[i]! * resources[i]!.value;
  const vec = new Array<number>(R).fill(0);
  const postsOf = () => resources.map((r, i) => (r.kind === 'post' ? vec[i]! : 0));

  const leaf = (total: number) => {
    let smallest = Infinity;
    for (let i = 0; i < R; i++) if (vec[i]! > 0) smallest = Math.min(smallest, resources[i]!.value);
    if (total - smallest < h.gap) out.push({ cost: total, use: [...vec] });
  };
  const walk = (i: number, total: number) => {
    if (total >= h.gap) return leaf(total);
    if (i === R || total + suffix[i]! < h.gap) return;
    const r = resources[i]!;
    for (let u = 0; u <= maxUnits[i]!; u++) {
      vec[i] = u;
      if (r.kind === 'post' && u > 0 && !matrix.feasible(postsOf(), i)) break;
      walk(i + 1, total + u * r.value);
      if (total + u * r.value >= h.gap) break;
    }
    vec[i] = 0;
  };
  walk(0, 0);

  const dibao = resources.findIndex((r) => r.kind === 'dibao');
  if (dibao >= 0 && h.dibaoValue !== null && h.dibaoValue >= h.gap && resources[dibao]!.capacity > 0) {
    const use = new Array<number>(R).fill(0);
    use[dibao] = 1;
    out.push({ cost: h.dibaoValue, use });
  }
  return out.sort((a, b) => a.cost - b.cost);
}
