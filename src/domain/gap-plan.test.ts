import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { householdGapFen, proposeGapPlan, type GapPlanResult, type PlanHousehold, type PlanMember, type PlanResources } from './gap-plan.js';
import { IN_SCHOOL, NO_LABOUR } from './measures.js';

const LABOURS = ['ordinary', 'skilled', 'weak', 'lost', 'none', null] as const;

const member = (over: Partial<PlanMember> = {}): PlanMember => ({ id: 1, age: 40, labourAbility: 'ordinary', schoolStatus: 'not_in_school', posts: 0, ...over });
const household = (over: Partial<PlanHousehold> = {}): PlanHousehold => ({
  id: 1,
  size: 1,
  projectedNet: 3_000,
  standard: 4_500,
  dibaoStandard: 5_160,
  tekun: false,
  members: [member()],
  ...over,
});
const resources = (over: Partial<PlanResources> = {}): PlanResources => ({ posts: [], dividends: [], dibao: { enabled: false, households: null }, maxPostsPerPerson: 2, ...over });
const pool = (wage: number, posts: number, ageMax = 70) => ({ key: `p${wage}`, name: `岗位${wage}`, wage, posts, ageMin: 16, ageMax });

// ───────────────────────────── an independent exhaustive solver ─────────────────────────────

const mayWork = (m: PlanMember, p: PlanResources['posts'][number], r: PlanResources) =>
  m.age >= p.ageMin &&
  m.age <= p.ageMax &&
  m.labourAbility !== null &&
  !(NO_LABOUR as readonly string[]).includes(m.labourAbility) &&
  !(IN_SCHOOL as readonly string[]).includes(m.schoolStatus ?? '') &&
  m.posts < r.maxPostsPerPerson;

/** Whether post units (one pool index per unit) can be handed to members, trying every member for every unit. */
function assignable(h: PlanHousehold, r: PlanResources, units: number[], load = h.members.map((m) => m.posts)): boolean {
  if (units.length === 0) return true;
  const [p, ...rest] = units as [number, ...number[]];
  return h.members.some((m, i) => {
    if (!mayWork(m, r.posts[p]!, r) || load[i]! >= r.maxPostsPerPerson) return false;
    const next = [...load];
    next[i]!++;
    return assignable(h, r, rest, next);
  });
}

/** Every way one household can be given resources (closing or not), as usage vectors with the fen they bring. */
function everyOption(h: PlanHousehold, r: PlanResources) {
  const out: { use: number[]; value: number }[] = [];
  const P = r.posts.length;
  const D = r.dividends.length;
  const rec = (i: number, use: number[]) => {
    if (i < P) {
      for (let k = 0; k <= Math.min(r.posts[i]!.posts, 2 * h.members.length); k++) rec(i + 1, [...use, k]);
      return;
    }
    if (i < P + D) {
      const d = r.dividends[i - P]!;
      for (let s = 0; s <= Math.min(d.shares, d.perHousehold); s++) rec(i + 1, [...use, s]);
      return;
    }
    const units = use.slice(0, P).flatMap((k, p) => new Array<number>(k).fill(p));
    if (!assignable(h, r, units)) return;
    let others = 0;
    use.forEach((u, j) => (others += j < P ? u * Math.round(r.posts[j]!.wage * 100) : u * Math.round(r.dividends[j - P]!.valuePerShare * 100)));
    out.push({ use: [...use, 0], value: others });
    const dibaoOk = r.dibao.enabled && !h.tekun && h.dibaoStandard !== null;
    if (dibaoOk) {
      // 低保 tops the per-capita income up to its standard, on top of whatever else the household receives.
      const topUp = Math.max(0, Math.round(h.dibaoStandard! * 100) * h.size - Math.round(h.projectedNet * 100) - others);
      out.push({ use: [...use, 1], value: others + topUp });
    }
  };
  rec(0, []);
  return out;
}

/** The lexicographic optimum (most households closed, then least cost) by dynamic programming over capacities. */
function bruteForce(hs: PlanHousehold[], r: PlanResources): { closed: number; cost: number } {
  const caps = [...r.posts.map((p) => p.posts), ...r.dividends.map((d) => d.shares), r.dibao.households ?? hs.length];
  const options = hs.map((h) => everyOption(h, r).filter((o) => o.value >= householdGapFen(h)));
  const memo = new Map<string, { closed: number; cost: number }>();
  const best = (i: number, residual: number[]): { closed: number; cost: number } => {
    if (i === hs.length) return { closed: 0, cost: 0 };
    const key = `${i}:${residual.join(',')}`;
    const hit = memo.get(key);
    if (hit) return hit;
    let result = best(i + 1, residual);
    for (const o of options[i]!) {
      if (o.use.some((u, j) => u > residual[j]!)) continue;
      const rest = best(i + 1, residual.map((c, j) => c - o.use[j]!));
      const cand = { closed: rest.closed + 1, cost: rest.cost + o.value };
      if (cand.closed > result.closed || (cand.closed === result.closed && cand.cost < result.cost)) result = cand;
    }
    memo.set(key, result);
    return result;
  };
  const b = best(0, caps);
  return { closed: b.closed, cost: b.cost / 100 };
}

// ───────────────────────────── checks every plan must pass ─────────────────────────────

function checkPlan(hs: PlanHousehold[], r: PlanResources, plan: GapPlanResult) {
  const byId = new Map(hs.map((h) => [h.id, h]));
  const postsUsed = new Map<string, number>();
  const sharesUsed = new Map<string, number>();
  let dibao = 0;
  let total = 0;
  for (const o of plan.households) {
    const h = byId.get(o.householdId)!;
    expect(o.closed).toBe(o.items.length > 0);
    if (!o.closed) {
      expect(o.reason).not.toBeNull();
      expect(o.reasonText).toBeTruthy();
      continue;
    }
    const value = o.items.reduce((s, i) => s + i.value, 0);
    expect(Math.round(value * 100)).toBeGreaterThanOrEqual(householdGapFen(h));
    expect(Math.round((h.projectedNet + value) * 100)).toBeGreaterThanOrEqual(Math.round(h.standard * 100) * h.size);
    total += value;
    const newPosts = new Map<number, number>();
    for (const item of o.items) {
      if (item.kind === 'welfare_post') {
        const m = h.members.find((x) => x.id === item.memberId)!;
        const p = r.posts.find((x) => x.key === item.resource)!;
        expect(mayWork(m, p, r)).toBe(true);
        expect(item.value).toBe(p.wage);
        newPosts.set(m.id, (newPosts.get(m.id) ?? 0) + 1);
        postsUsed.set(p.key, (postsUsed.get(p.key) ?? 0) + 1);
      } else if (item.kind === 'dividend') {
        const d = r.dividends.find((x) => x.key === item.resource)!;
        expect(item.units).toBeLessThanOrEqual(d.perHousehold);
        sharesUsed.set(d.key, (sharesUsed.get(d.key) ?? 0) + item.units);
      } else {
        expect(h.tekun).toBe(false);
        expect(r.dibao.enabled).toBe(true);
        dibao++;
      }
    }
    for (const [id, n] of newPosts) expect(h.members.find((x) => x.id === id)!.posts + n).toBeLessThanOrEqual(r.maxPostsPerPerson);
  }
  for (const p of r.posts) expect(postsUsed.get(p.key) ?? 0).toBeLessThanOrEqual(p.posts);
  for (const d of r.dividends) expect(sharesUsed.get(d.key) ?? 0).toBeLessThanOrEqual(d.shares);
  if (r.dibao.households !== null) expect(dibao).toBeLessThanOrEqual(r.dibao.households);
  expect(plan.totalCost).toBeCloseTo(total, 2);
  expect(plan.closed).toBe(plan.households.filter((o) => o.closed).length);
}

// ───────────────────────────── random instances ─────────────────────────────

const arbMember = fc.record({
  age: fc.integer({ min: 8, max: 85 }),
  labourAbility: fc.constantFrom(...LABOURS),
  schoolStatus: fc.constantFrom('not_in_school', 'not_in_school', 'senior_1', null),
  posts: fc.integer({ min: 0, max: 2 }),
});

function arbHouseholds(maxHouseholds: number, maxMembers: number) {
  return fc
    .array(
      fc.record({
        members: fc.array(arbMember, { maxLength: maxMembers }),
        extra: fc.integer({ min: 0, max: 1 }),
        gapFen: fc.integer({ min: 1, max: 1_200_000 }),
        dibaoStandard: fc.constantFrom<number | null>(5_160, 4_000, null),
        tekun: fc.boolean(),
      }),
      { minLength: 1, maxLength: maxHouseholds },
    )
    .map((list) => {
      let memberId = 0;
      return list.map((x, i): PlanHousehold => {
        const size = Math.max(1, x.members.length + x.extra);
        return {
          id: i + 1,
          size,
          projectedNet: (4_500 * 100 * size - x.gapFen) / 100,
          standard: 4_500,
          dibaoStandard: x.dibaoStandard,
          tekun: x.tekun,
          members: x.members.map((m) => ({ ...m, id: ++memberId })),
        };
      });
    });
}

function arbResources(maxPools: number, maxCap: number) {
  return fc.record({
    posts: fc.array(
      fc.record({ wage: fc.constantFrom(2_000, 3_000, 4_000, 6_000), posts: fc.integer({ min: 0, max: maxCap }), ageMax: fc.constantFrom(60, 70) }),
      { maxLength: maxPools },
    ),
    dividends: fc.array(
      fc.record({ valuePerShare: fc.constantFrom(500, 1_000, 1_500), shares: fc.integer({ min: 0, max: maxCap + 1 }), perHousehold: fc.integer({ min: 1, max: 3 }) }),
      { maxLength: 1 },
    ),
    dibao: fc.record({ enabled: fc.boolean(), households: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }) }),
    maxPostsPerPerson: fc.integer({ min: 1, max: 2 }),
  }).map(
    (r): PlanResources => ({
      posts: r.posts.map((p, i) => ({ key: `post${i}`, name: `岗位${i}`, wage: p.wage, posts: p.posts, ageMin: 16, ageMax: p.ageMax })),
      dividends: r.dividends.map((d, i) => ({ key: `div${i}`, name: `分红${i}`, ...d })),
      dibao: r.dibao,
      maxPostsPerPerson: r.maxPostsPerPerson,
    }),
  );
}

describe('gap-closing plan: correctness', () => {
  it('is exactly as good as exhaustive search on tiny instances (most households closed, then least cost)', () => {
    fc.assert(
      fc.property(arbHouseholds(4, 2), arbResources(2, 3), (hs, r) => {
        const plan = proposeGapPlan(hs, r);
        checkPlan(hs, r, plan);
        const best = bruteForce(hs, r);
        expect(plan.closed).toBe(best.closed);
        expect(plan.totalCost).toBeCloseTo(best.cost, 2);
        expect(plan.solution.optimal).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps every rule on larger instances: capacities, the standard reached, age, labour, school, two posts each', () => {
    fc.assert(
      fc.property(arbHouseholds(30, 5), arbResources(3, 12), (hs, r) => {
        checkPlan(hs, r, proposeGapPlan(hs, r));
      }),
      { numRuns: 150 },
    );
  });

  it('the heuristic used at scale stays feasible and its bounds hold against the exhaustive optimum', () => {
    fc.assert(
      fc.property(arbHouseholds(4, 2), arbResources(2, 3), (hs, r) => {
        const plan = proposeGapPlan(hs, r, { exactLimit: 0 });
        checkPlan(hs, r, plan);
        const best = bruteForce(hs, r);
        expect(plan.closed).toBeLessThanOrEqual(best.closed);
        expect(best.closed).toBeLessThanOrEqual(plan.solution.closableAtMost);
        if (plan.closed === best.closed) expect(best.cost).toBeGreaterThanOrEqual(plan.solution.costAtLeast - 0.01);
        if (plan.solution.optimal) expect([plan.closed, plan.totalCost]).toEqual([best.closed, expect.closeTo(best.cost, 2)]);
      }),
      { numRuns: 300 },
    );
  });

  it('gives a household it leaves open a reason that is true on its own', () => {
    fc.assert(
      fc.property(arbHouseholds(6, 3), arbResources(2, 3), (hs, r) => {
        const plan = proposeGapPlan(hs, r);
        for (const o of plan.households.filter((x) => !x.closed)) {
          const h = hs.find((x) => x.id === o.householdId)!;
          const alone = bruteForce([h], r).closed === 1;
          expect(o.reason === 'resources_exhausted').toBe(alone);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('gap-closing plan: examples', () => {
  it('prefers dividends for a small gap, a post for a larger one, and spreads posts over members', () => {
    const hs = [
      household({ id: 1, projectedNet: 3_800 }),
      household({ id: 2, size: 2, projectedNet: 2_000, members: [member({ id: 21 }), member({ id: 22, age: 50 })] }),
    ];
    const r = resources({ posts: [pool(4_000, 10)], dividends: [{ key: 'pv', name: '光伏', valuePerShare: 500, shares: 10, perHousehold: 2 }] });
    const plan = proposeGapPlan(hs, r);
    expect(plan.households[0]!.items).toEqual([{ kind: 'dividend', resource: 'pv', resourceName: '光伏', memberId: null, units: 2, value: 1_000 }]);
    // Gap 7,000: two posts (8,000) cost less than two posts and shares, and go to two people.
    expect(plan.households[1]!.items.map((i) => [i.kind, i.memberId])).toEqual([
      ['welfare_post', 21],
      ['welfare_post', 22],
    ]);
    expect(plan.totalCost).toBe(9_000);
    expect(plan.solution).toMatchObject({ method: 'independent', optimal: true });
  });

  it('says a gap is larger than two posts can close', () => {
    const plan = proposeGapPlan([household({ projectedNet: -4_500 })], resources({ posts: [pool(4_000, 10)] }));
    expect(plan.households[0]).toMatchObject({ closed: false, reason: 'gap_too_large', gap: 9_000 });
    expect(plan.households[0]!.reasonText).toBe('缺口9,000元大于2个公益岗位最多能弥补的8,000元');
  });

  it('says when nobody can take a post, and why 低保 does not apply', () => {
    const old = household({ tekun: true, members: [member({ age: 78 })] });
    const plan = proposeGapPlan([old], resources({ posts: [pool(6_000, 10)], dibao: { enabled: true, households: null } }));
    expect(plan.households[0]).toMatchObject({ closed: false, reason: 'no_eligible_member' });
    expect(plan.households[0]!.reasonText).toContain('16–70周岁');
    expect(plan.households[0]!.reasonText).toContain('特困');
  });

  it('closes the most households when posts run out, and names what ran out for the others', () => {
    const hs = [1, 2, 3].map((id) => household({ id, projectedNet: 1_000 * id, members: [member({ id: 10 * id })] }));
    const plan = proposeGapPlan(hs, resources({ posts: [pool(6_000, 2)] }));
    expect(plan.closed).toBe(2);
    const open = plan.households.find((o) => !o.closed)!;
    expect(open.reason).toBe('resources_exhausted');
    expect(open.reasonText).toContain('公益岗位“岗位6000”');
  });

  it('uses 低保 when it is the cheapest way and respects its cap', () => {
    // Gap 1,500 a head for 2 people: 低保 to 5,160 costs 4,320; the only post pays 6,000.
    const h = household({ size: 2, projectedNet: 6_000, members: [member({ id: 5 })] });
    const withDibao = proposeGapPlan([h], resources({ posts: [pool(6_000, 5)], dibao: { enabled: true, households: null } }));
    expect(withDibao.households[0]!.items).toEqual([{ kind: 'safety_net_dibao', resource: 'dibao', resourceName: '低保', memberId: null, units: 1, value: 4_320 }]);
    const capped = proposeGapPlan([h], resources({ posts: [pool(6_000, 5)], dibao: { enabled: true, households: 0 } }));
    expect(capped.households[0]!.items.map((i) => i.kind)).toEqual(['welfare_post']);
  });
});

describe('gap-closing plan: city scale', () => {
  function city(n: number, seed: number): PlanHousehold[] {
    let x = seed;
    const rnd = () => ((x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    let id = 0;
    return Array.from({ length: n }, (_, i) => {
      const size = 1 + Math.floor(rnd() * 5);
      const members = Array.from({ length: size }, () => ({
        id: ++id,
        age: Math.floor(rnd() * 90),
        labourAbility: LABOURS[Math.floor(rnd() * 5)]!,
        schoolStatus: rnd() < 0.15 ? 'junior' : 'not_in_school',
        posts: rnd() < 0.05 ? 1 : 0,
      }));
      const perCapita = 2_000 + rnd() * 2_450;
      return { id: i + 1, size, projectedNet: Math.round(perCapita * size * 100) / 100, standard: 4_500, dibaoStandard: 5_160, tekun: rnd() < 0.05, members };
    });
  }
  const cityResources = (posts: number, shares: number, dibao: number | null): PlanResources => ({
    posts: [
      { key: 'clean', name: '保洁', wage: 6_000, posts: Math.round(posts * 0.6), ageMin: 16, ageMax: 70 },
      { key: 'road', name: '护路', wage: 4_800, posts: Math.round(posts * 0.3), ageMin: 16, ageMax: 65 },
      { key: 'river', name: '巡河', wage: 3_600, posts: Math.round(posts * 0.1), ageMin: 18, ageMax: 60 },
    ],
    dividends: [{ key: 'pv', name: '光伏电站', valuePerShare: 800, shares, perHousehold: 3 }],
    dibao: { enabled: dibao !== 0, households: dibao },
    maxPostsPerPerson: 2,
  });

  // CPU time, not wall time: the figure should not depend on what else the machine is doing.
  const timed = <T>(f: () => T) => {
    const c0 = process.cpuUsage();
    const value = f();
    const cpu = process.cpuUsage(c0);
    return { value, ms: (cpu.user + cpu.system) / 1_000 };
  };

  it('plans 1,500 households with resources for all who can be closed, proven optimal, in about a second', () => {
    const hs = city(1_500, 7);
    const r = cityResources(3_000, 4_000, null);
    const { value: plan, ms } = timed(() => proposeGapPlan(hs, r));
    console.log(`gap plan, 1,500 households, 3,000 posts, 4,000 shares, 低保 uncapped: ${ms.toFixed(0)} ms CPU, ${plan.solution.method}, closed ${plan.closed} of ${plan.solution.closableAtMost}, optimal ${plan.solution.optimal}`);
    checkPlan(hs, r, plan);
    expect(plan.solution.optimal).toBe(true);
    expect(ms).toBeLessThan(5_000);
  });

  it('plans 1,500 households with scarce posts and shares by the heuristic, with bounds, in a few seconds', () => {
    const hs = city(1_500, 11);
    const r = cityResources(600, 900, 150);
    const { value: plan, ms } = timed(() => proposeGapPlan(hs, r));
    const s = plan.solution;
    console.log(
      `gap plan, 1,500 households, 600 posts, 900 shares, 150 低保: ${ms.toFixed(0)} ms CPU, ${s.method}, closed ${plan.closed} of at most ${s.closableAtMost}, ` +
        `cost ${plan.totalCost} ≥ ${s.costAtLeast} (${(((plan.totalCost - s.costAtLeast) / plan.totalCost) * 100).toFixed(2)} % above the bound), contested ${s.contested}`,
    );
    checkPlan(hs, r, plan);
    expect(plan.closed).toBeLessThanOrEqual(s.closableAtMost);
    expect(s.closableAtMost - plan.closed).toBeLessThanOrEqual(Math.ceil(plan.closed * 0.01));
    expect(plan.totalCost).toBeLessThanOrEqual(s.costAtLeast * 1.03);
    expect(ms).toBeLessThan(12_000);
  });
});
