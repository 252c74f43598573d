import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIAOCHENG_COUNTIES, LIAOCHENG_PREFECTURE_CODES, PROVINCES } from './area-codes.js';
import {
  birthDateFromId,
  checkCharacter,
  ID_REJECTION_CODES,
  idNumberPrefix15,
  isValidIdNumber,
  makeIdNumber,
  maskIdNumber,
  normaliseIdNumber,
  parseIdNumber,
  sexFromId,
  type IdRejectionCode,
} from './id-number.js';

const today = new Date('2025-06-01T04:00:00Z');
const parse = (raw: string) => parseIdNumber(raw, { today });

function rejection(raw: string) {
  const r = parse(raw);
  if (r.ok) throw new Error(`expected ${raw} to be rejected`);
  return r.error;
}

/** An 18-character number with a correct check character, whatever the other digits say. */
const withCheck = (first17: string) => first17 + checkCharacter(first17);

const knownArea = fc.oneof(
  fc.constantFrom(...LIAOCHENG_COUNTIES.map((c) => c.code), ...LIAOCHENG_PREFECTURE_CODES.map((c) => c.code)),
  fc
    .tuple(fc.constantFrom(...Object.keys(PROVINCES)), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 0, max: 99 }))
    .map(([province, city, county]) => province + String(city).padStart(2, '0') + String(county).padStart(2, '0'))
    .filter((code) => !code.startsWith('3715')),
);

const isoDate = (min: string, max: string) =>
  fc
    .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

const birthDate = isoDate('1880-01-01', '2025-06-01');
const sequence = fc.integer({ min: 0, max: 999 });
const validId = fc.tuple(knownArea, birthDate, sequence).map(([a, d, s]) => makeIdNumber(a, d, s));

describe('parseIdNumber', () => {
  it("accepts the standard's own examples, including the one born on 1880-01-01", () => {
    expect(parse('11010519491231002X')).toEqual({
      ok: true,
      value: {
        id: '11010519491231002X',
        areaCode: '110105',
        birthDate: '1949-12-31',
        sex: 'female',
        converted15: false,
      },
    });
    expect(parse('440524188001010014')).toEqual({
      ok: true,
      value: { id: '440524188001010014', areaCode: '440524', birthDate: '1880-01-01', sex: 'male', converted15: false },
    });
  });

  it('round-trips area, birth date and sex through makeIdNumber', () => {
    fc.assert(
      fc.property(knownArea, birthDate, sequence, (area, date, seq) => {
        const r = parse(makeIdNumber(area, date, seq));
        expect(r).toEqual({
          ok: true,
          value: expect.objectContaining({ areaCode: area, birthDate: date, sex: seq % 2 === 1 ? 'male' : 'female' }),
        });
      }),
    );
  });

  it('rejects every single-character change of a valid number', () => {
    fc.assert(
      fc.property(validId, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...'0123456789X'), (id, pos, c) => {
        fc.pre(id[pos] !== c && (pos === 17 || c !== 'X'));
        const changed = id.slice(0, pos) + c + id.slice(pos + 1);
        const r = parse(changed);
        expect(r.ok).toBe(false);
        if (pos === 17 && !r.ok) expect(['BAD_CHECK_CHARACTER', 'EXCEL_DAMAGED']).toContain(r.error.code);
      }),
    );
  });

  it('says which check character was expected and which was found', () => {
    expect(rejection('110105194912310025')).toEqual({
      code: 'BAD_CHECK_CHARACTER',
      message: 'The check character (18th) should be X but is 5.',
      messageZh: '校验码（第18位）应为X，实际为5。',
    });
  });

  it('converts a 15-digit number by inserting 19 after the address code and computing the check character', () => {
    fc.assert(
      fc.property(knownArea, isoDate('1900-01-01', '1999-12-31'), sequence, (area, date, seq) => {
        const rest = date.slice(2).replaceAll('-', '') + String(seq).padStart(3, '0');
        const r = parse(area + rest);
        if (!r.ok) throw new Error(r.error.message);
        expect(r.value.converted15).toBe(true);
        expect(r.value.id.slice(0, 17)).toBe(`${area}19${rest}`);
        expect(r.value.id).toBe(makeIdNumber(area, date, seq));
        expect(parse(r.value.id)).toEqual({ ok: true, value: { ...r.value, converted15: false } });
      }),
    );
  });

  it('accepts numbers issued under a replaced address code (茌平县 371523, 聊城地区 3725xx)', () => {
    expect(isValidIdNumber(makeIdNumber('371523', '1985-03-04', 11))).toBe(true);
    expect(isValidIdNumber(makeIdNumber('372524', '1960-07-08', 22))).toBe(true);
    expect(isValidIdNumber(makeIdNumber('371503', '2020-01-01', 33))).toBe(true);
  });

  it('rejects address codes that do not exist', () => {
    expect(rejection(makeIdNumber('371599', '1990-01-01', 1)).code).toBe('UNKNOWN_AREA_CODE');
    expect(rejection(makeIdNumber('991234', '1990-01-01', 1)).code).toBe('UNKNOWN_AREA_CODE');
  });

  it('uses the area-code predicate it is given', () => {
    const id = makeIdNumber('371502', '1990-01-01', 1);
    expect(parseIdNumber(id, { today, isKnownAreaCode: () => false }).ok).toBe(false);
    const anywhere = makeIdNumber('999999', '1990-01-01', 1);
    expect(parseIdNumber(anywhere, { today, isKnownAreaCode: () => true }).ok).toBe(true);
  });

  it('rejects 29 February outside leap years, and 1900 is not one', () => {
    expect(rejection(withCheck('37150220230229123')).code).toBe('BAD_BIRTH_DATE');
    expect(rejection(withCheck('37150219000229123')).code).toBe('BAD_BIRTH_DATE');
    expect(rejection('371502000229123').code).toBe('BAD_BIRTH_DATE');
    expect(isValidIdNumber(makeIdNumber('371502', '2000-02-29', 123))).toBe(true);
    expect(isValidIdNumber(makeIdNumber('371502', '2024-02-29', 123))).toBe(true);
  });

  it('rejects birth dates in the future, judged by the calendar in China', () => {
    expect(rejection(makeIdNumber('371502', '2025-06-02', 1)).code).toBe('FUTURE_BIRTH_DATE');
    // 20:00 UTC on 31 May is already 1 June in Beijing: a baby born that morning is registrable.
    const justAfterMidnightInBeijing = new Date('2025-05-31T20:00:00Z');
    expect(parseIdNumber(makeIdNumber('371502', '2025-06-01', 1), { today: justAfterMidnightInBeijing }).ok).toBe(true);
  });

  it('rejects birth dates before 1880-01-01', () => {
    expect(rejection(makeIdNumber('371502', '1879-12-31', 1)).code).toBe('BIRTH_DATE_TOO_EARLY');
  });

  it('flags numbers a spreadsheet damaged, and only those', () => {
    const original = makeIdNumber('371502', '1990-01-01', 123);
    const damaged = `${original.slice(0, 15)}000`;
    expect(rejection(damaged)).toMatchObject({
      code: 'EXCEL_DAMAGED',
      message: expect.stringContaining('371502199001011'),
    });
    expect(rejection('3.71502E+17').code).toBe('EXCEL_DAMAGED');
    expect(rejection('3.71502199001011e+17').code).toBe('EXCEL_DAMAGED');
    // A genuine number can end in 000; its check character decides.
    const genuine = Array.from({ length: 366 }, (_, day) => {
      const date = new Date(Date.UTC(1990, 0, 1 + day)).toISOString().slice(0, 10);
      return makeIdNumber('371502', date, 0);
    }).find((id) => id.endsWith('000'));
    expect(genuine).toBeDefined();
    expect(isValidIdNumber(genuine!)).toBe(true);
  });

  it('gives every kind of rejection its own code and a message in English and Chinese', () => {
    const samples: Record<IdRejectionCode, string> = {
      EMPTY: ' \u3000\u200b',
      BAD_CHARACTERS: '3715021990-0101123',
      BAD_LENGTH: '37150219900101123',
      EXCEL_DAMAGED: '3.71502E+17',
      UNKNOWN_AREA_CODE: makeIdNumber('001234', '1990-01-01', 1),
      BAD_BIRTH_DATE: withCheck('37150219901301123'),
      BIRTH_DATE_TOO_EARLY: makeIdNumber('371502', '1799-01-01', 1),
      FUTURE_BIRTH_DATE: makeIdNumber('371502', '2099-01-01', 1),
      BAD_CHECK_CHARACTER: '110105194912310021',
    };
    expect(Object.keys(samples).sort()).toEqual([...ID_REJECTION_CODES].sort());
    for (const [code, raw] of Object.entries(samples)) {
      const error = rejection(raw);
      expect(error.code).toBe(code);
      expect(error.message.length).toBeGreaterThan(10);
      expect(error.messageZh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('points at a misplaced X and at unexpected characters by position', () => {
    const misplaced = rejection('37150219900101X123');
    expect(misplaced).toMatchObject({ code: 'BAD_CHARACTERS', messageZh: expect.stringContaining('第15位') });
    const x15 = rejection('37150290010112X');
    expect(x15).toMatchObject({ code: 'BAD_CHARACTERS', message: expect.stringContaining('Character 15') });
    expect(rejection('3715021990—0101123').message).toContain('U+2014');
  });
});

describe('normaliseIdNumber', () => {
  const fullWidth = (c: string) => String.fromCharCode(c.charCodeAt(0) + 0xfee0);
  const invisible = ['', ' ', '\u3000', '\t', '\r\n', '\u00a0', '\u200b', '\u200c', '\u200d', '\ufeff', '\u2060'];
  /** Per character: what precedes it, whether it is full-width, whether it is lower case. */
  const decoration = fc.tuple(fc.constantFrom(...invisible), fc.boolean(), fc.boolean());

  it('folds full-width characters, lower-case x, whitespace and zero-width characters', () => {
    expect(normaliseIdNumber(' １１０１０５ １９４９１２３１\u200b００２ｘ\n')).toBe('11010519491231002X');
    fc.assert(
      fc.property(validId, fc.array(decoration, { minLength: 18, maxLength: 18 }), (id, decorations) => {
        const messy = Array.from(id, (c, i) => {
          const [before, wide, lower] = decorations[i]!;
          const ch = lower ? c.toLowerCase() : c;
          return before + (wide ? fullWidth(ch) : ch);
        }).join('');
        expect(normaliseIdNumber(messy)).toBe(id);
        expect(parse(messy)).toEqual(parse(id));
      }),
    );
  });

  it('is idempotent, on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = normaliseIdNumber(s);
        expect(normaliseIdNumber(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
    for (const s of ['e\u200d\u0301', 'i\u0307', 'e\u00b4', 'e \u0301']) {
      expect(normaliseIdNumber(normaliseIdNumber(s))).toBe(normaliseIdNumber(s));
    }
  });
});

describe('checkCharacter', () => {
  it('completes the ISO 7064 MOD 11-2 sum to 1 (mod 11), with X standing for 10', () => {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (first17) => {
        const c = checkCharacter(first17);
        const sum = Array.from(first17).reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
        expect((sum + (c === 'X' ? 10 : Number(c))) % 11).toBe(1);
      }),
    );
  });

  it('refuses anything but 17 digits', () => {
    expect(() => checkCharacter('1234')).toThrow(RangeError);
    expect(() => checkCharacter('1101051949123100X')).toThrow(RangeError);
  });
});

describe('field helpers', () => {
  it('read sex and birth date from an 18-character number', () => {
    expect(sexFromId('11010519491231002X')).toBe('female');
    expect(sexFromId('440524188001010014')).toBe('male');
    expect(birthDateFromId('11010519491231002X')).toBe('1949-12-31');
    expect(() => sexFromId('371502900101123')).toThrow(RangeError);
    expect(() => birthDateFromId('abc')).toThrow(RangeError);
  });

  it('makeIdNumber refuses inputs it cannot encode', () => {
    expect(() => makeIdNumber('37150', '1990-01-01', 1)).toThrow(RangeError);
    expect(() => makeIdNumber('371502', '1990-02-30', 1)).toThrow(RangeError);
    expect(() => makeIdNumber('371502', '1990-01-01', 1000)).toThrow(RangeError);
    expect(() => makeIdNumber('371502', '1990-01-01', 1.5)).toThrow(RangeError);
  });
});

describe('idNumberPrefix15', () => {
  it('is the same for a number and its spreadsheet-damaged copy', () => {
    fc.assert(
      fc.property(validId, (id) => {
        expect(idNumberPrefix15(id)).toBe(id.slice(0, 15));
        expect(idNumberPrefix15(`${id.slice(0, 15)}000`)).toBe(id.slice(0, 15));
        expect(idNumberPrefix15(`${id[0]}.${id.slice(1, 15)}E+17`)).toBe(id.slice(0, 15));
      }),
    );
  });

  it('is the prefix of the 18-character form for a first-generation number', () => {
    expect(idNumberPrefix15('371502900101123')).toBe('371502199001011');
  });

  it('is null when the first 15 digits are not all known', () => {
    expect(idNumberPrefix15('3.71502E+17')).toBeNull();
    expect(idNumberPrefix15('37150219900101')).toBeNull();
    expect(idNumberPrefix15('张三')).toBeNull();
  });
});

describe('maskIdNumber', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskIdNumber('37150219900101123X')).toBe('371502********123X');
    expect(maskIdNumber('371502900101123')).toBe('371502*****1123');
    expect(maskIdNumber(' 371502 19900101123x ')).toBe('371502********123X');
  });

  it('never shows a short or odd value whole', () => {
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber('1')).toBe('*');
    expect(maskIdNumber('12345678')).toBe('12****78');
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), (s) => {
        const masked = maskIdNumber(s);
        const n = Array.from(normaliseIdNumber(s)).length;
        expect(Array.from(masked)).toHaveLength(n);
        if (n > 0) expect(masked).toContain('*');
      }),
    );
  });
});
