import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessHousehold,
  assessedIncome,
  completedYears,
  coversFullYear,
  factText,
  schoolReferenceDate,
  statusOf,
  type AssessedHousehold,
  type AssessedMember,
  type AssessmentStandards,
  type IndicatorStatus,
} from './assessment.js';

const STANDARDS: AssessmentStandards = {
  income_exit_standard: 4500,
  school_age_min: 6,
  school_age_max: 15,
  school_reference_month: 9,
  school_reference_day: 1,
  water_quantity_lpd: 35,
  water_quantity_lpd_scarce: 20,
  water_fetch_minutes_max: 20,
  water_guarantee_rate_min: 90,
};
const ON = '2020-09-01';

let nextId = 1;
function member(extra: Partial<AssessedMember> = {}): AssessedMember {
  return {
    id: nextId++,
    name: '张三',
    birthDate: '1970-05-01',
    joinedOn: '2015-03-01',
    endedOn: null,
    schoolStatus: 'not_in_school',
    notInSchoolReason: null,
    health: 'healthy',
    medicalInsurance: 'resident',
    criticalIllnessInsured: true,
    familyDoctor: false,
    ...extra,
  };
}

/** A household that meets every indicator on ON under STANDARDS. */
function household(extra: Partial<AssessedHousehold> = {}): AssessedHousehold {
  return {
    foodSecure: true,
    clothingSecure: true,
    housingGrade: 'A',
    housingExemption: null,
    waterQuantityLpd: 60,
    waterPipedToYard: true,
    waterFetchMinutes: null,
    waterGuaranteeRate: 98,
    waterQualityOk: true,
    waterScarce: false,
    members: [member()],
    incomes: [{ periodStart: '2019-01-01', periodEnd: '2019-12-31', wage: 9000, business: 0, property: 0, transfer: 0, productionCost: 0 }],
    ...extra,
  };
}

const isoDay = fc.integer({ min: Date.UTC(1990, 0, 1) / 864e5, max: Date.UTC(2035, 11, 31) / 864e5 }).map((d) => new Date(d * 864e5).toISOString().slice(0, 10));
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 864e5).toISOString().slice(0, 10);

describe('dates', () => {
  it('counts school age on the latest reference day on or before the assessment date', () => {
    expect(schoolReferenceDate('2020-09-01', 9, 1)).toBe('2020-09-01');
    expect(schoolReferenceDate('2020-08-31', 9, 1)).toBe('2019-09-01');
    expect(schoolReferenceDate('2021-03-15', 9, 1)).toBe('2020-09-01');
    // A day past the month's end is its last day, leap years included.
    expect(schoolReferenceDate('2020-12-31', 2, 30)).toBe('2020-02-29');
    expect(schoolReferenceDate('2021-12-31', 2, 30)).toBe('2021-02-28');
    expect(schoolReferenceDate('2021-06-30', 6, 31)).toBe('2021-06-30');
  });

  it('puts the reference day within the year before the assessment date', () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (on, month, day) => {
        const ref = schoolReferenceDate(on, month, day);
        expect(ref <= on).toBe(true);
        expect(ref > addDays(on, -366)).toBe(true);
        expect(Number(ref.slice(5, 7))).toBe(month);
        expect(Number(ref.slice(8, 10))).toBeLessThanOrEqual(day);
      }),
    );
  });

  it('counts completed years: the birthday itself counts, 29 February on 1 March', () => {
    expect(completedYears('2014-08-31', '2020-09-01')).toBe(6);
    expect(completedYears('2014-09-01', '2020-09-01')).toBe(6);
    expect(completedYears('2014-09-02', '2020-09-01')).toBe(5);
    expect(completedYears('2016-02-29', '2021-02-28')).toBe(4);
    expect(completedYears('2016-02-29', '2021-03-01')).toBe(5);
  });

  it('grows by one a year and never jumps', () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: 0, max: 20_000 }), (birth, days) => {
        const on = addDays(birth, days);
        const y = completedYears(birth, on);
        expect(y).toBeGreaterThanOrEqual(0);
        expect(completedYears(birth, addDays(on, 1)) - y).toBeLessThanOrEqual(1);
        expect(y).toBeLessThanOrEqual(days / 365);
      }),
    );
  });

  it('takes a period of a year or more as a full year, a day less not', () => {
    expect(coversFullYear('2019-01-01', '2019-12-31')).toBe(true);
    expect(coversFullYear('2019-10-01', '2020-06-30')).toBe(false);
    expect(coversFullYear('2019-01-02', '2019-12-31')).toBe(false);
    expect(coversFullYear('2020-02-29', '2021-02-27')).toBe(true);
    fc.assert(
      fc.property(isoDay, (start) => {
        fc.pre(start.slice(5) !== '02-29');
        const [y, m, d] = start.split('-').map(Number) as [number, number, number];
        const end = addDays(new Date(Date.UTC(y + 1, m - 1, d)).toISOString().slice(0, 10), -1);
        expect(coversFullYear(start, end)).toBe(true);
        expect(coversFullYear(start, addDays(end, -1))).toBe(false);
      }),
    );
  });

  it('uses the latest full-year income record ending by the reference date', () => {
    const incomes = [
      { periodStart: '2018-01-01', periodEnd: '2018-12-31' },
      { periodStart: '2019-01-01', periodEnd: '2019-12-31' },
      { periodStart: '2019-10-01', periodEnd: '2020-06-30' },
      { periodStart: '2020-01-01', periodEnd: '2020-12-31' },
    ];
    expect(assessedIncome(incomes, '2020-09-01')?.periodEnd).toBe('2019-12-31');
    expect(assessedIncome(incomes, '2020-12-31')?.periodEnd).toBe('2020-12-31');
    expect(assessedIncome(incomes, '2018-12-30')).toBeUndefined();
  });
});

describe('the indicators', () => {
  it('are all met for a household with complete, good data', () => {
    const r = assessHousehold(household(), STANDARDS, ON);
    expect(Object.values(r).map((i) => i.status)).toEqual(['met', 'met', 'met', 'met', 'met', 'met']);
  });

  it('education: a child turning 6 on 31 August is of school age on 1 September, one turning 6 on 2 September not', () => {
    const early = member({ name: '早生', birthDate: '2014-08-31', schoolStatus: 'not_in_school', notInSchoolReason: null });
    const late = member({ name: '晚生', birthDate: '2014-09-02', schoolStatus: 'not_in_school' });
    const r = assessHousehold(household({ members: [member(), early, late] }), STANDARDS, ON);
    expect(r.education.status).toBe('not_met');
    expect(r.education.facts).toEqual([
      { status: 'not_met', memberId: early.id, memberName: '早生', field: 'notInSchoolReason', value: null, threshold: null, age: 6 },
    ]);
    // The day before the reference day, the previous year's counts: the early child was 5 on 2019-09-01.
    expect(assessHousehold(household({ members: [member(), early] }), STANDARDS, '2020-08-31').education.status).toBe('met');
  });

  it('education: accepted reasons excuse a child, a dropout does not, a missing status is unknown', () => {
    const child = (extra: Partial<AssessedMember>) => assessHousehold(household({ members: [member(), member({ birthDate: '2011-05-01', ...extra })] }), STANDARDS, ON).education.status;
    expect(child({ schoolStatus: 'primary' })).toBe('met');
    for (const reason of ['home_teaching', 'unable_to_learn', 'illness']) expect(child({ schoolStatus: 'not_in_school', notInSchoolReason: reason })).toBe('met');
    expect(child({ schoolStatus: 'not_in_school', notInSchoolReason: 'dropout' })).toBe('not_met');
    expect(child({ schoolStatus: 'not_in_school', notInSchoolReason: 'other' })).toBe('not_met');
    expect(child({ schoolStatus: null })).toBe('unknown');
    // 16 on the reference day: past compulsory school age.
    expect(assessHousehold(household({ members: [member({ birthDate: '2004-08-31', schoolStatus: 'not_in_school' })] }), STANDARDS, ON).education.status).toBe('met');
  });

  it('medical: uninsured or no critical-illness cover is not met; missing answers are unknown', () => {
    const one = (extra: Partial<AssessedMember>) => assessHousehold(household({ members: [member(extra)] }), STANDARDS, ON).medical;
    expect(one({ medicalInsurance: 'employee' }).status).toBe('met');
    expect(one({ medicalInsurance: 'none' }).status).toBe('not_met');
    expect(one({ medicalInsurance: null }).status).toBe('unknown');
    expect(one({ criticalIllnessInsured: false }).status).toBe('not_met');
    expect(one({ criticalIllnessInsured: null }).status).toBe('unknown');
    expect(one({ medicalInsurance: null, criticalIllnessInsured: false }).status).toBe('not_met');
  });

  it('medical: a family doctor is required for chronic, serious and disabled members only', () => {
    const one = (extra: Partial<AssessedMember>) => assessHousehold(household({ members: [member(extra)] }), STANDARDS, ON).medical;
    expect(one({ health: 'healthy', familyDoctor: false }).status).toBe('met');
    for (const health of ['chronic', 'serious', 'disabled']) {
      expect(one({ health, familyDoctor: true }).status).toBe('met');
      expect(one({ health, familyDoctor: false }).facts).toEqual([
        { status: 'not_met', memberId: expect.any(Number), memberName: '张三', field: 'familyDoctor', value: false, threshold: null, health },
      ]);
      expect(one({ health, familyDoctor: null }).status).toBe('unknown');
    }
    expect(one({ health: null, familyDoctor: false }).status).toBe('unknown');
    expect(one({ health: null, familyDoctor: true }).status).toBe('met');
  });

  it('only members present on the reference date count; nobody present is unknown', () => {
    const gone = member({ medicalInsurance: 'none', endedOn: '2020-06-01' });
    const later = member({ medicalInsurance: 'none', joinedOn: '2020-10-01' });
    expect(assessHousehold(household({ members: [member(), gone, later] }), STANDARDS, ON).medical.status).toBe('met');
    expect(assessHousehold(household({ members: [member(), gone] }), STANDARDS, '2020-05-31').medical.status).toBe('not_met');
    const empty = assessHousehold(household({ members: [gone] }), STANDARDS, ON);
    expect([empty.medical.status, empty.education.status]).toEqual(['unknown', 'unknown']);
    expect(empty.medical.facts[0]).toMatchObject({ field: 'members', value: 0 });
  });

  it('housing: A/B safe, C/D with an exemption safe, C/D without not met, nothing known unknown', () => {
    const grade = (housingGrade: string | null, housingExemption: string | null = null) => assessHousehold(household({ housingGrade, housingExemption }), STANDARDS, ON).housing.status;
    expect(grade('A')).toBe('met');
    expect(grade('B')).toBe('met');
    expect(grade('C', 'long_term_rental')).toBe('met');
    expect(grade('D', 'relocation_received')).toBe('met');
    expect(grade('C')).toBe('not_met');
    expect(grade('D')).toBe('not_met');
    expect(grade(null)).toBe('unknown');
    expect(grade(null, 'collective_care')).toBe('met');
  });

  it('water: the scarce threshold in scarce areas; convenience is piped OR near; any false fails before any unknown', () => {
    const w = (extra: Partial<AssessedHousehold>) => assessHousehold(household(extra), STANDARDS, ON).water;
    expect(w({ waterQuantityLpd: 34.9 }).status).toBe('not_met');
    expect(w({ waterQuantityLpd: 35 }).status).toBe('met');
    expect(w({ waterQuantityLpd: 22, waterScarce: true }).status).toBe('met');
    expect(w({ waterQuantityLpd: 19, waterScarce: true }).facts[0]).toMatchObject({ field: 'waterQuantityLpd', value: 19, threshold: 20, scarce: true });
    expect(w({ waterPipedToYard: false, waterFetchMinutes: 20 }).status).toBe('met');
    expect(w({ waterPipedToYard: false, waterFetchMinutes: 25 }).status).toBe('not_met');
    expect(w({ waterPipedToYard: null, waterFetchMinutes: 10 }).status).toBe('met');
    expect(w({ waterPipedToYard: null, waterFetchMinutes: 25 }).status).toBe('unknown');
    expect(w({ waterPipedToYard: false, waterFetchMinutes: null }).status).toBe('unknown');
    expect(w({ waterGuaranteeRate: 89.5 }).status).toBe('not_met');
    expect(w({ waterQualityOk: false }).status).toBe('not_met');
    expect(w({ waterQualityOk: null }).status).toBe('unknown');
    expect(w({ waterQualityOk: null, waterGuaranteeRate: 50 }).status).toBe('not_met');
  });

  it('food and clothing: both must be answered yes', () => {
    expect(assessHousehold(household({ foodSecure: false }), STANDARDS, ON).food_clothing.status).toBe('not_met');
    expect(assessHousehold(household({ clothingSecure: null }), STANDARDS, ON).food_clothing.status).toBe('unknown');
  });

  it('income: per-capita net income of the latest full year against the standard; no record is unknown', () => {
    const two = [member(), member()];
    const inc = (wage: number) => [{ periodStart: '2019-01-01', periodEnd: '2019-12-31', wage, business: 0, property: 0, transfer: 0, productionCost: 0 }];
    expect(assessHousehold(household({ members: two, incomes: inc(9000) }), STANDARDS, ON).income.status).toBe('met');
    const low = assessHousehold(household({ members: two, incomes: inc(8998) }), STANDARDS, ON).income;
    expect(low.facts).toEqual([
      { status: 'not_met', memberId: null, memberName: null, field: 'perCapitaNetIncome', value: 4499, threshold: 4500, periodStart: '2019-01-01', periodEnd: '2019-12-31' },
    ]);
    expect(assessHousehold(household({ incomes: [] }), STANDARDS, ON).income.status).toBe('unknown');
    // Only a part-year record: unknown, not met and not met-by-default.
    const part = [{ periodStart: '2019-10-01', periodEnd: '2020-06-30', wage: 100, business: 0, property: 0, transfer: 0, productionCost: 0 }];
    expect(assessHousehold(household({ incomes: part }), STANDARDS, ON).income.facts[0]).toMatchObject({ field: 'incomeRecord', status: 'unknown' });
  });

  it('a standard that is not set makes its indicator unknown, never met', () => {
    const { income_exit_standard: _i, water_guarantee_rate_min: _w, school_age_max: _s, ...rest } = STANDARDS;
    const r = assessHousehold(household(), rest, ON);
    expect([r.income.status, r.water.status, r.education.status]).toEqual(['unknown', 'unknown', 'unknown']);
    expect(r.water.facts).toEqual([{ status: 'unknown', memberId: null, memberName: null, field: 'standard', value: 'water_guarantee_rate_min', threshold: null }]);
  });

  const NULLABLE_HOUSEHOLD = ['foodSecure', 'clothingSecure', 'housingGrade', 'waterQuantityLpd', 'waterFetchMinutes', 'waterGuaranteeRate', 'waterQualityOk'] as const;
  const NULLABLE_MEMBER = ['medicalInsurance', 'criticalIllnessInsured', 'schoolStatus'] as const;

  it('never turns missing data into "met": blanking any assessed field of a good household leaves some indicator not met', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NULLABLE_HOUSEHOLD, ...NULLABLE_MEMBER), (field) => {
        const child = member({ birthDate: '2012-01-01', schoolStatus: 'primary' });
        const base = household({ members: [member(), child], waterPipedToYard: false, waterFetchMinutes: 10 });
        const before = Object.values(assessHousehold(base, STANDARDS, ON)).map((i) => i.status);
        expect(before.every((s) => s === 'met')).toBe(true);
        const blanked: AssessedHousehold = (NULLABLE_HOUSEHOLD as readonly string[]).includes(field)
          ? { ...base, [field]: null }
          : { ...base, members: [member(), { ...child, [field]: null }] };
        const after = Object.values(assessHousehold(blanked, STANDARDS, ON)).map((i) => i.status);
        expect(after.filter((s) => s !== 'met')).toEqual(['unknown']);
      }),
    );
  });

  it('an indicator is not met when any fact is, else unknown when any is, else met', () => {
    const status = fc.constantFrom<IndicatorStatus>('not_met', 'unknown');
    fc.assert(
      fc.property(fc.array(status.map((s) => ({ status: s }))), (facts) => {
        const s = statusOf(facts);
        if (facts.length === 0) expect(s).toBe('met');
        else expect(s).toBe(facts.some((f) => f.status === 'not_met') ? 'not_met' : 'unknown');
      }),
    );
  });
});

describe('facts in words', () => {
  it('name the member, the fact and the threshold, in Chinese and English', () => {
    const child = assessHousehold(household({ members: [member({ name: '王小明', birthDate: '2011-05-01', schoolStatus: 'not_in_school', notInSchoolReason: 'dropout' })] }), STANDARDS, ON);
    expect(factText(child.education.facts[0]!)).toBe('王小明（9岁）：义务教育阶段非在校生，未在校原因为“辍学”');
    expect(factText(child.education.facts[0]!, 'en')).toBe('王小明 (9): of compulsory-school age and not in school, reason: Dropped out');
    const water = assessHousehold(household({ waterQuantityLpd: 18, waterScarce: true }), STANDARDS, ON).water.facts[0]!;
    expect(factText(water)).toBe('水量18升/人·日，低于20升（缺水地区）');
    const income = assessHousehold(household({ incomes: [{ periodStart: '2019-01-01', periodEnd: '2019-12-31', wage: 4200, business: 0, property: 0, transfer: 0, productionCost: 0 }] }), STANDARDS, ON).income.facts[0]!;
    expect(factText(income)).toBe('2019-01-01至2019-12-31人均纯收入4,200元，低于标准4,500元');
    expect(factText({ status: 'unknown', memberId: null, memberName: null, field: 'standard', value: 'water_quantity_lpd', threshold: null })).toBe('未设置标准“饮水水量标准”');
    expect(factText({ ...income, value: 3051.3 })).toBe('2019-01-01至2019-12-31人均纯收入3,051.30元，低于标准4,500元');
    expect(factText({ status: 'not_met', memberId: 3, memberName: '李四', field: 'medicalInsurance', value: 'none', threshold: null })).toBe('李四：基本医疗保险为“未参保”');
  });
});
