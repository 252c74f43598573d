/**
 * One synthetic household at a time: members, their attributes, the household's registry fields, two income
 * records and, for the chosen few, one planted data problem. Pure computation (no database): the caller assigns
 * ids and writes batches.
 *
 * Every household draws from its own random stream (seed, household index), so a household's data depends only on
 * the seed, its position and the planted problem it carries; it does not shift when another household changes.
 */
import type { HealthStatus, LabourAbility, PovertyAttribute, PovertyCause, Relation } from '../../domain/codes.js';
import { labelOf } from '../../domain/codes.js';
import { maskIdNumber } from '../../domain/id-number.js';
import { dayNumber, isoDate, yearOf } from './calendar.js';
import type { CityPlan, VillagePlan } from './city.js';
import { CHIPING_CHANGE } from './city.js';
import {
  HELPER_PHONE_PREFIXES,
  IdNumberAllocator,
  MEMBER_PHONE_PREFIXES,
  NEIGHBOUR_CODES,
  PhoneSpace,
  XINJIANG_CODES,
} from './identity.js';
import { LIAOCHENG_COUNTIES, LIAOCHENG_PREFECTURE_CODES } from '../../domain/area-codes.js';
import { employerName, givenName, helperUnit, HUI_SURNAMES, rareGivenName, SURNAMES, uyghurName, type EmploymentPlace } from './names.js';
import type { PlantedKindCode } from './planted.js';
import { mixSeed, Rng, weightedTable } from './random.js';

/** Ages, school status and compulsory-school age are counted on this day (DOMAIN §4: 1 September). */
export const REFERENCE_DATE = '2020-09-01';
/** The two income periods written for every household (DOMAIN §5). */
export const INCOME_PERIODS = {
  fullYear2019: { start: '2019-01-01', end: '2019-12-31' },
  preAssessment: { start: '2019-10-01', end: '2020-06-30' },
} as const;
/** The 2020 stable-exit income standard of the demo province, yuan per person per year (DOMAIN §4). */
export const INCOME_LINE = 4_500;
/** Share of ordinary households whose pre-assessment income projects below the line (real cases, not errors). */
export const PRE_ASSESSMENT_BELOW_SHARE = 0.022;

const END_2019 = dayNumber(INCOME_PERIODS.fullYear2019.end);
const END_PRE = dayNumber(INCOME_PERIODS.preAssessment.end);
const CHIPING_CHANGE_DAY = dayNumber(CHIPING_CHANGE.validTo);

export interface PlantSpec {
  readonly kind: PlantedKindCode;
  /** single: one household; first/second: the two households of a cross-household pair (in generation order). */
  readonly role: 'single' | 'first' | 'second';
  readonly pair: number;
}

export interface Person {
  id: number;
  name: string;
  sex: 'male' | 'female';
  birthDay: number;
  /** Completed years on REFERENCE_DATE. */
  age: number;
  relation: Relation;
  ethnicity: string;
  /** Address code the ID number was issued under. */
  issueCode: string;
  idNumber: string;
  education: string | null;
  schoolStatus: string;
  notInSchoolReason: string | null;
  health: HealthStatus;
  disabilityKind: string | null;
  disabilityGrade: string | null;
  disabilityCertNo: string | null;
  labour: LabourAbility;
  employmentPlace: 'none' | EmploymentPlace;
  employer: string | null;
  monthlyWage: number | null;
  workMonths: number;
  medicalInsurance: 'resident' | 'employee' | 'none';
  criticalIllnessInsured: boolean;
  pensionInsured: boolean;
  familyDoctor: boolean;
  dibao: boolean;
  tekun: boolean;
  welfarePost: boolean;
  hasPhone: boolean;
  phone: string | null;
  joinedDay: number;
  endedDay: number | null;
  endReason: string | null;
  /** Came into the household by marriage (spouse, daughter-in-law, mother). */
  marriedIn: boolean;
  /** The planted duplicate of a person from another household. */
  copyOf?: Person;
}

export interface IncomeRecord {
  start: string;
  end: string;
  /** All amounts in fen (1/100 yuan). */
  wage: number;
  business: number;
  property: number;
  transfer: number;
  productionCost: number;
  medicalSelfPay: number;
  note: string | null;
}

export interface PlantedRecord {
  kind: PlantedKindCode;
  household: GeneratedHousehold;
  member: Person | null;
  description: string;
}

export interface MemberEventRecord {
  member: Person;
  kind: 'birth' | 'death';
  day: number;
  note: string | null;
}

export interface GeneratedHousehold {
  id: number;
  index: number;
  householdNo: string;
  village: VillagePlan;
  type: 'lifted' | 'monitored';
  povertyAttribute: PovertyAttribute;
  mainCause: PovertyCause;
  secondaryCause: PovertyCause | null;
  contactPhone: string;
  liftedYear: number;
  helperName: string;
  helperUnit: string;
  helperPhone: string;
  housingArea: string;
  housingStructure: string;
  housingGrade: 'A' | 'B' | 'C' | 'D';
  housingAppraisedOn: string;
  housingExemption: string | null;
  waterSource: string;
  waterQuantityLpd: string;
  waterPipedToYard: boolean;
  waterFetchMinutes: string | null;
  waterGuaranteeRate: string;
  waterQualityOk: boolean;
  sanitaryToilet: boolean;
  hardenedRoad: boolean;
  landCultivated: string;
  landForest: string;
  registeredDay: number;
  members: Person[];
  incomes: IncomeRecord[];
  events: MemberEventRecord[];
  planted: PlantedRecord[];
}

// ───────────────────────────── household templates ─────────────────────────────

type Template =
  | 'single_elderly'
  | 'elderly_couple'
  | 'single_adult'
  | 'parent_child'
  | 'nuclear'
  | 'three_generation'
  | 'skipped_generation'
  | 'single_parent';

/** Weights chosen so the city has ≈ 2.8 people per household (DOMAIN: 70,801 households, ≈ 200,000 people). */
const TEMPLATES = weightedTable<Template>([
  ['single_elderly', 19],
  ['elderly_couple', 20],
  ['single_adult', 5],
  ['parent_child', 7],
  ['nuclear', 25],
  ['three_generation', 17],
  ['skipped_generation', 5],
  ['single_parent', 2],
]);

interface Skeleton {
  relation: Relation;
  sex: 'male' | 'female';
  age: number;
  surname: string;
  marriedIn: boolean;
  /** Extra chance of disability (adult children kept at home are often disabled). */
  disabledBoost: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const other = (s: 'male' | 'female') => (s === 'male' ? 'female' : 'male');

function skeletons(rng: Rng, hui: boolean): Skeleton[] {
  const surname = () => rng.weighted(hui ? HUI_SURNAMES : SURNAMES);
  const family = surname();
  const out: Skeleton[] = [];
  const add = (relation: Relation, sex: 'male' | 'female', age: number, sn: string, marriedIn = false, disabledBoost = 0) => {
    out.push({ relation, sex, age: clamp(Math.round(age), 0, 100), surname: sn, marriedIn, disabledBoost });
    return out[out.length - 1]!;
  };
  /** Children of a mother aged `motherAge` (mother's age at birth 20–38), at most `maxAge` old. */
  const children = (n: number, motherAge: number, maxAge: number, sn: string, relOf: (sex: 'male' | 'female') => Relation) => {
    const lo = Math.max(0, motherAge - 38);
    const hi = Math.min(maxAge, motherAge - 20);
    if (hi < lo) return;
    for (let i = 0; i < n; i++) {
      const sex = rng.bool(0.53) ? 'male' : 'female';
      add(relOf(sex), sex, rng.int(lo, hi), sn);
    }
  };
  const childRel = (sex: 'male' | 'female'): Relation => (sex === 'male' ? 'son' : 'daughter');

  switch (rng.weighted(TEMPLATES)) {
    case 'single_elderly': {
      const sex = rng.bool(0.58) ? 'female' : 'male';
      add('head', sex, rng.normalIn(76, 8, 60, 98), sex === 'female' ? surname() : family);
      break;
    }
    case 'elderly_couple': {
      const headSex = rng.bool(0.92) ? 'male' : 'female';
      const headAge = Math.round(rng.normalIn(72, 7, 60, 94));
      add('head', headSex, headAge, family);
      add('spouse', other(headSex), clamp(headAge + (headSex === 'male' ? -1 : 1) * rng.int(-2, 6), 56, 97), surname(), true);
      break;
    }
    case 'single_adult': {
      add('head', rng.bool(0.65) ? 'male' : 'female', rng.int(30, 59), family, false, 0.3);
      break;
    }
    case 'parent_child': {
      const headSex = rng.bool(0.55) ? 'female' : 'male';
      const headAge = Math.round(rng.normalIn(74, 8, 58, 95));
      add('head', headSex, headAge, headSex === 'male' ? family : surname());
      const sex = rng.bool(0.7) ? 'male' : 'female';
      add(childRel(sex), sex, clamp(headAge - rng.int(22, 38), 18, 70), family, false, 0.35);
      break;
    }
    case 'nuclear': {
      const headSex = rng.bool(0.9) ? 'male' : 'female';
      const headAge = rng.int(26, 55);
      const spouseAge = clamp(headAge + (headSex === 'male' ? -1 : 1) * rng.int(-2, 5), 20, 60);
      add('head', headSex, headAge, headSex === 'male' ? family : surname());
      add('spouse', other(headSex), spouseAge, headSex === 'male' ? surname() : family, true);
      const motherAge = headSex === 'female' ? headAge : spouseAge;
      children(rng.choose([[1, 40], [2, 45], [3, 15]]), motherAge, 24, family, childRel);
      break;
    }
    case 'three_generation': {
      if (rng.bool(0.5)) {
        // Grandparents head the household: head, spouse, son, daughter-in-law, grandchildren.
        const headSex = rng.bool(0.9) ? 'male' : 'female';
        const headAge = rng.int(52, 78);
        const line = family;
        add('head', headSex, headAge, headSex === 'male' ? family : surname());
        if (rng.bool(0.85)) add('spouse', other(headSex), clamp(headAge + (headSex === 'male' ? -1 : 1) * rng.int(-2, 5), 45, 95), headSex === 'male' ? surname() : family, true);
        const sonAge = clamp(headAge - rng.int(22, 32), 20, 56);
        add('son', 'male', sonAge, line);
        const dilAge = clamp(sonAge + rng.int(-4, 2), 19, 56);
        add('daughter_in_law', 'female', dilAge, surname(), true);
        children(rng.choose([[1, 45], [2, 45], [3, 10]]), dilAge, 20, line, () => 'grandchild');
      } else {
        // The son heads the household; his parents live with him.
        const headAge = rng.int(28, 50);
        add('head', 'male', headAge, family);
        const wifeAge = clamp(headAge - rng.int(-2, 5), 20, 55);
        add('spouse', 'female', wifeAge, surname(), true);
        children(rng.choose([[1, 50], [2, 50]]), wifeAge, 22, family, childRel);
        const hasFather = rng.bool(0.7);
        const fatherAge = clamp(headAge + rng.int(22, 34), 50, 96);
        if (hasFather) add('parent', 'male', fatherAge, family);
        if (!hasFather || rng.bool(0.8)) add('parent', 'female', clamp(fatherAge - rng.int(-2, 5), 48, 96), surname(), true);
      }
      break;
    }
    case 'skipped_generation': {
      // Grandparents with grandchildren whose parents work and are registered elsewhere (留守儿童).
      const headSex = rng.bool(0.75) ? 'male' : 'female';
      const headAge = rng.int(55, 78);
      const line = family;
      add('head', headSex, headAge, headSex === 'male' ? family : surname());
      if (rng.bool(0.7)) add('spouse', other(headSex), clamp(headAge + (headSex === 'male' ? -1 : 1) * rng.int(-2, 5), 50, 95), headSex === 'male' ? surname() : family, true);
      const n = rng.choose([[1, 55], [2, 45]]);
      for (let i = 0; i < n; i++) {
        add('grandchild', rng.bool(0.53) ? 'male' : 'female', rng.int(3, 16), line);
      }
      break;
    }
    case 'single_parent': {
      const headSex = rng.bool(0.6) ? 'female' : 'male';
      const headAge = rng.int(28, 50);
      const head = add('head', headSex, headAge, headSex === 'male' ? family : surname());
      const kidsSurname = headSex === 'male' || rng.bool(0.3) ? head.surname : family;
      const lo = Math.max(0, headAge - 36);
      const hi = Math.min(20, headAge - 20);
      const n = rng.choose([[1, 60], [2, 40]]);
      for (let i = 0; i < n; i++) {
        const sex = rng.bool(0.53) ? 'male' : 'female';
        add(childRel(sex), sex, rng.int(lo, hi), kidsSurname);
      }
      break;
    }
  }
  return out;
}

// ───────────────────────────── member attributes ─────────────────────────────

const DISABILITY_KINDS = weightedTable<[string, string]>([
  [['visual', '1'], 12],
  [['hearing', '2'], 10],
  [['speech', '3'], 3],
  [['physical', '4'], 45],
  [['intellectual', '5'], 10],
  [['mental', '6'], 10],
  [['multiple', '7'], 10],
]);
const DISABILITY_GRADES = weightedTable<string>([
  ['1', 15],
  ['2', 25],
  ['3', 30],
  ['4', 30],
]);

function birthDayForAge(rng: Rng, age: number): number {
  // Born between 2 September (2019 − age) and 1 September (2020 − age): exactly `age` on REFERENCE_DATE.
  const start = dayNumber(`${2019 - age}-09-02`);
  return rng.int(start, start + (dayNumber(`${2020 - age}-09-01`) - start));
}

function healthFor(rng: Rng, age: number, boost: number): HealthStatus {
  const [disabled, serious, chronic] = age < 16 ? [0.025, 0.01, 0.02] : age < 60 ? [0.07, 0.05, 0.14] : [0.085, 0.08, 0.45];
  const x = rng.next();
  if (x < disabled + boost) return 'disabled';
  if (x < disabled + boost + serious) return 'serious';
  if (x < disabled + boost + serious + chronic) return 'chronic';
  return 'healthy';
}

/** School status and education for an age on 1 September 2020 (the normal data is always age-consistent). */
function schooling(rng: Rng, p: Person): void {
  const { age } = p;
  const set = (status: string, education: string | null, reason: string | null = null) => {
    p.schoolStatus = status;
    p.education = education;
    p.notInSchoolReason = reason;
  };
  const seniorEducation = () => (rng.bool(0.35) ? 'vocational' : 'senior');
  if (age <= 2) return set('not_in_school', 'preschool');
  if (age <= 5) return set(rng.bool(0.88) ? 'preschool' : 'not_in_school', 'preschool');
  if (age <= 15) {
    // Compulsory school age: everybody is in school, except disabled children the committee judged unable to
    // learn or taught at home (送教上门) — accepted reasons, not dropouts.
    if (p.health === 'disabled' && rng.bool(0.25)) {
      return rng.bool(0.6) ? set('not_in_school', 'primary', 'home_teaching') : set('not_in_school', 'illiterate', 'unable_to_learn');
    }
    if (age <= 11) return set('primary', 'primary');
    if (age <= 14) return set('junior', 'junior');
    return rng.bool(0.4) ? set('junior', 'junior') : set('senior_1', seniorEducation());
  }
  if (age === 16 && rng.bool(0.78)) return set(rng.bool(0.4) ? 'senior_1' : 'senior_2', seniorEducation());
  if (age === 17 && rng.bool(0.68)) return set(rng.bool(0.4) ? 'senior_2' : 'senior_3', seniorEducation());
  if (age === 18) {
    const x = rng.next();
    if (x < 0.35) return set('senior_3', seniorEducation());
    if (x < 0.47) return set('higher_vocational', 'college');
    if (x < 0.6) return set('college', 'college');
  }
  if (age >= 19 && age <= 22) {
    const x = rng.next();
    if (x < 0.12) return set('higher_vocational', 'college');
    if (x < 0.34) return set('college', 'college');
  }
  const born = 2020 - age;
  const edu =
    age <= 22
      ? rng.choose([['primary', 5], ['junior', 55], ['senior', 20], ['vocational', 20]])
      : born < 1950
        ? rng.choose([['illiterate', 50], ['primary', 40], ['junior', 10]])
        : born < 1965
          ? rng.choose([['illiterate', 20], ['primary', 45], ['junior', 30], ['senior', 5]])
          : born < 1980
            ? rng.choose([['illiterate', 5], ['primary', 30], ['junior', 50], ['senior', 10], ['vocational', 5]])
            : born < 1995
              ? rng.choose([['primary', 10], ['junior', 55], ['senior', 15], ['vocational', 12], ['college', 8]])
              : rng.choose([['junior', 40], ['senior', 20], ['vocational', 20], ['college', 20]]);
  set('not_in_school', p.disabilityKind === 'intellectual' ? rng.pick(['illiterate', 'primary']) : edu);
}

const inSchool = (p: Person) => p.schoolStatus !== 'not_in_school' && p.schoolStatus !== 'preschool';

/**
 * Labour ability from age, health and schooling. The normal data never has ordinary or skilled labour under 16
 * or from 65, and nobody employed outside 16–64.
 */
function labourFor(rng: Rng, p: Person): LabourAbility {
  const { age, health } = p;
  if (age < 16 || inSchool(p)) return 'none';
  const severe = health === 'disabled' && (p.disabilityGrade === '1' || p.disabilityGrade === '2');
  if (age < 65) {
    if (health === 'disabled') return severe ? rng.choose([['lost', 75], ['none', 25]]) : rng.choose([['weak', 60], ['ordinary', 30], ['lost', 10]]);
    if (health === 'serious') return rng.choose([['weak', 30], ['lost', 70]]);
    if (health === 'chronic') return rng.choose([['ordinary', 30], ['weak', 58], ['lost', 12]]);
    return age < 60
      ? rng.choose([['ordinary', 78], ['skilled', 14], ['weak', 8]])
      : rng.choose([['ordinary', 45], ['skilled', 5], ['weak', 45], ['lost', 5]]);
  }
  if (age < 80) {
    if (health === 'healthy') return rng.choose([['weak', 80], ['lost', 15], ['none', 5]]);
    if (health === 'chronic') return rng.choose([['weak', 45], ['lost', 50], ['none', 5]]);
    return rng.choose([['lost', 85], ['none', 15]]);
  }
  if (health === 'healthy' || health === 'chronic') return rng.choose([['weak', 25], ['lost', 45], ['none', 30]]);
  return rng.choose([['lost', 70], ['none', 30]]);
}

const WAGE_RANGE: Record<EmploymentPlace, readonly [number, number]> = {
  township: [1_500, 3_000],
  county: [2_000, 4_200],
  province: [2_800, 5_500],
  out_of_province: [3_500, 7_000],
};

interface Where {
  county: string;
  township: string;
  village: string;
}

function employment(rng: Rng, p: Person, where: Where): void {
  const working = p.age >= 16 && p.age < 65 && !inSchool(p);
  const able = p.labour === 'ordinary' || p.labour === 'skilled';
  if (working && able && rng.bool(0.37)) {
    const place = rng.choose<EmploymentPlace>([['township', 25], ['county', 30], ['province', 25], ['out_of_province', 20]]);
    const [lo, hi] = WAGE_RANGE[place];
    p.employmentPlace = place;
    p.employer = employerName(rng, place, where);
    p.monthlyWage = Math.round(rng.real(lo, hi) * (p.labour === 'skilled' ? 1.25 : 1) / 10) * 10;
    p.workMonths = place === 'township' || place === 'county' ? rng.int(10, 12) : rng.int(9, 12);
    if (place !== 'township' && rng.bool(0.05)) p.medicalInsurance = 'employee';
  } else if (working && p.labour === 'weak' && rng.bool(0.08)) {
    const place = rng.bool(0.7) ? 'township' : 'county';
    p.employmentPlace = place;
    p.employer = employerName(rng, place, where);
    p.monthlyWage = Math.round(rng.real(900, 2_000) / 10) * 10;
    p.workMonths = rng.int(6, 12);
  } else if (working && p.age >= 40 && (p.labour === 'weak' || able) && rng.bool(0.053)) {
    // 公益岗位: village cleaning, road care, river patrol; a small monthly wage from the poverty funds.
    p.welfarePost = true;
    p.employmentPlace = 'township';
    p.employer = rng.pick(['村级公益岗位（保洁）', '村级公益岗位（护路）', '村级公益岗位（巡河）', '村级公益岗位（护林）', `${where.township}公益岗位`]);
    p.monthlyWage = Math.round(rng.real(400, 900) / 10) * 10;
    p.workMonths = 12;
  }
}

// ───────────────────────────── the generator ─────────────────────────────

const REGISTRATION_WINDOWS: readonly (readonly [number, string, string, number])[] = [
  [2014, '2014-04-01', '2014-10-31', 70],
  [2015, '2015-03-01', '2015-11-30', 20],
  [2016, '2016-03-01', '2016-11-30', 10],
];

const HOUSING_STRUCTURES = weightedTable<string>([
  ['brick_concrete', 58],
  ['brick_wood', 30],
  ['frame', 5],
  ['earth_wood', 4],
  ['other', 3],
]);

const WATER_SOURCES = weightedTable<string>([
  ['piped_large', 72],
  ['piped_small', 22],
  ['dispersed', 6],
]);

const fixed = (x: number, digits: number) => x.toFixed(digits);

/** 1234567 fen → "12345.67" */
export function yuan(fen: number): string {
  if (!Number.isInteger(fen) || fen < 0) throw new RangeError(`amount must be a non-negative whole number of fen, got ${fen}`);
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

const activeOn = (p: Person, day: number) => p.joinedDay <= day && (p.endedDay === null || p.endedDay > day);

interface Draft {
  members: Person[];
  hui: boolean;
}

interface Helper {
  name: string;
  unit: string;
  phone: string;
}

/** Households per helper cadre (帮扶责任人) before the next one takes over, within one village. */
const HOUSEHOLDS_PER_HELPER = 5;
/** Tries to draw a household that fits a planted problem before deferring the problem to a later household. */
const PLANT_TRIES = 80;

const COUNTY_PREFECTURE_CODE = new Map(
  LIAOCHENG_PREFECTURE_CODES.filter((c) => c.replacedBy).map((c) => [
    c.replacedBy === CHIPING_CHANGE.oldCode ? CHIPING_CHANGE.newCode : c.replacedBy!,
    c.code,
  ]),
);
const CURRENT_COUNTY_CODES = LIAOCHENG_COUNTIES.filter((c) => !c.until).map((c) => c.code);

export class HouseholdFactory {
  private villageIndex = 0;
  private seqInVillage = 0;
  private index = 0;
  private readonly ids: IdNumberAllocator;
  private readonly phones: PhoneSpace;
  private readonly helperPhones: PhoneSpace;
  private helper: Helper | undefined;
  private helperCount = 0;
  /** Planted problems that found no fitting household at their position yet. */
  private readonly pending: PlantSpec[] = [];
  /** The first half of each cross-household pair, waiting for the second. */
  private readonly pairs = new Map<number, { household: GeneratedHousehold; member: Person }>();

  constructor(
    private readonly seed: number,
    private readonly city: CityPlan,
    private readonly plants: ReadonlyMap<number, PlantSpec>,
    private readonly monitored: ReadonlySet<number>,
  ) {
    this.ids = new IdNumberAllocator(mixSeed(seed, 0x1d));
    this.phones = new PhoneSpace(MEMBER_PHONE_PREFIXES, mixSeed(seed, 0x9f) % 100_000_000);
    this.helperPhones = new PhoneSpace(HELPER_PHONE_PREFIXES, mixSeed(seed, 0xa0) % 100_000_000);
  }

  /** Planted problems still unplaced (only possible at the very end of a run). */
  get unplaced(): readonly PlantSpec[] {
    return this.pending;
  }

  next(): GeneratedHousehold {
    let village = this.city.villages[this.villageIndex];
    while (village && this.seqInVillage >= village.households) {
      this.villageIndex++;
      this.seqInVillage = 0;
      this.helper = undefined;
      village = this.city.villages[this.villageIndex];
    }
    if (!village) throw new RangeError('all households of the plan have been generated');
    const seq = ++this.seqInVillage;
    const index = this.index++;
    const rng = new Rng(mixSeed(this.seed, 0x40, index));
    const where: Where = { county: village.township.county.name, township: village.township.name, village: village.name };

    // Which planted problem (if any) this household carries: its own, or one deferred from earlier.
    let spec: PlantSpec | undefined;
    let draft: Draft | undefined;
    const own = this.plants.get(index);
    const candidates = own ? [own] : this.monitored.has(index) ? [] : this.pending.slice(0, 3);
    for (const candidate of candidates) {
      if (candidate.role === 'second' && !this.pairs.has(candidate.pair)) continue;
      for (let t = 0; t < PLANT_TRIES && !spec; t++) {
        const d = this.draft(rng, where);
        if (this.fits(candidate, d)) {
          spec = candidate;
          draft = d;
        }
      }
      if (spec) {
        const at = this.pending.indexOf(spec);
        if (at >= 0) this.pending.splice(at, 1);
        break;
      }
    }
    if (own && spec !== own) this.pending.push(own);
    draft ??= this.draft(rng, where);

    const members = draft.members;
    const reg = rng.choose(REGISTRATION_WINDOWS.map((w) => [w, w[3]] as const));
    const registeredDay = rng.int(dayNumber(reg[1]), dayNumber(reg[2]));
    const liftedYear = rng.choose(([[2016, 25], [2017, 30], [2018, 25], [2019, 15], [2020, 5]] as const).filter(([y]) => y > reg[0]));

    // The planted duplicate person joins this household before anything is derived from the members.
    if (spec?.kind === 'person_in_two_households' && spec.role === 'second') {
      const source = this.pairs.get(spec.pair)!.member;
      members.push({
        ...source,
        id: 0,
        relation: 'other',
        hasPhone: false,
        phone: null,
        dibao: false,
        tekun: false,
        endedDay: null,
        endReason: null,
        copyOf: source,
      });
    }

    // A few deaths in 2020 among the elderly (never the head, never in a household carrying a planted problem).
    if (!spec) {
      for (const m of members) {
        if ((m.relation === 'spouse' || m.relation === 'parent') && m.age >= 72 && (m.health === 'healthy' || m.health === 'chronic') && rng.bool(0.03)) {
          m.endedDay = rng.int(dayNumber('2020-01-05'), dayNumber('2020-08-25'));
          m.endReason = 'death';
        }
      }
    }

    for (const m of members) {
      m.joinedDay = Math.max(registeredDay, m.birthDay);
      if (m.copyOf) continue;
      m.idNumber = this.ids.allocate(m.issueCode, m.birthDay, m.sex);
      if (m.health === 'disabled') {
        const kindDigit = DISABILITY_KINDS.values.find(([k]) => k === m.disabilityKind)![1];
        m.disabilityCertNo = `${m.idNumber}${kindDigit}${m.disabilityGrade}`;
      }
      if (m.hasPhone) m.phone = this.phones.next();
    }

    const active = members.filter((m) => m.endedDay === null);
    const head = members[0]!;
    const contact = head.phone ?? active.find((m) => m.phone)?.phone ?? this.phones.next();

    if ((seq - 1) % HOUSEHOLDS_PER_HELPER === 0 || !this.helper) this.helper = this.newHelper(where);
    const helper = this.helper;

    const h: GeneratedHousehold = {
      id: 0,
      index,
      householdNo: village.code + String(seq).padStart(4, '0'),
      village,
      type: this.monitored.has(index) && !spec ? 'monitored' : 'lifted',
      povertyAttribute: 'general',
      mainCause: 'other',
      secondaryCause: null,
      contactPhone: contact,
      liftedYear,
      helperName: helper.name,
      helperUnit: helper.unit,
      helperPhone: helper.phone,
      housingArea: fixed(rng.normalIn(85, 30, 25, 220), 2),
      housingStructure: rng.weighted(HOUSING_STRUCTURES),
      housingGrade: rng.bool(0.58) ? 'A' : 'B',
      housingAppraisedOn: isoDate(rng.int(dayNumber('2017-03-01'), dayNumber('2020-08-31'))),
      housingExemption: null,
      waterSource: rng.weighted(WATER_SOURCES),
      waterQuantityLpd: '0',
      waterPipedToYard: true,
      waterFetchMinutes: null,
      waterGuaranteeRate: rng.bool(0.4) ? '100.00' : fixed(rng.real(95, 100), 2),
      waterQualityOk: true,
      sanitaryToilet: rng.bool(0.88),
      hardenedRoad: rng.bool(0.97),
      landCultivated: rng.bool(0.08) ? '0.00' : fixed(rng.normalIn(2.6, 1.5, 0.3, 9), 2),
      landForest: rng.bool(0.08) ? fixed(rng.real(0.2, 2.5), 2) : '0.00',
      registeredDay,
      members,
      incomes: [],
      events: [],
      planted: [],
    };
    h.waterQuantityLpd = fixed(village.waterScarce ? rng.real(22, 60) : rng.real(40, 120), 1);
    h.waterPipedToYard = h.waterSource !== 'dispersed' && rng.bool(0.95);
    if (!h.waterPipedToYard) h.waterFetchMinutes = fixed(rng.real(3, 18), 1);

    this.deriveStatus(rng, h, active);
    // A few C/D houses whose family is safely housed otherwise (an accepted exemption, not a problem).
    if (!spec && rng.bool(0.003)) {
      h.housingGrade = rng.bool(0.7) ? 'C' : 'D';
      h.housingExemption =
        h.povertyAttribute === 'tekun'
          ? 'collective_care'
          : rng.choose([['safe_house_elsewhere', 50], ['long_term_rental', 15], ['relocation_received', 35]]);
    }
    this.incomes(rng, h, spec);
    if (spec) this.plant(rng, spec, h);

    for (const m of members) {
      if (m.birthDay > registeredDay && !m.copyOf) h.events.push({ member: m, kind: 'birth', day: m.birthDay, note: '出生，新增家庭成员' });
      if (m.endedDay !== null) h.events.push({ member: m, kind: 'death', day: m.endedDay, note: '死亡，自然减员' });
    }
    if (spec?.role === 'first') {
      const member = this.pairMember(spec, h);
      this.pairs.set(spec.pair, { household: h, member });
    }
    return h;
  }

  private newHelper(where: Where): Helper {
    const rng = new Rng(mixSeed(this.seed, 0x4e1, this.helperCount++));
    const sex = rng.bool(0.65) ? 'male' : 'female';
    return {
      name: rng.weighted(SURNAMES) + givenName(rng, sex, rng.int(1965, 1995)),
      unit: helperUnit(rng, where),
      phone: this.helperPhones.next(),
    };
  }

  private draft(rng: Rng, where: Where): Draft {
    const hui = rng.bool(0.006);
    const countyCode = this.city.villages[this.villageIndex]!.township.county.code;
    const index = this.index - 1;
    const members = skeletons(rng, hui).map((s) => this.person(rng, s, countyCode, hui, where));
    // A few names with the separator · (Uyghur people married into the city) and with rare characters, at fixed
    // positions so even a small run has some.
    if (index % 3_000 === 17 || rng.bool(1 / 8_000)) {
      const m = members.find((p) => p.marriedIn) ?? members[0]!;
      m.name = uyghurName(rng, m.sex);
      m.ethnicity = 'uyghur';
      m.issueCode = rng.pick(XINJIANG_CODES);
    }
    if (index % 1_500 === 31 || rng.bool(1 / 4_000)) {
      const m = members.find((p) => p.relation !== 'head' && p.ethnicity === 'han') ?? members[0]!;
      if (m.ethnicity === 'han' || m.ethnicity === 'hui') m.name = m.name.slice(0, surnameLength(m.name)) + rareGivenName(rng, m.sex, yearOf(m.birthDay));
    }
    return { members, hui };
  }

  private person(rng: Rng, s: Skeleton, countyCode: string, hui: boolean, where: Where): Person {
    const birthDay = birthDayForAge(rng, s.age);
    const p: Person = {
      id: 0,
      name: s.surname + givenName(rng, s.sex, yearOf(birthDay)),
      sex: s.sex,
      birthDay,
      age: s.age,
      relation: s.relation,
      ethnicity: hui ? 'hui' : 'han',
      issueCode: this.issueCode(rng, countyCode, birthDay, s.marriedIn),
      idNumber: '',
      education: null,
      schoolStatus: 'not_in_school',
      notInSchoolReason: null,
      health: healthFor(rng, s.age, s.disabledBoost),
      disabilityKind: null,
      disabilityGrade: null,
      disabilityCertNo: null,
      labour: 'none',
      employmentPlace: 'none',
      employer: null,
      monthlyWage: null,
      workMonths: 0,
      medicalInsurance: 'resident',
      criticalIllnessInsured: true,
      pensionInsured: false,
      familyDoctor: false,
      dibao: false,
      tekun: false,
      welfarePost: false,
      hasPhone: false,
      phone: null,
      joinedDay: 0,
      endedDay: null,
      endReason: null,
      marriedIn: s.marriedIn,
    };
    if (p.health === 'disabled') {
      p.disabilityKind = rng.weighted(DISABILITY_KINDS)[0];
      p.disabilityGrade = rng.weighted(DISABILITY_GRADES);
    }
    schooling(rng, p);
    p.labour = labourFor(rng, p);
    employment(rng, p, where);
    p.pensionInsured = p.age >= 16 && p.schoolStatus === 'not_in_school';
    p.familyDoctor = p.health !== 'healthy' || rng.bool(p.age >= 65 ? 0.6 : 0.25);
    p.hasPhone = p.age >= 16 && (inSchool(p) ? rng.bool(0.5) : rng.bool(p.age >= 80 ? 0.55 : 0.97));
    return p;
  }

  /**
   * The address code of a person's ID number: where it was issued, which is not always where the person lives.
   * 茌平区 people born before the 2019 change hold 371523 numbers; older people often hold the 聊城地区 code
   * their first card was issued under before 1998; some spouses married in from other counties or provinces.
   */
  private issueCode(rng: Rng, countyCode: string, birthDay: number, marriedIn: boolean): string {
    if (marriedIn && rng.bool(0.2)) {
      if (rng.bool(0.3)) return rng.pick(NEIGHBOUR_CODES);
      return this.localCode(rng, rng.pick(CURRENT_COUNTY_CODES.filter((c) => c !== countyCode)), birthDay);
    }
    return this.localCode(rng, countyCode, birthDay);
  }

  private localCode(rng: Rng, countyCode: string, birthDay: number): string {
    const born = yearOf(birthDay);
    if (born < 1982 && rng.bool(0.3)) {
      const old = COUNTY_PREFECTURE_CODE.get(countyCode);
      if (old) return old;
    }
    if (countyCode === CHIPING_CHANGE.newCode && birthDay <= CHIPING_CHANGE_DAY) return CHIPING_CHANGE.oldCode;
    return countyCode;
  }

  /** Whether a drawn household can carry a planted problem without it showing up as another kind too. */
  private fits(spec: PlantSpec, d: Draft): boolean {
    const ms = d.members;
    const head = ms[0]!;
    const contact = head.hasPhone ? head : ms.find((m) => m.hasPhone);
    const phoneHolder = ms.some((m) => m.relation !== 'head' && m.hasPhone && m !== contact);
    switch (spec.kind) {
      case 'dropout':
        return ms.some((m) => m.age >= 6 && m.age <= 15 && m.health !== 'disabled' && inSchool(m));
      case 'school_age_vs_grade':
        return ms.some((m) => m.age >= 6 && m.age <= 10 && m.schoolStatus === 'primary');
      case 'disabled_no_certificate':
        return ms.some((m) => m.health === 'disabled');
      case 'head_spouse_same_sex':
        return ms.some((m) => m.relation === 'spouse');
      case 'bad_phone':
      case 'phone_shared':
        return phoneHolder;
      case 'person_in_two_households':
        return spec.role === 'second' || ms.some((m) => m.relation !== 'head' && m.age >= 16);
      case 'labour_vs_age':
        return ms.some((m) => m.age < 16 || m.age >= 75);
      case 'dibao_household_no_dibao_member':
        return ms.some((m) => m.labour !== 'lost' && m.labour !== 'none');
      case 'no_labour_household_no_dibao':
        return ms.every((m) => m.labour === 'lost' || m.labour === 'none');
      case 'wage_out_of_range':
        return ms.some((m) => m.employmentPlace !== 'none');
      case 'cause_disability_no_disabled':
        return ms.every((m) => m.health !== 'disabled');
      case 'uninsured':
      case 'no_critical_illness':
      case 'unsafe_housing':
      case 'water_quantity_low':
      case 'income_below_line_not_monitored':
        return true;
    }
  }

  /** Poverty attribute, 低保/特困 flags and poverty causes, all consistent with the active members. */
  private deriveStatus(rng: Rng, h: GeneratedHousehold, active: Person[]): void {
    const noLabour = active.every((m) => m.labour === 'lost' || m.labour === 'none');
    const alone = active.length === 1;
    if (noLabour) {
      h.povertyAttribute = rng.bool(alone ? 0.65 : 0.2) ? 'tekun' : 'dibao';
    } else {
      h.povertyAttribute = rng.bool(0.3) ? 'dibao' : 'general';
    }
    if (h.povertyAttribute === 'tekun') {
      for (const m of active) m.tekun = m.labour === 'lost' || m.labour === 'none';
    } else if (h.povertyAttribute === 'dibao') {
      const all = rng.bool(0.9);
      active.forEach((m, i) => (m.dibao = all || i === 0 || m.labour === 'lost' || m.labour === 'none'));
    }

    const workers = active.filter((m) => m.labour === 'ordinary' || m.labour === 'skilled').length;
    const causes: [PovertyCause, number][] = [
      ['illness', active.some((m) => m.health === 'chronic' || m.health === 'serious') ? 95 : 0],
      ['disability', active.some((m) => m.health === 'disabled') ? 210 : 0],
      ['no_labour', workers / active.length <= 0.25 ? 19 : 0],
      ['schooling', active.some(inSchool) ? 12 : 0],
      ['no_skill', workers > 0 ? 9 : 2],
      ['no_capital', 5],
      ['disaster', 2],
      ['no_land', 2],
      ['no_water', 0.5],
      ['poor_transport', 1],
      ['low_motivation', 2.5],
      ['other', 1.5],
    ];
    h.mainCause = rng.choose(causes);
    h.secondaryCause = rng.bool(0.6) ? rng.choose(causes.filter(([c]) => c !== h.mainCause)) : null;
  }

  /** The two income records; see README.md for the groups and their ranges. */
  private incomes(rng: Rng, h: GeneratedHousehold, spec: PlantSpec | undefined): void {
    const members = h.members;
    const size19 = members.filter((m) => activeOn(m, END_2019)).length;
    const sizePre = members.filter((m) => activeOn(m, END_PRE)).length;
    const in2019 = members.filter((m) => activeOn(m, END_2019));

    // What the household's members and land bring in a year (fen).
    const fen = (yuanAmount: number) => Math.round(yuanAmount * 100);
    let wage = 0;
    for (const m of in2019) if (m.monthlyWage !== null) wage += fen(m.monthlyWage * m.workMonths);
    const land = Number(h.landCultivated);
    const landLet = rng.bool(0.15);
    let business = landLet ? 0 : fen(land * rng.real(700, 1_100));
    if (rng.bool(0.3)) business += fen(rng.real(1_000, 6_000)); // livestock
    if (rng.bool(0.2)) business += fen(rng.real(300, 1_500)); // courtyard economy
    const cost = Math.round(business * rng.real(0.3, 0.45));
    let property = rng.bool(0.6) ? fen(rng.real(200, 800)) : 0; // dividends of poverty-fund assets (资产收益)
    if (landLet) property += fen(land * rng.real(600, 900)); // land let out (土地流转)
    let transfer = 0;
    const allElderly = in2019.every((m) => m.age >= 61);
    for (const m of in2019) {
      if (m.age >= 61) transfer += fen(rng.real(1_416, 1_800)); // basic pension
      if (m.dibao) transfer += fen(rng.real(2_600, 3_600));
      if (m.tekun) transfer += fen(rng.real(6_000, 7_500));
      if (m.health === 'disabled') transfer += m.disabilityGrade === '1' || m.disabilityGrade === '2' ? 120_000 : 96_000;
      if (allElderly && rng.bool(0.7)) transfer += fen(rng.real(1_500, 4_000)); // support from children
    }
    let medical = 0;
    for (const m of in2019) {
      if (m.health === 'chronic') medical += fen(rng.real(200, 3_000));
      else if (m.health === 'serious') medical += fen(rng.real(3_000, 15_000));
      else if (m.health === 'disabled') medical += fen(rng.real(0, 1_500));
    }
    medical = Math.min(medical, fen(18_000));
    const full: Money = { wage, business, property, transfer, cost, medical };

    // The 9-month pre-assessment period: three quarters of a year, wages dented by the epidemic.
    const pre: Money = {
      wage: Math.round(wage * 0.75 * rng.real(0.9, 1.02)),
      business: Math.round(business * 0.75 * rng.real(0.95, 1.05)),
      property: Math.round(property * 0.75),
      transfer: Math.round(transfer * 0.75),
      cost: 0,
      medical: Math.round(medical * 0.75),
    };
    pre.cost = Math.round(business > 0 ? (cost * pre.business) / business : 0);

    let note19: string | null = null;
    let notePre: string | null = null;
    const group =
      spec?.kind === 'income_below_line_not_monitored'
        ? 'planted_low'
        : h.type === 'monitored'
          ? rng.bool(0.55)
            ? 'monitored_low'
            : 'monitored_expense'
          : !spec && rng.bool(PRE_ASSESSMENT_BELOW_SHARE)
            ? 'pre_below'
            : 'normal';
    const pc = (m: Money, size: number) => net(m) / 100 / size;
    // Ordinary households: 2019 at least 6,400 a head, the 9 months at least 4,560 (so the annualised projection
    // is far above the line as well).
    const atLeast = (m: Money, size: number, floor: number, lo: number, hi: number) =>
      pc(m, size) >= floor ? m : retarget(m, size, rng.real(lo, hi));
    switch (group) {
      case 'normal':
        Object.assign(full, atLeast(full, size19, 6_400, 6_400, 8_800));
        Object.assign(pre, atLeast(pre, sizePre, 4_560, 4_600, 5_600));
        break;
      case 'pre_below':
        Object.assign(full, retarget(full, size19, rng.real(4_650, 5_600)));
        Object.assign(pre, retarget(pre, sizePre, rng.real(2_300, 3_300)));
        notePre = '收入预评估：预计低于4,500元标准，需采取增收措施';
        break;
      case 'monitored_low':
        Object.assign(full, retarget(full, size19, rng.real(2_800, 4_350)));
        Object.assign(pre, retarget(pre, sizePre, rng.real(1_900, 3_200)));
        note19 = '即时帮扶户：收入低于标准';
        break;
      case 'monitored_expense':
        Object.assign(full, atLeast(full, size19, 6_400, 6_400, 8_800));
        Object.assign(pre, atLeast(pre, sizePre, 4_560, 4_600, 5_600));
        full.medical = fen(rng.real(20_000, 60_000));
        pre.medical = Math.round(full.medical * rng.real(0.6, 0.9));
        note19 = '即时帮扶户：大额医疗支出（突发严重困难）';
        break;
      case 'planted_low':
        Object.assign(full, retarget(full, size19, rng.real(2_600, 4_300)));
        Object.assign(pre, retarget(pre, sizePre, rng.real(1_800, 3_200)));
        break;
    }
    const record = (period: { start: string; end: string }, m: Money, note: string | null): IncomeRecord => ({
      start: period.start,
      end: period.end,
      wage: m.wage,
      business: m.business,
      property: m.property,
      transfer: m.transfer,
      productionCost: m.cost,
      medicalSelfPay: m.medical,
      note,
    });
    h.incomes.push(record(INCOME_PERIODS.fullYear2019, full, note19), record(INCOME_PERIODS.preAssessment, pre, notePre));
  }

  /** The member of a pair's first household that the second will share (a phone, or the person). */
  private pairMember(spec: PlantSpec, h: GeneratedHousehold): Person {
    const head = h.members[0]!;
    const contact = head.phone ? head : h.members.find((m) => m.phone);
    if (spec.kind === 'phone_shared') return h.members.find((m) => m.relation !== 'head' && m.phone && m !== contact)!;
    return h.members.find((m) => m.relation !== 'head' && m.age >= 16)!;
  }

  /** Turns a normal household into one with the planted problem, and records it. */
  private plant(rng: Rng, spec: PlantSpec, h: GeneratedHousehold): void {
    const ms = h.members;
    const head = ms[0]!;
    const record = (member: Person | null, description: string, household = h) =>
      h.planted.push({ kind: spec.kind, household, member, description });
    const nonHead = ms.filter((m) => m.relation !== 'head');
    const anyone = () => (nonHead.length ? rng.pick(nonHead) : head);

    switch (spec.kind) {
      case 'dropout': {
        const child = rng.pick(ms.filter((m) => m.age >= 6 && m.age <= 15 && m.health !== 'disabled' && inSchool(m)));
        child.schoolStatus = 'not_in_school';
        child.notInSchoolReason = rng.bool(0.5) ? 'dropout' : null;
        child.education = child.age <= 12 ? 'primary' : 'junior';
        record(child, `${child.name}（${child.age}岁，义务教育阶段）为非在校生，${child.notInSchoolReason ? '原因为辍学' : '未填写不在校原因'}`);
        if (h.mainCause === 'schooling' && !ms.some(inSchool)) h.mainCause = 'no_capital';
        if (h.secondaryCause === 'schooling' && !ms.some(inSchool)) h.secondaryCause = null;
        break;
      }
      case 'school_age_vs_grade': {
        const child = rng.pick(ms.filter((m) => m.age >= 6 && m.age <= 10 && m.schoolStatus === 'primary'));
        child.schoolStatus = rng.pick(['senior_2', 'senior_3', 'college']);
        record(child, `${child.name}${child.age}岁，在校状况却为“${labelOf('schoolStatus', child.schoolStatus)}”`);
        break;
      }
      case 'uninsured': {
        const m = anyone();
        m.medicalInsurance = 'none';
        m.criticalIllnessInsured = false;
        record(m, `${m.name}未参加基本医疗保险（亦无大病保险）`);
        break;
      }
      case 'no_critical_illness': {
        const m = anyone();
        m.criticalIllnessInsured = false;
        record(m, `${m.name}参加${labelOf('medicalInsurance', m.medicalInsurance)}，但未参加大病保险`);
        break;
      }
      case 'unsafe_housing': {
        h.housingGrade = rng.bool(0.65) ? 'C' : 'D';
        h.housingExemption = null;
        h.housingAppraisedOn = isoDate(rng.int(dayNumber('2019-03-01'), dayNumber('2020-08-31')));
        record(null, `住房鉴定为${h.housingGrade}级（${h.housingAppraisedOn}），且无其他安全住房保障情形`);
        break;
      }
      case 'water_quantity_low': {
        const threshold = h.village.waterScarce ? 20 : 35;
        h.waterQuantityLpd = fixed(h.village.waterScarce ? rng.real(8, 18) : rng.real(12, 30), 1);
        record(null, `人均日供水量${h.waterQuantityLpd}升，低于${threshold}升标准${h.village.waterScarce ? '（缺水地区）' : ''}`);
        break;
      }
      case 'disabled_no_certificate': {
        const m = rng.pick(ms.filter((x) => x.health === 'disabled'));
        m.disabilityCertNo = null;
        record(m, `${m.name}健康状况为残疾（${labelOf('disabilityKind', m.disabilityKind)}${labelOf('disabilityGrade', m.disabilityGrade)}），但无残疾证号`);
        break;
      }
      case 'head_spouse_same_sex': {
        const spouse = ms.find((m) => m.relation === 'spouse')!;
        spouse.sex = head.sex;
        spouse.idNumber = this.ids.allocate(spouse.issueCode, spouse.birthDay, spouse.sex);
        if (spouse.disabilityCertNo) spouse.disabilityCertNo = spouse.idNumber + spouse.disabilityCertNo.slice(18);
        record(spouse, `户主${head.name}与配偶${spouse.name}性别均为${labelOf('sex', head.sex)}`);
        break;
      }
      case 'bad_phone': {
        const contact = head.phone ? head : ms.find((m) => m.phone);
        const m = rng.pick(ms.filter((x) => x.relation !== 'head' && x.phone && x !== contact));
        const good = m.phone!;
        m.phone = rng.choose<string>([
          [good.slice(0, 10), 1],
          [good + String(rng.int(0, 9)), 1],
          [`12${good.slice(2)}`, 1],
          [good.slice(0, 6) + 'O' + good.slice(7), 1],
        ]);
        record(m, `${m.name}的联系电话“${m.phone}”不是有效的11位手机号码`);
        break;
      }
      case 'phone_shared':
      case 'person_in_two_households': {
        if (spec.role !== 'second') break; // the first household is recorded when its partner is generated
        const first = this.pairs.get(spec.pair)!;
        this.pairs.delete(spec.pair);
        if (spec.kind === 'phone_shared') {
          const contact = head.phone ? head : ms.find((m) => m.phone);
          const m = rng.pick(ms.filter((x) => x.relation !== 'head' && x.phone && x !== contact));
          m.phone = first.member.phone;
          const text = (a: Person, b: Person, otherNo: string) => `手机号${a.phone}同时登记在${a.name}和户${otherNo}的${b.name}名下`;
          h.planted.push({ kind: spec.kind, household: first.household, member: first.member, description: text(first.member, m, h.householdNo) });
          record(m, text(m, first.member, first.household.householdNo));
        } else {
          const copy = ms.find((m) => m.copyOf === first.member)!;
          const masked = maskIdNumber(copy.idNumber);
          h.planted.push({
            kind: spec.kind, household: first.household, member: first.member,
            description: `${copy.name}（身份证号${masked}）同时在本户和户${h.householdNo}中在册`,
          });
          record(copy, `${copy.name}（身份证号${masked}）同时在本户和户${first.household.householdNo}中在册`);
        }
        break;
      }
      case 'labour_vs_age': {
        const children = ms.filter((m) => m.age < 16);
        const elderly = ms.filter((m) => m.age >= 75);
        if (children.length && (!elderly.length || rng.bool(0.5))) {
          const child = rng.pick(children);
          child.labour = 'ordinary';
          record(child, `${child.name}${child.age}岁，劳动能力却为“普通劳动力”`);
        } else {
          const old = rng.pick(elderly);
          old.labour = 'ordinary';
          old.employmentPlace = 'township';
          old.employer = `${h.village.name}${rng.pick(['扶贫车间', '种植专业合作社'])}`;
          old.monthlyWage = 1_800;
          old.workMonths = 12;
          record(old, `${old.name}${old.age}岁，劳动能力为“普通劳动力”且在乡镇内务工`);
        }
        // 缺劳力 with more than a quarter able to work is another check's problem: keep it out of this household.
        if (h.mainCause === 'no_labour') h.mainCause = 'no_capital';
        if (h.secondaryCause === 'no_labour') h.secondaryCause = null;
        break;
      }
      case 'dibao_household_no_dibao_member': {
        h.povertyAttribute = 'dibao';
        for (const m of ms) m.dibao = m.tekun = false;
        record(null, `户属性为低保脱贫户，但${ms.length}名家庭成员均未享受低保`);
        break;
      }
      case 'no_labour_household_no_dibao': {
        h.povertyAttribute = 'general';
        for (const m of ms) m.dibao = m.tekun = false;
        record(null, `全户${ms.length}人均为丧失劳动力或无劳动力，但无人纳入低保或特困供养`);
        break;
      }
      case 'wage_out_of_range': {
        const m = rng.pick(ms.filter((x) => x.employmentPlace !== 'none'));
        const wage = m.monthlyWage ?? 2_000;
        m.monthlyWage = rng.bool(0.6) ? wage * 10 + rng.int(1, 9) * 1_000 + 30_000 : rng.int(1, 9) * 10;
        record(m, `${m.name}务工月收入${m.monthlyWage}元，超出100至30,000元的合理范围`);
        break;
      }
      case 'cause_disability_no_disabled': {
        h.mainCause = 'disability';
        if (h.secondaryCause === 'disability') h.secondaryCause = null;
        record(null, '主要致贫原因为因残，但家庭成员中无残疾人');
        break;
      }
      case 'income_below_line_not_monitored': {
        const income = h.incomes[0]!;
        const size = ms.filter((m) => activeOn(m, END_2019)).length;
        const perCapita = (net(incomeMoney(income)) / 100 / size).toFixed(2);
        record(null, `2019年人均纯收入${perCapita}元，低于4,500元标准，仍为脱贫户且未纳入监测`);
        break;
      }
    }
  }
}

interface Money {
  wage: number;
  business: number;
  property: number;
  transfer: number;
  cost: number;
  medical: number;
}

const net = (m: Money) => m.wage + m.business + m.property + m.transfer - m.cost;
const incomeMoney = (i: IncomeRecord): Money => ({
  wage: i.wage,
  business: i.business,
  property: i.property,
  transfer: i.transfer,
  cost: i.productionCost,
  medical: i.medicalSelfPay,
});

/**
 * Components changed so per-capita net income is exactly `perCapita` yuan (to the fen): scaled down when the
 * household has more, topped up with production income (net of its costs) and transfers when it has less.
 */
function retarget(m: Money, size: number, perCapita: number): Money {
  const target = Math.round(perCapita * 100) * size;
  const current = net(m);
  const out = { ...m };
  if (current > target && current > 0) {
    const f = target / current;
    out.wage = Math.round(m.wage * f);
    out.business = Math.round(m.business * f);
    out.property = Math.round(m.property * f);
    out.transfer = Math.round(m.transfer * f);
    out.cost = Math.round(m.cost * f);
    // Rounding leaves a few fen; the largest income component absorbs them.
    const key = (['wage', 'business', 'transfer', 'property'] as const).reduce((a, b) => (out[b] > out[a] ? b : a));
    out[key] += target - net(out);
  } else {
    // Half the gap from more production (net of its 35 % costs), the rest from transfers (support, subsidies).
    const gross = Math.round(((target - current) * 0.5) / 0.65);
    out.business += gross;
    out.cost += Math.round(gross * 0.35);
    out.transfer += target - net(out);
  }
  return out;
}

function surnameLength(name: string): number {
  return ['欧阳', '司马', '诸葛', '上官', '东方'].some((c) => name.startsWith(c)) ? 2 : 1;
}
