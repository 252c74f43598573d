import { describe, expect, it } from 'vitest';
import {
  areaCodeInfo,
  isKnownAreaCode,
  LIAOCHENG_CITY,
  LIAOCHENG_COUNTIES,
  LIAOCHENG_PREFECTURE_CODES,
  PROVINCES,
} from './area-codes.js';

describe('area codes', () => {
  it('accepts every province-level prefix with a plausible city and county part', () => {
    const prefixes = '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65';
    expect(Object.keys(PROVINCES).sort()).toEqual([...prefixes.split(' '), '71', '81', '82']);
    for (const p of Object.keys(PROVINCES)) {
      expect(isKnownAreaCode(`${p}0102`)).toBe(true);
      expect(isKnownAreaCode(`${p}9000`)).toBe(true);
    }
  });

  it('rejects unknown provinces, implausible city parts and malformed codes', () => {
    for (const code of ['001234', '160101', '390101', '990101', '370000', '379101', '37010', '3701011', '37O101', '']) {
      expect(isKnownAreaCode(code), code).toBe(false);
    }
  });

  it('accepts the region codes of Hong Kong, Macao and Taiwan residence permits', () => {
    expect(areaCodeInfo('810000')).toEqual({ province: '香港特别行政区' });
    expect(areaCodeInfo('830000')).toEqual({ province: '台湾省' });
    expect(isKnownAreaCode('830101')).toBe(false);
  });

  it('knows Liaocheng exactly, including 茌平县 371523 replaced by 茌平区 371503 in 2019', () => {
    expect(areaCodeInfo('371500')).toEqual({ province: '山东省', name: '聊城市' });
    expect(areaCodeInfo('371502')).toEqual({ province: '山东省', name: '东昌府区' });
    expect(areaCodeInfo('371503')).toEqual({ province: '山东省', name: '茌平区' });
    expect(areaCodeInfo('371523')).toEqual({ province: '山东省', name: '茌平县', historical: true });
    for (const code of ['371504', '371520', '371527', '371582', '371599']) {
      expect(isKnownAreaCode(code), code).toBe(false);
    }
  });

  it('names the pre-1998 codes of 聊城地区 as historical', () => {
    expect(areaCodeInfo('372524')).toEqual({ province: '山东省', name: '茌平县', historical: true });
    expect(areaCodeInfo('372599')).toEqual({ province: '山东省' });
  });

  it('lists 8 current county-level units, and every replaced code points to a listed one', () => {
    expect(LIAOCHENG_CITY).toMatchObject({ code: '371500', name: '聊城市', nameEn: 'Liaocheng' });
    expect(LIAOCHENG_COUNTIES.filter((c) => c.until === undefined)).toHaveLength(8);
    const all = [LIAOCHENG_CITY, ...LIAOCHENG_COUNTIES, ...LIAOCHENG_PREFECTURE_CODES];
    const codes = new Set(all.map((c) => c.code));
    expect(codes.size).toBe(all.length);
    for (const c of all) {
      expect(isKnownAreaCode(c.code), c.code).toBe(true);
      if (c.replacedBy !== undefined) expect(codes.has(c.replacedBy), c.code).toBe(true);
      expect(c.until === undefined).toBe(c.replacedBy === undefined);
    }
  });
});
