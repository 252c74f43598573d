import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../db/client.js';
import { incomes, measures, members, households } from '../../db/schema.js';
import { projectIncome, type PayingMeasure, type RecordedIncome } from '../../domain/projection.js';
import { testDatabase } from '../../test/database.js';
import { makeCity, newIdNumber } from '../../test/factories.js';
import { seedDemoStandards } from '../standards/service.js';
import { projectionSql, type ProjectionRow } from './projection-sql.js';

/**
 * The SQL twin of domain/projection.ts: random households, records, members and measures go into the database, and
 * every household's projection from SQL must equal the pure function's, to the fen.
 */
let db: Awaited<ReturnType<typeof testDatabase>>;
let city: Awaited<ReturnType<typeof makeCity>>;

beforeAll(async () => {
  db = await testDatabase();
  city = await makeCity(db.db);
  await seedDemoStandards(db.db, city.city);
});
afterAll(() => db?.dispose());

const DAY = 86_400_000;
const dayIn = (from: string, to: string) =>
  fc.integer({ min: Date.parse(from) / DAY, max: Date.parse(to) / DAY }).map((d) => new Date(d * DAY).toISOString().slice(0, 10));
const plus = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString().slice(0, 10);
const money = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((f) => f / 100);

const arbRecord = fc
  .record({ start: dayIn('2018-01-01', '2020-12-31'), len: fc.integer({ min: 0, max: 420 }), wage: money(40_000), business: money(20_000), property: money(3_000), transfer: money(15_000), productionCost: money(25_000) })
  .map(({ start, len, ...c }) => ({ periodStart: start, periodEnd: plus(start, len), ...c }));
const arbMeasure = fc
  .record({ startOn: dayIn('2017-06-01', '2021-06-30'), len: fc.option(fc.integer({ min: 0, max: 700 }), { nil: null }), yearlyValue: fc.option(money(12_000), { nil: null }) })
  .map(({ startOn, len, yearlyValue }) => ({ startOn, endOn: len === null ? null : plus(startOn, len), yearlyValue }));
const arbMember = fc.record({ joinedOn: dayIn('2010-01-01', '2021-01-01'), stay: fc.option(fc.integer({ min: 1, max: 3_000 }), { nil: null }) });
const arbHousehold = fc.record({
  records: fc.array(arbRecord, { minLength: 1, maxLength: 3 }),
  measures: fc.array(arbMeasure, { maxLength: 4 }),
  members: fc.array(arbMember, { maxLength: 6 }),
});

type HouseholdCase = typeof arbHousehold extends fc.Arbitrary<infer T> ? T : never;

async function insert(cases: HouseholdCase[]) {
  const ids: number[] = [];
  for (const c of cases) {
    const [h] = await db.db
      .insert(households)
      .values({ householdNo: `R${Math.random().toString(36).slice(2, 12)}`, areaId: city.guanV1.id, areaPath: city.guanV1.path, type: 'lifted' })
      .returning({ id: households.id });
    ids.push(h!.id);
    // Distinct periods: the registry keeps one record per household and period.
    const records = c.records.filter((r, i) => c.records.findIndex((x) => x.periodStart === r.periodStart && x.periodEnd === r.periodEnd) === i);
    await db.db.insert(incomes).values(
      records.map((r) => ({
        householdId: h!.id,
        areaPath: city.guanV1.path,
        periodStart: r.periodStart,
        periodEnd: r.periodEnd,
        wage: String(r.wage),
        business: String(r.business),
        property: String(r.property),
        transfer: String(r.transfer),
        productionCost: String(r.productionCost),
      })),
    );
    if (c.members.length) {
      await db.db.insert(members).values(
        c.members.map((m, i) => ({
          householdId: h!.id,
          areaPath: city.guanV1.path,
          name: `成员${i}`,
          idNumber: newIdNumber(),
          sex: 'male',
          birthDate: '1970-05-01',
          relation: i === 0 ? 'head' : 'son',
          joinedOn: m.joinedOn,
          endedOn: m.stay === null ? null : plus(m.joinedOn, m.stay),
        })),
      );
    }
    if (c.measures.length) {
      await db.db.insert(measures).values(
        c.measures.map((m) => ({
          householdId: h!.id,
          areaPath: city.guanV1.path,
          kind: 'welfare_post',
          startOn: m.startOn,
          endOn: m.endOn,
          yearlyValue: m.yearlyValue === null ? null : String(m.yearlyValue),
        })),
      );
    }
  }
  return ids;
}

function expected(c: HouseholdCase, on: string) {
  const usable = c.records.filter((r) => r.periodEnd <= on).sort((a, b) => b.periodEnd.localeCompare(a.periodEnd) || b.periodStart.localeCompare(a.periodStart));
  const record = usable[0] as RecordedIncome | undefined;
  if (!record) return null;
  const size = c.members.filter((m) => m.joinedOn <= on && (m.stay === null || plus(m.joinedOn, m.stay) > on)).length;
  return projectIncome({ record, measures: c.measures as PayingMeasure[], size, on });
}

describe('the projection in SQL', () => {
  it('equals the pure projection on random households, records, members and measures', async () => {
    const cases = fc.sample(arbHousehold, { numRuns: 120, seed: 2020 });
    const ids = await insert(cases);
    for (const on of ['2019-06-30', '2020-06-30', '2020-11-15', '2021-12-31']) {
      const rows = await query<ProjectionRow>(db.db, projectionSql({ scopePath: city.guanV1.path, on, householdIds: ids }));
      const byId = new Map(rows.map((r) => [r.household_id, r]));
      let compared = 0;
      cases.forEach((c, i) => {
        const want = expected(c, on);
        const got = byId.get(ids[i]!);
        if (!want) return expect(got, `household ${i} on ${on}`).toBeUndefined();
        compared++;
        expect(
          {
            annualised: Number(got!.annualised),
            scheduled: Number(got!.scheduled),
            projected: Number(got!.projected_net),
            perCapita: got!.per_capita === null ? null : Number(got!.per_capita),
            months: Number(got!.months),
            standard: got!.standard === null ? null : Number(got!.standard),
          },
          `household ${i} on ${on}`,
        ).toEqual({
          annualised: want.annualisedNet,
          scheduled: want.scheduled,
          projected: want.projectedNet,
          perCapita: want.perCapita,
          months: Math.round(want.months * 100) / 100,
          // The demo standards start on 2020-01-01.
          standard: on >= '2020-01-01' ? 4_500 : null,
        });
      });
      expect(compared).toBeGreaterThan(20);
    }
  });
});
