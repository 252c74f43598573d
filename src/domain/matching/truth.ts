/**
 * Seeded test truth for matching (比对测试数据): registry persons, department records made from them with the damage
 * real department spreadsheets show (each record labelled with what was done), decoy persons that look like them,
 * and records of people who are not in the registry at all. Used to measure precision and recall, never in production.
 */
import { Converter } from 'opencc-js/cn2t';
import { LIAOCHENG_COUNTIES } from '../area-codes.js';
import { dayNumber, isoDate, yearOf } from '../../modules/demo/calendar.js';
import { IdNumberAllocator } from '../../modules/demo/identity.js';
import { givenName, SURNAMES, uyghurName } from '../../modules/demo/names.js';
import { Rng } from '../../modules/demo/random.js';
import type { MatchSubject } from './score.js';

export interface TruePerson {
  /** Stable key for the truth tables. */
  readonly key: string;
  readonly idNumber: string;
  readonly name: string;
  readonly birthDate: string;
  readonly sex: 'male' | 'female';
  /** 12-digit village code. */
  readonly areaCode: string;
}

export const DAMAGE_KINDS = [
  'none',
  'traditional',
  'homophone',
  'missing_id',
  'one_digit',
  'transposition',
  'old_15',
  'birth_typo',
  'name_format',
] as const;
export type DamageKind = (typeof DAMAGE_KINDS)[number];
/** 'moved' is not typing damage: the person lives in another village than the registry says. */
export type DamageLabel = DamageKind | 'moved';

export interface LabelledRecord extends MatchSubject {
  /** The TruePerson.key this record was made from; null for a person absent from the registry. */
  readonly truth: string | null;
  readonly damage: readonly DamageLabel[];
}

/** Rough shares in department lists; typos are rarer than clean rows. */
const DAMAGE_WEIGHTS: readonly (readonly [DamageKind, number])[] = [
  ['none', 30],
  ['traditional', 8],
  ['homophone', 8],
  ['missing_id', 12],
  ['one_digit', 8],
  ['transposition', 6],
  ['old_15', 6],
  ['birth_typo', 8],
  ['name_format', 8],
];

/** Characters typed for one another in names: same toneless pinyin. */
const HOMOPHONE_GROUPS = [
  '伟玮炜纬维', '明鸣铭', '小晓', '华桦骅', '军君钧', '丽莉俐', '英瑛莹', '红宏鸿', '建健剑', '东冬栋', '平萍苹',
  '志智芝', '杰洁婕', '静婧靖', '林琳霖', '芳方', '峰锋丰枫', '涛韬', '斌彬滨', '鹏朋', '磊蕾', '飞菲', '龙隆',
  '兰岚', '玉宇雨羽钰', '秀修', '金锦', '云芸', '文雯', '学雪', '浩昊皓豪', '轩宣萱', '涵寒晗', '睿瑞', '泽则',
  '阳洋', '辰晨', '航杭', '熙希曦', '鑫欣新馨', '国帼', '波博', '凯恺', '成诚城', '荣蓉', '福富', '贵桂',
  '生胜盛', '良亮', '忠中', '民敏', '顺舜', '祥翔', '庆青清', '振珍', '宝保', '正政', '树淑', '永勇',
  '义毅艺', '佳家嘉', '子梓紫', '思丝', '俊骏', '刚钢', '超朝', '宁凝', '梅玫', '凤奉', '娟鹃', '慧惠',
];
const HOMOPHONES = new Map<string, string[]>();
for (const group of HOMOPHONE_GROUPS) {
  const chars = Array.from(group);
  for (const c of chars) HOMOPHONES.set(c, chars.filter((o) => o !== c));
}

const toTraditional = Converter({ from: 'cn', to: 't' });

/** Variants of the · separator and of spacing that spreadsheets show. */
const SEPARATOR_VARIANTS = ['•', '・', '．', '.', ' '];
const SPACES = [' ', '\u3000', '\u00A0', '\u200B'];

function isRealDate(iso: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && isoDate(dayNumber(iso)) === iso;
}

function homophoneName(rng: Rng, name: string): string | undefined {
  const chars = Array.from(name);
  // The surname is rarely mistyped; a given-name character is.
  const positions = chars.map((c, i) => i).filter((i) => i > 0 && HOMOPHONES.has(chars[i]!));
  if (positions.length === 0) return undefined;
  const i = rng.pick(positions);
  chars[i] = rng.pick(HOMOPHONES.get(chars[i]!)!);
  return chars.join('');
}

function formattedName(rng: Rng, name: string): string {
  if (name.includes('·')) return name.replace('·', rng.pick(SEPARATOR_VARIANTS));
  const chars = Array.from(name);
  const at = rng.int(1, chars.length - 1);
  const spaced = chars.slice(0, at).join('') + rng.pick(SPACES) + chars.slice(at).join('');
  return rng.bool(0.3) ? ` ${spaced}\u3000` : spaced;
}

function oneDigitError(rng: Rng, id: string): string {
  const i = rng.int(0, 17);
  const pool = (i === 17 ? '0123456789X' : '0123456789').replace(id[i]!, '');
  return id.slice(0, i) + rng.pick(Array.from(pool)) + id.slice(i + 1);
}

function transposed(rng: Rng, id: string): string | undefined {
  const positions = Array.from({ length: 17 }, (_, i) => i).filter((i) => id[i] !== id[i + 1]);
  if (positions.length === 0) return undefined;
  const i = rng.pick(positions);
  return id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
}

/** The first-generation number of a person born in the 1900s: no century, no check character. */
function old15(id: string): string | undefined {
  return id.slice(6, 8) === '19' ? id.slice(0, 6) + id.slice(8, 17) : undefined;
}

function birthTypo(rng: Rng, birthDate: string): string | undefined {
  for (let attempt = 0; attempt < 20; attempt++) {
    let typo: string;
    if (rng.bool(0.2)) {
      typo = `${birthDate.slice(0, 5)}${birthDate.slice(8, 10)}-${birthDate.slice(5, 7)}`;
    } else {
      const digits = Array.from(birthDate);
      const positions = [2, 3, 5, 6, 8, 9];
      const i = rng.pick(positions);
      digits[i] = String((Number(digits[i]) + rng.int(1, 9)) % 10);
      typo = digits.join('');
    }
    if (typo !== birthDate && isRealDate(typo)) return typo;
  }
  return undefined;
}

interface Draft {
  name: string;
  idNumber: string | undefined;
  birthDate: string | undefined;
  sex: 'male' | 'female' | undefined;
  areaCode: string | undefined;
}

/** Applies one kind of damage to the draft; false when it cannot apply to this person or this draft. */
function applyDamage(rng: Rng, person: TruePerson, d: Draft, kind: DamageKind): boolean {
  switch (kind) {
    case 'traditional': {
      const t = toTraditional(d.name);
      d.name = t;
      return t !== person.name;
    }
    case 'homophone': {
      const h = homophoneName(rng, d.name);
      d.name = h ?? d.name;
      return h !== undefined;
    }
    case 'missing_id':
      // A list without ID numbers carries the other identifying columns instead.
      d.idNumber = undefined;
      d.birthDate ??= person.birthDate;
      d.sex = rng.bool(0.9) ? person.sex : undefined;
      d.areaCode = rng.bool(0.8) ? person.areaCode : undefined;
      return true;
    case 'one_digit':
      if (d.idNumber !== person.idNumber) return false;
      d.idNumber = oneDigitError(rng, person.idNumber);
      return true;
    case 'transposition': {
      const t = d.idNumber === person.idNumber ? transposed(rng, person.idNumber) : undefined;
      d.idNumber = t ?? d.idNumber;
      return t !== undefined;
    }
    case 'old_15': {
      const o = d.idNumber === person.idNumber ? old15(person.idNumber) : undefined;
      d.idNumber = o ?? d.idNumber;
      return o !== undefined;
    }
    case 'birth_typo': {
      const b = birthTypo(rng, person.birthDate);
      d.birthDate = b ?? d.birthDate;
      return b !== undefined;
    }
    case 'name_format':
      d.name = formattedName(rng, d.name);
      return true;
    case 'none':
      return false;
  }
}

/** Share of records with a second kind of damage on top of the first. */
const SECOND_DAMAGE = 0.2;

/**
 * A department record made from a true person, with the fields a department list typically has and the given kinds
 * of damage (by default one chosen by its share, and with SECOND_DAMAGE a second one). Labels say what was actually
 * done: a kind that cannot apply (no homophone for any character, born after 1999 for an old number, a name with no
 * traditional form) is left out, and a record with no damage is labelled 'none'.
 */
export function damage(rng: Rng, person: TruePerson, kinds?: readonly DamageKind[]): LabelledRecord {
  const chosen = kinds ?? [rng.choose(DAMAGE_WEIGHTS), ...(rng.bool(SECOND_DAMAGE) ? [rng.choose(DAMAGE_WEIGHTS)] : [])];
  const draft: Draft = {
    name: person.name,
    idNumber: person.idNumber,
    birthDate: rng.bool(0.5) ? person.birthDate : undefined,
    sex: rng.bool(0.6) ? person.sex : undefined,
    areaCode: rng.bool(0.5) ? person.areaCode : undefined,
  };
  const labels: DamageLabel[] = [];
  for (const kind of chosen) if (!labels.includes(kind) && applyDamage(rng, person, draft, kind)) labels.push(kind);
  if (draft.areaCode !== undefined && rng.bool(0.05)) {
    const village = String((Number(person.areaCode.slice(9)) + 1) % 1000).padStart(3, '0');
    draft.areaCode = person.areaCode.slice(0, 9) + village;
    labels.push('moved');
  }
  if (!labels.some((l) => l !== 'moved')) labels.unshift('none');
  return { truth: person.key, ...draft, damage: labels };
}

/** Villages of the synthetic population: county code + township 1xx + village 2xx (statistical division codes). */
function villageCodes(rng: Rng, count: number): string[] {
  const counties = LIAOCHENG_COUNTIES.filter((c) => c.until === undefined).map((c) => c.code);
  const codes = new Set<string>();
  while (codes.size < count) {
    codes.add(`${rng.pick(counties)}${100 + rng.int(0, 14)}${200 + rng.int(0, 30)}`);
  }
  return [...codes];
}

const FIRST_BIRTH = dayNumber('1930-01-01');
const LAST_BIRTH = dayNumber('2020-12-31');

class PersonFactory {
  private readonly ids: IdNumberAllocator;
  private n = 0;

  constructor(
    private readonly rng: Rng,
    seed: number,
    readonly villages: readonly string[],
  ) {
    this.ids = new IdNumberAllocator(seed);
  }

  name(sex: 'male' | 'female', birthDate: string, surname?: string): string {
    if (surname === undefined && this.rng.bool(0.01)) return uyghurName(this.rng, sex);
    return (surname ?? this.rng.weighted(SURNAMES)) + givenName(this.rng, sex, yearOf(dayNumber(birthDate)));
  }

  make(over: Partial<Omit<TruePerson, 'key' | 'idNumber'>> = {}): TruePerson {
    const rng = this.rng;
    const sex = over.sex ?? (rng.bool() ? 'male' : 'female');
    const birthDate = over.birthDate ?? isoDate(rng.int(FIRST_BIRTH, LAST_BIRTH));
    const areaCode = over.areaCode ?? rng.pick(this.villages);
    const name = over.name ?? this.name(sex, birthDate);
    const idNumber = this.ids.allocate(areaCode.slice(0, 6), dayNumber(birthDate), sex);
    return { key: `p${++this.n}`, idNumber, name, birthDate, sex, areaCode };
  }
}

export interface MatchingTruth {
  /** Registry persons: the true persons and the decoys, shuffled. */
  readonly registry: readonly TruePerson[];
  /** One record per true person, plus records of people absent from the registry (truth null). */
  readonly records: readonly LabelledRecord[];
}

export interface TruthOptions {
  /** True persons, each giving one record. */
  readonly persons: number;
  /** Decoys per true person (same name other birth; twin; same birth, sex and village). */
  readonly decoyShare?: number;
  /** Records of people not in the registry, per true person. */
  readonly outsiderShare?: number;
  readonly villages?: number;
}

/** Same inputs, same truth: everything comes from one seeded Rng. */
export function generateTruth(seed: number, opts: TruthOptions): MatchingTruth {
  const rng = new Rng(seed);
  const factory = new PersonFactory(rng, seed, villageCodes(rng, opts.villages ?? 60));
  const persons = Array.from({ length: opts.persons }, () => factory.make());
  const decoys: TruePerson[] = [];
  const outsiders: TruePerson[] = [];
  const surnameOf = (p: TruePerson) => (p.name.includes('·') ? undefined : Array.from(p.name)[0]);

  for (const p of persons) {
    if (!rng.bool(opts.decoyShare ?? 0.3)) continue;
    const kind = rng.int(0, 2);
    if (kind === 0) decoys.push(factory.make({ name: p.name, areaCode: p.areaCode, sex: p.sex }));
    else if (kind === 1) {
      const sex = rng.bool() ? p.sex : p.sex === 'male' ? 'female' : 'male';
      const name = factory.name(sex, p.birthDate, surnameOf(p));
      if (name !== p.name) decoys.push(factory.make({ name, sex, birthDate: p.birthDate, areaCode: p.areaCode }));
    } else {
      const name = factory.name(p.sex, p.birthDate);
      if (name !== p.name) decoys.push(factory.make({ name, sex: p.sex, birthDate: p.birthDate, areaCode: p.areaCode }));
    }
  }
  const outsiderCount = Math.round(opts.persons * (opts.outsiderShare ?? 0.2));
  for (let i = 0; i < outsiderCount; i++) {
    const near = rng.pick(persons);
    // Half are unrelated; the rest are a namesake elsewhere or a sibling in the same village.
    const kind = rng.int(0, 3);
    if (kind <= 1) outsiders.push(factory.make());
    else if (kind === 2) outsiders.push(factory.make({ name: near.name, sex: near.sex }));
    else {
      const birthDate = isoDate(dayNumber(near.birthDate) + rng.int(1, 6) * 365 * (rng.bool() ? 1 : -1));
      outsiders.push(factory.make({ name: factory.name(near.sex, birthDate, surnameOf(near)), birthDate, areaCode: near.areaCode }));
    }
  }

  const records = [...persons.map((p) => damage(rng, p)), ...outsiders.map((o) => ({ ...damage(rng, o), truth: null }))];
  return { registry: rng.shuffle([...persons, ...decoys]), records: rng.shuffle(records) };
}
