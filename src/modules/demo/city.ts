/**
 * The demo city's areas: 聊城市 with its 8 real county-level units, 139 townships (the real count, made-up names)
 * and about 5,000 villages for the default size (fewer for small runs), with the key-village and water-scarce
 * marks. Planning is pure; `insertCity` writes the plan in one transaction.
 */
import { LIAOCHENG_CITY, LIAOCHENG_COUNTIES, LIAOCHENG_PREFECTURE_CODES } from '../../domain/area-codes.js';
import type { Db } from '../../db/client.js';
import { insertRows, reserveIds, type Column } from '../../db/bulk.js';
import { townshipName, villageName, type TownshipKind } from './names.js';
import { mixSeed, Rng } from './random.js';

export const DEFAULT_HOUSEHOLDS = 70_801;
/** Villages for the default household count; a larger run keeps this many (bigger villages). */
export const FULL_VILLAGE_COUNT = 5_000;
export const CITY_KEY_VILLAGES = 272;
export const PROVINCIAL_KEY_VILLAGES = 104;
/** Below this many villages the key-village counts shrink in proportion. */
export const KEY_VILLAGE_FULL_FROM = 1_000;
export const WATER_SCARCE_TOWNSHIPS = 3;
export const MIN_VILLAGES_PER_TOWNSHIP = 2;

/** Streets (街道), towns (镇) and townships (乡) per county: 139 in all, as in the city's 2020 report. */
const TOWNSHIP_COUNTS: Readonly<Record<string, readonly [street: number, town: number, xiang: number]>> = {
  '371502': [12, 15, 0],
  '371503': [3, 11, 0],
  '371521': [3, 12, 3],
  '371522': [4, 16, 4],
  '371524': [3, 7, 0],
  '371525': [3, 12, 3],
  '371526': [3, 9, 0],
  '371581': [4, 12, 0],
};

/** First code of each kind in the statistical division codes: 街道 0xx, 镇 1xx, 乡 2xx; villages (村委会) 2xx. */
const FIRST_CODE: Record<TownshipKind, number> = { street: 1, town: 101, xiang: 201 };
const FIRST_VILLAGE_CODE = 201;

/** 茌平县 became 茌平区 in 2019; the demo dates the change to the end of that year. */
export const CHIPING_CHANGE = { oldCode: '371523', newCode: '371503', validTo: '2019-12-31' } as const;

export interface VillagePlan {
  /** Index in the city's village list (0-based), the order households are generated in. */
  readonly index: number;
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  cityKey: boolean;
  provincialKey: boolean;
  waterScarce: boolean;
  households: number;
  /** Filled by insertCity. */
  id: number;
  path: string;
  readonly township: TownshipPlan;
}

export interface TownshipPlan {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly kind: TownshipKind;
  waterScarce: boolean;
  readonly villages: VillagePlan[];
  readonly county: CountyPlan;
  id: number;
  path: string;
}

export interface CountyPlan {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly townships: TownshipPlan[];
  id: number;
  path: string;
}

export interface CityPlan {
  readonly code: string;
  readonly name: string;
  readonly counties: CountyPlan[];
  readonly villages: VillagePlan[];
  id: number;
  path: string;
}

export function villageCountFor(households: number): number {
  const townships = Object.values(TOWNSHIP_COUNTS).reduce((n, [a, b, c]) => n + a + b + c, 0);
  const scaled = Math.round((FULL_VILLAGE_COUNT * households) / DEFAULT_HOUSEHOLDS);
  return Math.min(FULL_VILLAGE_COUNT, Math.max(townships * MIN_VILLAGES_PER_TOWNSHIP, scaled));
}

/** Splits `total` in proportion to `weights` (largest remainder), every share at least `min`. */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const free = total - min * weights.length;
  if (free < 0) throw new RangeError(`cannot give ${weights.length} parts at least ${min} each out of ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (free * w) / sum);
  const shares = exact.map((x) => Math.floor(x));
  let left = free - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) {
    const i = order[k % order.length]![1];
    shares[i] = shares[i]! + 1;
  }
  return shares.map((s) => s + min);
}

export function planCity(seed: number, households: number): CityPlan {
  const rng = new Rng(mixSeed(seed, 0xc17));
  const city: CityPlan = { code: LIAOCHENG_CITY.code, name: LIAOCHENG_CITY.name, counties: [], villages: [], id: 0, path: '' };
  const takenTownshipNames = new Set<string>();
  const townships: TownshipPlan[] = [];

  for (const c of LIAOCHENG_COUNTIES) {
    if (c.until) continue; // 茌平县 371523 is history of 茌平区, not an area of its own
    const county: CountyPlan = { code: c.code, name: c.name, nameEn: c.nameEn, townships: [], id: 0, path: '' };
    const counts = TOWNSHIP_COUNTS[c.code];
    if (!counts) throw new Error(`no township counts for ${c.code}`);
    const kinds: TownshipKind[] = ['street', 'town', 'xiang'];
    kinds.forEach((kind, k) => {
      for (let i = 0; i < counts[k]!; i++) {
        const { name, nameEn } = townshipName(rng, kind, takenTownshipNames);
        const t: TownshipPlan = {
          code: c.code + String(FIRST_CODE[kind] + i).padStart(3, '0'),
          name,
          nameEn,
          kind,
          waterScarce: false,
          villages: [],
          county,
          id: 0,
          path: '',
        };
        county.townships.push(t);
        townships.push(t);
      }
    });
    city.counties.push(county);
  }

  // Villages per township: towns are larger than streets (which are partly urban).
  const villageTotal = villageCountFor(households);
  const kindWeight: Record<TownshipKind, number> = { street: 0.5, town: 1.15, xiang: 1 };
  const perTownship = apportion(
    villageTotal,
    townships.map((t) => kindWeight[t.kind] * rng.real(0.7, 1.3)),
    MIN_VILLAGES_PER_TOWNSHIP,
  );
  townships.forEach((t, ti) => {
    const taken = new Set<string>();
    for (let i = 0; i < perTownship[ti]!; i++) {
      const { name, nameEn } = villageName(rng, taken);
      const v: VillagePlan = {
        index: city.villages.length,
        code: t.code + String(FIRST_VILLAGE_CODE + i).padStart(3, '0'),
        name,
        nameEn,
        cityKey: false,
        provincialKey: false,
        waterScarce: false,
        households: 0,
        id: 0,
        path: '',
        township: t,
      };
      t.villages.push(v);
      city.villages.push(v);
    }
  });

  // Key villages (扶贫工作重点村): rural ones; the provincial key villages are among the city's 272 (DOMAIN §9:
  // 272 key villages visited in all, ≥ 3 resident cadres in each of the 104 provincial ones).
  const scale = (full: number) =>
    villageTotal >= KEY_VILLAGE_FULL_FROM ? full : Math.max(1, Math.round((full * villageTotal) / KEY_VILLAGE_FULL_FROM));
  const rural = rng.shuffle(city.villages.filter((v) => v.township.kind !== 'street'));
  const cityKey = rural.slice(0, scale(CITY_KEY_VILLAGES));
  for (const v of cityKey) v.cityKey = true;
  for (const v of cityKey.slice(0, scale(PROVINCIAL_KEY_VILLAGES))) v.provincialKey = true;

  const scarce = rng.shuffle(townships.filter((t) => t.kind !== 'street')).slice(0, WATER_SCARCE_TOWNSHIPS);
  for (const t of scarce) {
    t.waterScarce = true;
    for (const v of t.villages) v.waterScarce = true;
  }

  // Households per village: key villages hold more poor households, streets fewer.
  const weights = city.villages.map(
    (v) => rng.real(0.6, 1.4) * (v.township.kind === 'street' ? 0.6 : 1) * (v.provincialKey ? 3 : v.cityKey ? 2.2 : 1),
  );
  const perVillage = apportion(households, weights);
  city.villages.forEach((v, i) => {
    v.households = perVillage[i]!;
    if (v.households > 9_999) throw new RangeError(`village ${v.code} would get ${v.households} households (max 9,999)`);
  });
  return city;
}

interface AreaRow {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  level: 'city' | 'county' | 'township' | 'village';
  parentId: number | null;
  path: string;
  cityKey: boolean;
  provincialKey: boolean;
  waterScarce: boolean;
}

const AREA_COLUMNS: readonly Column<AreaRow>[] = [
  { name: 'id', type: 'int', get: (r) => r.id },
  { name: 'code', type: 'text', get: (r) => r.code },
  { name: 'name', type: 'text', get: (r) => r.name },
  { name: 'name_en', type: 'text', get: (r) => r.nameEn },
  { name: 'level', type: 'text', get: (r) => r.level },
  { name: 'parent_id', type: 'int', get: (r) => r.parentId },
  { name: 'path', type: 'text', get: (r) => r.path },
  { name: 'city_key_village', type: 'bool', get: (r) => r.cityKey },
  { name: 'provincial_key_village', type: 'bool', get: (r) => r.provincialKey },
  { name: 'water_scarce', type: 'bool', get: (r) => r.waterScarce },
];

interface HistoryRow {
  areaId: number;
  code: string;
  name: string;
  validFrom: string | null;
  validTo: string;
  note: string;
}

const HISTORY_COLUMNS: readonly Column<HistoryRow>[] = [
  { name: 'area_id', type: 'int', get: (r) => r.areaId },
  { name: 'code', type: 'text', get: (r) => r.code },
  { name: 'name', type: 'text', get: (r) => r.name },
  { name: 'valid_from', type: 'date', get: (r) => r.validFrom },
  { name: 'valid_to', type: 'date', get: (r) => r.validTo },
  { name: 'note', type: 'text', get: (r) => r.note },
];

/** Writes the areas and their code history; fills in the ids and paths of the plan. Returns the area count. */
export async function insertCity(db: Db, city: CityPlan): Promise<number> {
  const total = 1 + city.counties.length + city.counties.reduce((n, c) => n + c.townships.length, 0) + city.villages.length;
  return db.transaction(async (tx) => {
    const ids = await reserveIds(tx, 'areas', total);
    let next = 0;
    const rows: AreaRow[] = [];
    const flags = { cityKey: false, provincialKey: false, waterScarce: false };
    city.id = ids[next++]!;
    city.path = `/${city.id}/`;
    rows.push({ id: city.id, code: city.code, name: city.name, nameEn: LIAOCHENG_CITY.nameEn, level: 'city', parentId: null, path: city.path, ...flags });
    for (const c of city.counties) {
      c.id = ids[next++]!;
      c.path = `${city.path}${c.id}/`;
      rows.push({ id: c.id, code: c.code, name: c.name, nameEn: c.nameEn, level: 'county', parentId: city.id, path: c.path, ...flags });
    }
    for (const c of city.counties) {
      for (const t of c.townships) {
        t.id = ids[next++]!;
        t.path = `${c.path}${t.id}/`;
        rows.push({
          id: t.id, code: t.code, name: t.name, nameEn: t.nameEn, level: 'township', parentId: c.id, path: t.path,
          ...flags, waterScarce: t.waterScarce,
        });
      }
    }
    for (const v of city.villages) {
      v.id = ids[next++]!;
      v.path = `${v.township.path}${v.id}/`;
      rows.push({
        id: v.id, code: v.code, name: v.name, nameEn: v.nameEn, level: 'village', parentId: v.township.id, path: v.path,
        cityKey: v.cityKey, provincialKey: v.provincialKey, waterScarce: v.waterScarce,
      });
    }
    await insertRows(tx, 'areas', AREA_COLUMNS, rows);

    // Former codes: the 聊城地区 codes before the prefecture became a city (1998), and 茌平县 → 茌平区 (2019).
    const history: HistoryRow[] = [];
    const byCode = new Map<string, { id: number }>([[city.code, city], ...city.counties.map((c) => [c.code, c] as const)]);
    for (const old of LIAOCHENG_PREFECTURE_CODES) {
      const successor = old.replacedBy === CHIPING_CHANGE.oldCode ? CHIPING_CHANGE.newCode : old.replacedBy;
      const area = successor ? byCode.get(successor) : undefined;
      if (!area) continue;
      history.push({
        areaId: area.id, code: old.code, name: old.name, validFrom: null, validTo: '1997-12-31',
        note: '聊城地区撤地设市（1998年）前的代码；演示数据日期取年末',
      });
    }
    const chiping = city.counties.find((c) => c.code === CHIPING_CHANGE.newCode);
    if (chiping) {
      history.push({
        areaId: chiping.id, code: CHIPING_CHANGE.oldCode, name: '茌平县', validFrom: '1998-01-01', validTo: CHIPING_CHANGE.validTo,
        note: '2019年撤销茌平县设立茌平区，代码371523改为371503；此前签发的身份证号仍以371523开头',
      });
      for (const t of chiping.townships) {
        history.push({
          areaId: t.id, code: CHIPING_CHANGE.oldCode + t.code.slice(6), name: t.name, validFrom: '1998-01-01', validTo: CHIPING_CHANGE.validTo,
          note: '茌平撤县设区前的乡镇代码',
        });
      }
    }
    await insertRows(tx, 'area_code_history', HISTORY_COLUMNS, history);
    return rows.length;
  });
}
