/**
 * Address codes (GB/T 2260) as they appear in the first six digits of a resident ID number.
 *
 * The full national code list with its history is not available offline, so the policy is:
 *  - Liaocheng (3715xx, the demo city) is checked exactly against the list below, including codes that no longer
 *    exist: the address code of an ID number never changes, so numbers issued under 茌平县 371523 stay valid after
 *    the county became 茌平区 371503 in 2019.
 *  - Everywhere else a code only has to be structurally plausible: a real province prefix, a city part (digits 3-4)
 *    of 01-90 (90 is used for county-level units directly under a province) and any county part (digits 5-6).
 *    That rejects typos in the province digits and obvious junk without rejecting genuine numbers we cannot
 *    verify. Liaocheng's pre-1998 prefecture codes (3725xx, 聊城地区) fall under this rule and are merely named.
 */

export interface AreaCodeEntry {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  /** Year the code came into use, where known. */
  readonly since?: string;
  /** Year the code was replaced; ID numbers issued under it remain valid. */
  readonly until?: string;
  readonly replacedBy?: string;
}

export interface AreaCodeInfo {
  /** Chinese name of the province-level division. */
  readonly province: string;
  /** The code is no longer in use (ID numbers issued under it are still valid). */
  readonly historical?: boolean;
  /** Name of the division, only where the code is in the local list. */
  readonly name?: string;
}

export const PROVINCES: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
  '71': '台湾省',
  '81': '香港特别行政区',
  '82': '澳门特别行政区',
};

/**
 * Residence permits for Hong Kong, Macao and Taiwan residents (港澳台居民居住证, since 2018) carry citizen ID
 * numbers whose address code is the region code itself; 830000 is used for Taiwan although GB/T 2260 has no 83.
 */
const RESIDENCE_PERMIT_CODES: Readonly<Record<string, string>> = {
  '810000': '香港特别行政区',
  '820000': '澳门特别行政区',
  '830000': '台湾省',
};

export const LIAOCHENG_CITY: AreaCodeEntry = { code: '371500', name: '聊城市', nameEn: 'Liaocheng', since: '1998' };

/** County-level units of Liaocheng since it became a prefecture-level city in 1998, including replaced codes. */
export const LIAOCHENG_COUNTIES: readonly AreaCodeEntry[] = [
  { code: '371502', name: '东昌府区', nameEn: 'Dongchangfu District', since: '1998' },
  { code: '371503', name: '茌平区', nameEn: 'Chiping District', since: '2019' },
  { code: '371521', name: '阳谷县', nameEn: 'Yanggu County', since: '1998' },
  { code: '371522', name: '莘县', nameEn: 'Shen County', since: '1998' },
  { code: '371523', name: '茌平县', nameEn: 'Chiping County', since: '1998', until: '2019', replacedBy: '371503' },
  { code: '371524', name: '东阿县', nameEn: "Dong'e County", since: '1998' },
  { code: '371525', name: '冠县', nameEn: 'Guan County', since: '1998' },
  { code: '371526', name: '高唐县', nameEn: 'Gaotang County', since: '1998' },
  { code: '371581', name: '临清市', nameEn: 'Linqing City', since: '1998' },
];

/** The 市辖区 placeholder every prefecture-level city has in GB/T 2260; early ID numbers were issued under it. */
const LIAOCHENG_MUNICIPAL_DISTRICTS: AreaCodeEntry = {
  code: '371501',
  name: '市辖区',
  nameEn: 'Liaocheng municipal districts',
  since: '1998',
};

/**
 * Codes of 聊城地区 (Liaocheng Prefecture) before 1998. Most adults in the demo city were first issued an ID
 * number under one of these.
 */
export const LIAOCHENG_PREFECTURE_CODES: readonly AreaCodeEntry[] = [
  { code: '372500', name: '聊城地区', nameEn: 'Liaocheng Prefecture', until: '1998', replacedBy: '371500' },
  { code: '372501', name: '聊城市', nameEn: 'Liaocheng (county-level city)', until: '1998', replacedBy: '371502' },
  { code: '372502', name: '临清市', nameEn: 'Linqing City', until: '1998', replacedBy: '371581' },
  { code: '372522', name: '阳谷县', nameEn: 'Yanggu County', until: '1998', replacedBy: '371521' },
  { code: '372523', name: '莘县', nameEn: 'Shen County', until: '1998', replacedBy: '371522' },
  { code: '372524', name: '茌平县', nameEn: 'Chiping County', until: '1998', replacedBy: '371523' },
  { code: '372525', name: '东阿县', nameEn: "Dong'e County", until: '1998', replacedBy: '371524' },
  { code: '372526', name: '冠县', nameEn: 'Guan County', until: '1998', replacedBy: '371525' },
  { code: '372527', name: '高唐县', nameEn: 'Gaotang County', until: '1998', replacedBy: '371526' },
];

const EXACT_PREFIX = LIAOCHENG_CITY.code.slice(0, 4);

const NAMED = new Map(
  [LIAOCHENG_CITY, LIAOCHENG_MUNICIPAL_DISTRICTS, ...LIAOCHENG_COUNTIES, ...LIAOCHENG_PREFECTURE_CODES].map((e) => [
    e.code,
    e,
  ]),
);

export function areaCodeInfo(code6: string): AreaCodeInfo | undefined {
  if (!/^\d{6}$/.test(code6)) return undefined;
  const permitRegion = RESIDENCE_PERMIT_CODES[code6];
  if (permitRegion !== undefined) return { province: permitRegion };
  const province = PROVINCES[code6.slice(0, 2)];
  if (province === undefined) return undefined;
  const named = NAMED.get(code6);
  if (named) {
    const info = { province, name: named.name };
    return named.until === undefined ? info : { ...info, historical: true };
  }
  if (code6.startsWith(EXACT_PREFIX)) return undefined;
  const city = Number(code6.slice(2, 4));
  return city >= 1 && city <= 90 ? { province } : undefined;
}

export function isKnownAreaCode(code6: string): boolean {
  return areaCodeInfo(code6) !== undefined;
}
