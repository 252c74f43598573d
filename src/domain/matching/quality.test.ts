/**
 * Measured quality of the matcher on seeded truth: 5,000 registry persons (plus decoys), one damaged department
 * record each, and records of people absent from the registry. Candidate pairs come from blockingKeys, as the
 * database search does. The figures are printed once for README.md.
 */
import { describe, expect, it } from 'vitest';
import { bestCandidates, blockingKeys, classify } from './candidates.js';
import { generateTruth, type DamageLabel, type LabelledRecord, type TruePerson } from './truth.js';

const TODAY = { today: new Date('2026-06-01T00:00:00Z') };

function indexByKey(registry: readonly TruePerson[]): Map<string, TruePerson[]> {
  const index = new Map<string, TruePerson[]>();
  for (const p of registry) {
    for (const k of blockingKeys(p, TODAY)) {
      const list = index.get(k);
      if (list) list.push(p);
      else index.set(k, [p]);
    }
  }
  return index;
}

interface Outcome {
  readonly record: LabelledRecord;
  readonly decision: 'auto' | 'review' | 'unmatched';
  readonly topIsTruth: boolean;
  readonly truthListed: boolean;
}

function run(seed: number, persons: number): Outcome[] {
  const truth = generateTruth(seed, { persons });
  const index = indexByKey(truth.registry);
  return truth.records.map((record) => {
    const pool = new Set<TruePerson>();
    for (const k of blockingKeys(record, TODAY)) for (const p of index.get(k) ?? []) pool.add(p);
    const ranked = bestCandidates(record, [...pool], TODAY);
    return {
      record,
      decision: classify(ranked),
      topIsTruth: ranked[0] !== undefined && ranked[0].person.key === record.truth,
      truthListed: ranked.some((c) => c.person.key === record.truth),
    };
  });
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const pct = (x: number) => `${(100 * x).toFixed(2)}%`;

describe('matching quality on seeded truth', () => {
  it('auto is precise and auto+review finds nearly every registry person', () => {
    const outcomes = run(20_260_601, 5_000);
    const inRegistry = outcomes.filter((o) => o.record.truth !== null);
    const auto = outcomes.filter((o) => o.decision === 'auto');
    const reviewed = outcomes.filter((o) => o.decision === 'review');
    const autoRight = auto.filter((o) => o.topIsTruth).length;
    // A reviewer sees the three candidates: a review is right when the true person is among them.
    const reviewRight = reviewed.filter((o) => o.truthListed).length;

    const precisionAuto = ratio(autoRight, auto.length);
    const recallAuto = ratio(autoRight, inRegistry.length);
    const precisionBoth = ratio(autoRight + reviewRight, auto.length + reviewed.length);
    const recallBoth = ratio(autoRight + reviewRight, inRegistry.length);

    const byDamage = new Map<DamageLabel, { n: number; auto: number; found: number }>();
    for (const o of inRegistry) {
      for (const d of o.record.damage) {
        const row = byDamage.get(d) ?? { n: 0, auto: 0, found: 0 };
        row.n++;
        if (o.decision === 'auto' && o.topIsTruth) row.auto++;
        if ((o.decision === 'auto' && o.topIsTruth) || (o.decision === 'review' && o.truthListed)) row.found++;
        byDamage.set(d, row);
      }
    }
    const lines = [
      `matching quality: ${outcomes.length} records (${inRegistry.length} in registry), ` +
        `auto ${auto.length}, review ${reviewed.length}, unmatched ${outcomes.length - auto.length - reviewed.length}`,
      `  precision(auto) ${pct(precisionAuto)}  recall(auto) ${pct(recallAuto)}`,
      `  precision(auto+review) ${pct(precisionBoth)}  recall(auto+review) ${pct(recallBoth)}`,
      ...[...byDamage].map(
        ([d, r]) => `  ${d.padEnd(14)} n=${r.n}  auto ${pct(r.auto / r.n)}  auto+review ${pct(r.found / r.n)}`,
      ),
    ];
    console.log(lines.join('\n'));

    expect(precisionAuto).toBeGreaterThanOrEqual(0.99);
    expect(recallBoth).toBeGreaterThanOrEqual(0.97);
  });
});
