/**
 * Choosing one bundle (or none) per household under the resources' capacities: close as many households as
 * possible and, among plans closing that many, spend the least. A small integer program per household coupled only
 * by the capacities, solved in steps:
 *
 * 1. Every household on its cheapest bundle: if that fits the capacities, it is the optimum.
 * 2. Capacities nobody can exhaust (every household on its hungriest bundle still fits) are dropped. A household
 *    whose cheapest bundle uses only such "slack" resources takes it (anything else costs more and takes scarce
 *    units from others); the others are "contested", and their bundles costing at least their cheapest slack-only
 *    one are dropped (that one is cheaper and takes nothing scarce).
 * 3. A Lagrangian heuristic on the contested households: prices on the scarce resources by subgradient steps on two
 *    duals, greedy passes at those prices, then local search (a cheaper bundle that fits; closing a household
 *    directly, by moving another to a different bundle, or in place of a dearer one; two households trading
 *    resources). The duals also bound every plan: at most `closableAtMost` households can be closed (LP relaxation
 *    of the count), and a plan closing as many as the best found costs at least `costAtLeast`.
 * 4. Up to `exactLimit` contested households: depth-first branch and bound, pruned by the same duals at each node;
 *    exact when it finishes within `nodeLimit` nodes.
 */
import type { Bundle } from './bundles.js';

export interface SearchOptions {
  exactLimit?: number;
  nodeLimit?: number;
  /** Budget of the local search, in option checks, so a request stays short. */
  workLimit?: number;
  iterations?: number;
}

export interface SearchResult {
  /** Index of the chosen bundle per household, -1 for none. */
  choice: number[];
  method: 'independent' | 'branch_and_bound' | 'lagrangian_heuristic';
  optimal: boolean;
  contested: number;
  nodes: number;
  closableAtMost: number;
  costAtLeast: number;
}

interface Option {
  cost: number;
  use: number[];
  /** Index in the household's bundle list. */
  index: number;
}

interface Contested {
  household: number;
  /** Sorted by cost. */
  options: Option[];
  allowNone: boolean;
}

interface Solution {
  pick: number[];
  closed: number;
  cost: number;
}

interface Duals {
  /** Phase 1: resource prices in households. */
  count: number[];
  /** Phase 2: resource prices in fen, and the reward per closed household. */
  cost: number[];
  reward: number;
  countBound: number;
  costBound: number;
}

const better = (a: Solution, b: Solution) => a.closed > b.closed || (a.closed === b.closed && a.cost < b.cost);
const fits = (use: number[], residual: number[]) => use.every((u, r) => u <= residual[r]!);
const dot = (use: number[], prices: number[]) => {
  let s = 0;
  for (let r = 0; r < use.length; r++) s += use[r]! * prices[r]!;
  return s;
};

export function chooseBundles(bundles: readonly Bundle[][], capacities: readonly number[], opts: SearchOptions = {}): SearchResult {
  const R = capacities.length;
  const load = new Array<number>(R).fill(0);
  bundles.forEach((list) => list[0]?.use.forEach((u, r) => (load[r]! += u)));
  if (load.every((u, r) => u <= capacities[r]!)) {
    const cost = bundles.reduce((s, list) => s + (list[0]?.cost ?? 0), 0);
    const closed = bundles.filter((list) => list.length > 0).length;
    return { choice: bundles.map((list) => (list.length ? 0 : -1)), method: 'independent', optimal: true, contested: 0, nodes: 0, closableAtMost: closed, costAtLeast: cost };
  }

  const hungriest = new Array<number>(R).fill(0);
  for (const list of bundles) for (let r = 0; r < R; r++) hungriest[r]! += Math.max(0, ...list.map((b) => b.use[r]!));
  const scarce = capacities.map((c, r) => (hungriest[r]! > c ? r : -1)).filter((r) => r >= 0);
  const choice = bundles.map(() => -1);
  const contested: Contested[] = [];
  let fixedClosed = 0;
  let fixedCost = 0;
  bundles.forEach((list, h) => {
    if (list.length === 0) return;
    const free = list.findIndex((b) => scarce.every((r) => b.use[r] === 0));
    if (free >= 0 && list[free]!.cost === list[0]!.cost) {
      choice[h] = free;
      fixedClosed++;
      fixedCost += list[free]!.cost;
      return;
    }
    const options = list
      .map((b, index) => ({ cost: b.cost, use: scarce.map((r) => b.use[r]!), index }))
      .filter((o, i) => free < 0 || o.cost < list[free]!.cost || i === free);
    contested.push({ household: h, options, allowNone: free < 0 });
  });

  const caps = scarce.map((r) => capacities[r]!);
  const lag = lagrangian(contested, caps, improve(contested, caps, greedy(contested, caps, (o) => o.cost), opts.workLimit, false), opts);
  let best = lag.best;
  let closableAtMost = Math.max(best.closed, Math.min(contested.length, Math.floor(lag.duals.countBound + 1e-7)));
  // Plans cost whole fen: any plan costs at least the bound rounded up (less a little for floating-point noise).
  let costAtLeast = Math.min(best.cost, Math.max(0, Math.ceil(lag.duals.costBound - 0.01)));
  let optimal = closableAtMost === best.closed && costAtLeast >= best.cost;
  let method: SearchResult['method'] = 'lagrangian_heuristic';
  let nodes = 0;
  if (!optimal && contested.length <= (opts.exactLimit ?? 60)) {
    const found = branchAndBound(contested, caps, best, lag.duals, opts.nodeLimit ?? 200_000);
    nodes = found.nodes;
    best = found.best;
    if (found.complete) {
      [optimal, method, closableAtMost, costAtLeast] = [true, 'branch_and_bound', best.closed, best.cost];
    }
  }
  contested.forEach((c, i) => (choice[c.household] = best.pick[i]! >= 0 ? c.options[best.pick[i]!]!.index : -1));
  return {
    choice,
    method,
    optimal,
    contested: contested.length,
    nodes,
    closableAtMost: fixedClosed + closableAtMost,
    costAtLeast: fixedCost + costAtLeast,
  };
}

/** One pass in the given household order, each taking its first option (by `key`, then cost) that still fits. */
function greedy(cs: Contested[], caps: number[], key: (o: Option) => number, order?: number[]): Solution {
  const residual = [...caps];
  const pick = cs.map(() => -1);
  let closed = 0;
  let cost = 0;
  for (const i of order ?? cs.map((_, i) => i)) {
    const c = cs[i]!;
    const ranked = c.options.map((o) => ({ o, k: key(o) })).sort((a, b) => a.k - b.k || a.o.cost - b.o.cost);
    const hit = ranked.find(({ o }) => fits(o.use, residual));
    if (!hit) continue;
    hit.o.use.forEach((u, r) => (residual[r]! -= u));
    pick[i] = c.options.indexOf(hit.o);
    closed++;
    cost += hit.o.cost;
  }
  return { pick, closed, cost };
}

/**
 * Local search from `start`. Every move makes the plan strictly better (one more household closed, or the same
 * number for less), so it ends. Cheap moves: a closed household takes a cheaper option that fits; an open one is
 * closed by what is left. With `deep`: an open household is closed after moving a closed one to another option; an
 * open household is closed in place of a dearer closed one; two closed households trade resources for less.
 */
function improve(cs: Contested[], caps: number[], start: Solution, workLimit = 4_000_000, deep = true): Solution {
  const pick = [...start.pick];
  const residual = [...caps];
  pick.forEach((k, i) => k >= 0 && cs[i]!.options[k]!.use.forEach((u, r) => (residual[r]! -= u)));
  const R = caps.length;
  let work = 0;
  const useOf = (i: number) => (pick[i]! >= 0 ? cs[i]!.options[pick[i]!]!.use : ZERO(R));
  const costOf = (i: number) => (pick[i]! >= 0 ? cs[i]!.options[pick[i]!]!.cost : 0);
  const move = (i: number, k: number) => {
    useOf(i).forEach((u, r) => (residual[r]! += u));
    pick[i] = k;
    useOf(i).forEach((u, r) => (residual[r]! -= u));
  };
  /** Whether switching i to option k fits once `extra` is also taken (and `freed` given back). */
  const fitsSwitch = (i: number, k: number, extra: number[], freed: number[] = ZERO(R)) => {
    const cur = useOf(i);
    const next = cs[i]!.options[k]!.use;
    for (let r = 0; r < R; r++) if (residual[r]! + cur[r]! + freed[r]! - next[r]! - extra[r]! < 0) return false;
    return true;
  };

  const cheaper = () => {
    let changed = false;
    for (let i = 0; i < cs.length; i++) {
      if (pick[i]! < 0) continue;
      for (let k = 0; k < cs[i]!.options.length && cs[i]!.options[k]!.cost < costOf(i); k++, work++) {
        if (fitsSwitch(i, k, ZERO(R))) {
          move(i, k);
          changed = true;
          break;
        }
      }
    }
    return changed;
  };
  const closeDirect = () => {
    let changed = false;
    for (let i = 0; i < cs.length; i++) {
      if (pick[i]! >= 0) continue;
      const k = cs[i]!.options.findIndex((o) => fits(o.use, residual));
      work += cs[i]!.options.length;
      if (k >= 0) {
        move(i, k);
        changed = true;
      }
    }
    return changed;
  };
  /** Closed households by the resource they hold, to find who could free what is missing. */
  const holders = () => {
    const by: number[][] = Array.from({ length: R }, () => []);
    pick.forEach((k, i) => k >= 0 && cs[i]!.options[k]!.use.forEach((u, r) => u > 0 && by[r]!.push(i)));
    return by;
  };
  const closeByExchange = () => {
    let changed = false;
    const by = holders();
    for (let i = 0; i < cs.length && work < workLimit; i++) {
      if (pick[i]! >= 0) continue;
      let done = false;
      for (let k = 0; k < cs[i]!.options.length && !done && work < workLimit; k++) {
        const need = cs[i]!.options[k]!.use;
        const short = need.findIndex((u, r) => u > residual[r]!);
        if (short < 0) {
          move(i, k);
          done = true;
          break;
        }
        let bestJ = -1;
        let bestA = -1;
        let bestDelta = Infinity;
        for (const j of by[short]!) {
          if (pick[j]! < 0) continue;
          // Options are sorted by cost: the first that fits is j's cheapest way out.
          for (let a = 0; a < cs[j]!.options.length; a++, work++) {
            const delta = cs[j]!.options[a]!.cost - costOf(j);
            if (delta >= bestDelta) break;
            if (a === pick[j] || !fitsSwitch(j, a, need)) continue;
            [bestJ, bestA, bestDelta] = [j, a, delta];
            break;
          }
        }
        if (bestJ >= 0) {
          move(bestJ, bestA);
          move(i, k);
          done = true;
        }
      }
      changed ||= done;
    }
    return changed;
  };
  const swapInOut = () => {
    let changed = false;
    const closedByCost = pick.map((k, i) => i).filter((i) => pick[i]! >= 0).sort((a, b) => costOf(b) - costOf(a));
    for (let i = 0; i < cs.length && work < workLimit; i++) {
      if (pick[i]! >= 0) continue;
      const cheapest = cs[i]!.options[0]!.cost;
      for (const j of closedByCost) {
        if (pick[j]! < 0) continue;
        if (costOf(j) <= cheapest) break;
        const freed = useOf(j);
        const k = cs[i]!.options.findIndex((o) => o.cost < costOf(j) && o.use.every((u, r) => u <= residual[r]! + freed[r]!));
        work += cs[i]!.options.length;
        if (k < 0) continue;
        move(j, -1);
        move(i, k);
        changed = true;
        break;
      }
    }
    return changed;
  };
  const trade = () => {
    let changed = false;
    const by = holders();
    for (let i = 0; i < cs.length && work < workLimit; i++) {
      if (pick[i]! < 0) continue;
      for (let k = 0; k < cs[i]!.options.length && cs[i]!.options[k]!.cost < costOf(i) && work < workLimit; k++) {
        const gain = costOf(i) - cs[i]!.options[k]!.cost;
        const cur = useOf(i);
        const need = cs[i]!.options[k]!.use.map((u, r) => Math.max(0, u - cur[r]! - residual[r]!));
        const short = need.findIndex((u) => u > 0);
        if (short < 0) continue;
        const after = cs[i]!.options[k]!.use.map((u, r) => u - cur[r]!);
        let done = false;
        for (const j of by[short]!) {
          if (j === i || pick[j]! < 0) continue;
          for (let a = 0; a < cs[j]!.options.length; a++, work++) {
            if (cs[j]!.options[a]!.cost - costOf(j) >= gain) break;
            if (a === pick[j] || !fitsSwitch(j, a, after)) continue;
            move(j, a);
            move(i, k);
            done = true;
            break;
          }
          if (done) break;
        }
        if (done) {
          changed = true;
          break;
        }
      }
    }
    return changed;
  };

  for (let changed = true; changed && work < workLimit; ) {
    changed = cheaper();
    changed = closeDirect() || changed;
    if (deep) {
      changed = closeByExchange() || changed;
      changed = swapInOut() || changed;
      changed = trade() || changed;
    }
  }
  let closed = 0;
  let cost = 0;
  pick.forEach((k, i) => {
    if (k < 0) return;
    closed++;
    cost += cs[i]!.options[k]!.cost;
  });
  const result = { pick, closed, cost };
  return better(start, result) ? start : result;
}

const ZEROS = new Map<number, number[]>();
function ZERO(n: number): number[] {
  let z = ZEROS.get(n);
  if (!z) ZEROS.set(n, (z = new Array<number>(n).fill(0)));
  return z;
}

/**
 * Subgradient steps on two Lagrangian duals of the capacities, each steering greedy passes.
 * Phase 1, f(λ) = Σ_h max(0, 1 − min_b λ·u_b) + λ·cap, is at least the most households any plan closes.
 * Phase 2, g(λ, μ) = Σ_h min(0, min_b (c_b + λ·u_b) − μ) − λ·cap + μ·X, is at most the cost of any plan closing X
 * or more, X being the most households closed by a plan found so far.
 */
function lagrangian(cs: Contested[], caps: number[], start: Solution, opts: SearchOptions): { best: Solution; duals: Duals } {
  const iterations = opts.iterations ?? 250;
  const R = caps.length;
  let best = start;
  const consider = (s: Solution, deep: boolean) => {
    const improved = improve(cs, caps, s, opts.workLimit, deep);
    if (better(improved, best)) best = improved;
  };
  const orderBy = (score: (c: Contested) => number) => {
    const scores = cs.map(score);
    return cs.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  };
  const minOver = (c: Contested, value: (o: Option) => number) => {
    let low = Infinity;
    let arg = c.options[0]!;
    for (const o of c.options) {
      const v = value(o);
      if (v < low) [low, arg] = [v, o];
    }
    return { low, arg };
  };

  let lambda = new Array<number>(R).fill(0);
  let countBound = Infinity;
  let countPrices = [...lambda];
  let step = 2;
  let stale = 0;
  for (let it = 0; it < iterations; it++) {
    let f = 0;
    const load = new Array<number>(R).fill(0);
    for (const c of cs) {
      const { low, arg } = minOver(c, (o) => dot(o.use, lambda));
      if (1 - low > 0 || !c.allowNone) {
        f += 1 - low;
        arg.use.forEach((u, r) => (load[r]! += u));
      }
    }
    f += dot(caps, lambda);
    if (f < countBound - 1e-9) [countBound, countPrices, stale] = [f, [...lambda], 0];
    else if (++stale >= 15) [step, stale] = [step / 2, 0];
    if (it % 10 === 0) {
      const l = [...lambda];
      consider(greedy(cs, caps, (o) => dot(o.use, l), orderBy((c) => minOver(c, (o) => dot(o.use, l)).low)), false);
    }
    const g = load.map((x, r) => caps[r]! - x);
    const norm = dot(g, g);
    if (norm === 0 || countBound - best.closed < 1e-9) break;
    const t = (step * (f - best.closed)) / norm;
    lambda = lambda.map((l, r) => Math.max(0, l - t * g[r]!));
  }
  best = improve(cs, caps, best, opts.workLimit);

  const X = best.closed;
  const top = Math.max(1, ...cs.flatMap((c) => c.options.map((o) => o.cost)));
  lambda = new Array<number>(R).fill(0);
  let mu = top;
  let costBound = -Infinity;
  const candidates: Solution[] = [];
  let costPrices = [...lambda];
  let reward = mu;
  step = 2;
  stale = 0;
  for (let it = 0; it < iterations; it++) {
    let g = mu * X - dot(caps, lambda);
    let picked = 0;
    const load = new Array<number>(R).fill(0);
    for (const c of cs) {
      const { low, arg } = minOver(c, (o) => o.cost + dot(o.use, lambda));
      if (low - mu < 0 || !c.allowNone) {
        g += low - mu;
        picked++;
        arg.use.forEach((u, r) => (load[r]! += u));
      }
    }
    if (g > costBound + 1e-6) [costBound, costPrices, reward, stale] = [g, [...lambda], mu, 0];
    else if (++stale >= 15) [step, stale] = [step / 2, 0];
    if (it % 25 === 0) {
      const l = [...lambda];
      // The deep search only for passes near the best count and cheaper than the best plan.
      const s = improve(cs, caps, greedy(cs, caps, (o) => o.cost + dot(o.use, l), orderBy((c) => minOver(c, (o) => o.cost + dot(o.use, l)).low)), opts.workLimit, false);
      if (s.closed >= X - Math.max(5, X * 0.02) && s.cost < best.cost) candidates.push(s);
    }
    const gradL = load.map((x, r) => x - caps[r]!);
    const gradM = X - picked;
    const norm = dot(gradL, gradL) + gradM * gradM;
    // Any plan found closes at least X, so its cost is an upper bound on what the dual approaches.
    if (norm === 0 || best.cost - costBound < 1) break;
    const t = (step * Math.max(best.cost - g, top * 1e-3)) / norm;
    lambda = lambda.map((l, r) => Math.max(0, l + t * gradL[r]!));
    mu = Math.max(0, mu + t * gradM);
  }
  // The deep search, which costs the most, for the cheapest near-best pass and the best plan.
  for (const s of candidates.sort((a, b) => a.cost - b.cost).slice(0, 1)) consider(s, true);
  return { best: improve(cs, caps, best, opts.workLimit), duals: { count: countPrices, cost: costPrices, reward, countBound, costBound } };
}

/**
 * Depth-first search over the contested households, most constrained first. A node is pruned when no completion can
 * beat the best plan: by each remaining household's cheapest option that still fits on its own, and by the two
 * duals evaluated on what is left (valid for any prices).
 */
function branchAndBound(cs: Contested[], caps: number[], incumbent: Solution, duals: Duals, nodeLimit: number) {
  const order = cs.map((_, i) => i).sort((a, b) => cs[a]!.options.length - cs[b]!.options.length);
  const residual = [...caps];
  const pick = cs.map(() => -1);
  let best = incumbent;
  let nodes = 0;
  let complete = true;

  const pruned = (depth: number, closed: number, cost: number) => {
    let fitCount = closed;
    let fitCost = cost;
    let countDual = closed + dot(residual, duals.count);
    let costDual = cost - dot(residual, duals.cost) + duals.reward * (best.closed - closed);
    for (let d = depth; d < order.length; d++) {
      const c = cs[order[d]!]!;
      const opt = c.options.find((o) => fits(o.use, residual));
      if (opt) [fitCount, fitCost] = [fitCount + 1, fitCost + opt.cost];
      let lowCount = Infinity;
      let lowCost = Infinity;
      for (const o of c.options) {
        lowCount = Math.min(lowCount, dot(o.use, duals.count));
        lowCost = Math.min(lowCost, o.cost + dot(o.use, duals.cost));
      }
      countDual += c.allowNone ? Math.max(0, 1 - lowCount) : 1 - lowCount;
      costDual += c.allowNone ? Math.min(0, lowCost - duals.reward) : lowCost - duals.reward;
    }
    const most = Math.min(fitCount, Math.floor(countDual + 1e-7));
    if (most < best.closed) return true;
    if (most > best.closed) return false;
    const least = Math.max(Math.ceil(costDual - 0.01), fitCount === best.closed ? fitCost : -Infinity);
    return least >= best.cost;
  };
  const visit = (depth: number, closed: number, cost: number) => {
    if (++nodes > nodeLimit) {
      complete = false;
      return;
    }
    if (depth === order.length) {
      const s = { pick: [...pick], closed, cost };
      if (better(s, best)) best = s;
      return;
    }
    if (pruned(depth, closed, cost)) return;
    const i = order[depth]!;
    const c = cs[i]!;
    for (let k = 0; k < c.options.length && complete; k++) {
      const o = c.options[k]!;
      if (!fits(o.use, residual)) continue;
      o.use.forEach((u, r) => (residual[r]! -= u));
      pick[i] = k;
      visit(depth + 1, closed + 1, cost + o.cost);
      pick[i] = -1;
      o.use.forEach((u, r) => (residual[r]! += u));
    }
    if (c.allowNone && complete) visit(depth + 1, closed, cost);
  };
  visit(0, 0, 0);
  return { best, nodes, complete };
}
