import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_LISTS, type CodeItem, type CodeListName } from './codes.js';
import {
  cleanName,
  cleanText,
  dateToSerial,
  parseAmountCell,
  parseBooleanCell,
  parseCodedCell,
  parseDateCell,
  parseIdCell,
  serialToDate,
} from './cell-values.js';
import { makeIdNumber } from './id-number.js';

const today = new Date('2025-06-01T04:00:00Z');

const isoDate = fc
  .date({ min: new Date('1900-03-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const toFullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

function valueOf<T>(r: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

describe('parseDateCell: serial numbers', () => {
  it('counts from 1899-12-30 from serial 61, and one day later below 60 (the Lotus leap-year bug)', () => {
    expect(valueOf(parseDateCell(1))).toEqual({ date: '1900-01-01', precision: 'day' });
    expect(valueOf(parseDateCell(59)).date).toBe('1900-02-28');
    expect(valueOf(parseDateCell(61)).date).toBe('1900-03-01');
    expect(valueOf(parseDateCell(44012)).date).toBe('2020-06-30');
  });

  it('refuses serial 60, the fictitious 1900-02-29, and serials outside Excel', () => {
    expect(parseDateCell(60)).toMatchObject({ ok: false, code: 'FICTITIOUS_DATE' });
    expect(parseDateCell(0)).toMatchObject({ ok: false, code: 'BAD_DATE' });
    expect(parseDateCell(-5)).toMatchObject({ ok: false, code: 'BAD_DATE' });
    expect(parseDateCell(Number.NaN)).toMatchObject({ ok: false, code: 'BAD_DATE' });
  });

  it('adds 1,462 days in the 1904 date system', () => {
    expect(valueOf(parseDateCell(0, { date1904: true })).date).toBe('1904-01-01');
    expect(valueOf(parseDateCell(44012 - 1462, { date1904: true })).date).toBe('2020-06-30');
    expect(valueOf(parseDateCell(60, { date1904: true })).date).toBe('1904-03-01');
  });

  it('drops the time of day, and reads a value a hair below midnight as that midnight', () => {
    expect(valueOf(parseDateCell(44012.75)).date).toBe('2020-06-30');
    expect(valueOf(parseDateCell(44012 - 1e-9)).date).toBe('2020-06-30');
  });

  it('reads an 8- or 6-digit number as YYYYMMDD or YYYYMM, not as a serial centuries away', () => {
    expect(valueOf(parseDateCell(20200630))).toEqual({ date: '2020-06-30', precision: 'day' });
    expect(valueOf(parseDateCell(202006))).toEqual({ date: '2020-06-01', precision: 'month' });
  });

  it('round-trips every date through its serial, in both date systems', () => {
    fc.assert(
      fc.property(isoDate, fc.boolean(), (iso, date1904) => {
        fc.pre(!date1904 || iso >= '1904-01-01');
        const serial = dateToSerial(iso, { date1904 });
        expect(valueOf(serialToDate(serial, { date1904 })).date).toBe(iso);
        expect(valueOf(serialToDate(serial + 0.5, { date1904 })).date).toBe(iso);
      }),
    );
  });

  it('agrees with serials Excel shows for dates before March 1900', () => {
    expect(dateToSerial('1900-01-01')).toBe(1);
    expect(dateToSerial('1900-02-28')).toBe(59);
    expect(dateToSerial('1900-03-01')).toBe(61);
  });
});

describe('parseDateCell: text', () => {
  const forms: [string, (y: string, m: string, d: string) => string][] = [
    ['ISO', (y, m, d) => `${y}-${m}-${d}`],
    ['slashes', (y, m, d) => `${y}/${Number(m)}/${Number(d)}`],
    ['dots', (y, m, d) => `${y}.${Number(m)}.${Number(d)}`],
    ['Chinese', (y, m, d) => `${y}年${Number(m)}月${Number(d)}日`],
    ['Chinese, zero-padded', (y, m, d) => `${y}年${m}月${d}日`],
    ['compact', (y, m, d) => `${y}${m}${d}`],
    ['with a time', (y, m, d) => `${y}-${m}-${d} 00:00:00`],
    ['full-width with spaces', (y, m, d) => toFullWidth(` ${y} 年 ${Number(m)} 月 ${Number(d)} 日 `)],
  ];

  it.each(forms)('parses every date written %s back to the same date', (_, format) => {
    fc.assert(
      fc.property(isoDate, (iso) => {
        const [y, m, d] = iso.split('-') as [string, string, string];
        expect(valueOf(parseDateCell(format(y, m, d)))).toEqual({ date: iso, precision: 'day' });
      }),
    );
  });

  it('reads a year and month as month precision, dated the 1st', () => {
    for (const s of ['202006', '2020-06', '2020/6', '2020.6', '2020年6月', '2020年06']) {
      expect(valueOf(parseDateCell(s))).toEqual({ date: '2020-06-01', precision: 'month' });
    }
  });

  it('refuses days that do not exist and text that is not a date', () => {
    for (const s of ['2021-02-29', '2020/13/1', '2020年6月31日', '20201301', '1799-01-01', 'abc', '30/06/2020', '2020-6/30']) {
      expect(parseDateCell(s)).toMatchObject({ ok: false, code: 'BAD_DATE' });
    }
    expect(valueOf(parseDateCell('2020-02-29')).date).toBe('2020-02-29');
  });

  it('reports an empty cell or a placeholder as EMPTY', () => {
    for (const s of ['', '  ', '/', '—', '-']) expect(parseDateCell(s)).toMatchObject({ ok: false, code: 'EMPTY' });
  });
});

describe('parseBooleanCell', () => {
  const yes = ['是', 'Y', 'y', 'yes', 'YES', '√', '✓', '✔', '1', '有', 'true', 'TRUE', 'Ｙ', '１', ' 是 '];
  const no = ['否', 'N', 'n', 'no', '×', '✗', 'x', 'X', '0', '无', 'false', 'Ｎ', '０'];

  it('reads the yes and no words people use, half- or full-width', () => {
    for (const s of yes) expect(parseBooleanCell(s)).toEqual({ ok: true, value: true });
    for (const s of no) expect(parseBooleanCell(s)).toEqual({ ok: true, value: false });
    expect(parseBooleanCell(1)).toEqual({ ok: true, value: true });
    expect(parseBooleanCell(false)).toEqual({ ok: true, value: false });
  });

  it('refuses anything else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 4 }), (s) => {
        const r = parseBooleanCell(s);
        const key = cleanText(s).toLowerCase();
        if (r.ok) expect(yes.map((w) => cleanText(w).toLowerCase()).concat(no.map((w) => cleanText(w).toLowerCase()), ['已', '未', '对', '错', '没有', '不是', 't', 'f', '☑', '☐', '✘'])).toContain(key);
      }),
    );
    expect(parseBooleanCell('也许')).toMatchObject({ ok: false, code: 'BAD_BOOLEAN' });
    expect(parseBooleanCell(2)).toMatchObject({ ok: false, code: 'BAD_BOOLEAN' });
    expect(parseBooleanCell('')).toMatchObject({ ok: false, code: 'EMPTY' });
  });
});

describe('parseAmountCell', () => {
  /** An amount in fen (1/100 yuan) written with random thousands separators, width, spaces and units. */
  const written = fc.record({
    fen: fc.integer({ min: 0, max: 10_000_000_000 }),
    grouped: fc.boolean(),
    fullWidth: fc.boolean(),
    unit: fc.constantFrom('', '元', ' 元', '¥', '￥'),
    decimals: fc.constantFrom(0, 1, 2),
    negative: fc.constantFrom('', '-', '−', '()'),
  });

  it('reads amounts with thousands separators, full-width digits, currency signs and signs', () => {
    fc.assert(
      fc.property(written, ({ fen, grouped, fullWidth, unit, decimals, negative }) => {
        const yuan = decimals === 2 ? fen / 100 : decimals === 1 ? Math.round(fen / 10) / 10 : Math.round(fen / 100);
        let text = decimals === 0 ? yuan.toFixed(0) : yuan.toFixed(decimals);
        if (grouped) text = text.replace(/^(\d+)/, (int) => int.replace(/\B(?=(\d{3})+$)/g, ','));
        text = unit.startsWith('¥') || unit.startsWith('￥') ? unit + text : text + unit;
        text = negative === '()' ? `(${text})` : negative + text;
        if (fullWidth) text = toFullWidth(text).replace(/,/g, '，');
        const expected = negative === '' || yuan === 0 ? yuan : -yuan;
        expect(parseAmountCell(text)).toEqual({ ok: true, value: expected });
      }),
    );
  });

  it('multiplies 万元 by 10,000 exactly', () => {
    expect(parseAmountCell('1.2345万元')).toEqual({ ok: true, value: 12345 });
    expect(parseAmountCell('3万')).toEqual({ ok: true, value: 30000 });
    expect(parseAmountCell('0.01万元')).toEqual({ ok: true, value: 100 });
  });

  it('takes numbers as they are and refuses badly grouped or non-numeric text', () => {
    expect(parseAmountCell(1234.5)).toEqual({ ok: true, value: 1234.5 });
    for (const s of ['12,34', '1,2345', 'abc', '1.2.3', '元', '1万万元', '--5']) {
      expect(parseAmountCell(s)).toMatchObject({ ok: false, code: 'BAD_AMOUNT' });
    }
    expect(parseAmountCell('—')).toMatchObject({ ok: false, code: 'EMPTY' });
  });
});

describe('parseCodedCell', () => {
  it('matches every item by its code, Chinese label and English label', () => {
    for (const listName of Object.keys(CODE_LISTS) as CodeListName[]) {
      for (const item of CODE_LISTS[listName] as readonly CodeItem[]) {
        for (const form of [item.code, item.zh, item.en, ` ${item.zh.toUpperCase()} `]) {
          expect(parseCodedCell(listName, form), `${listName}: ${form}`).toEqual({ ok: true, value: item.code });
        }
      }
    }
  });

  it('matches the variants people write', () => {
    const cases: [CodeListName, string, string][] = [
      ['relation', '子', 'son'],
      ['relation', '长女', 'daughter'],
      ['relation', '妻', 'spouse'],
      ['relation', '孙女', 'grandchild'],
      ['relation', '本人', 'head'],
      ['housingGrade', 'A', 'A'],
      ['housingGrade', 'c级', 'C'],
      ['housingGrade', 'Ｄ级', 'D'],
      ['povertyAttribute', '低保户', 'dibao'],
      ['povertyAttribute', '一般户', 'general'],
      ['povertyAttribute', '五保户', 'tekun'],
      ['medicalInsurance', '城乡居民医保', 'resident'],
      ['medicalInsurance', '居民医保', 'resident'],
      ['medicalInsurance', '是', 'resident'],
      ['disabilityGrade', '1级', '1'],
      ['disabilityGrade', '一', '1'],
      ['povertyCause', '因病致贫', 'illness'],
      ['sex', 'Ｍ', 'male'],
      ['sex', '2', 'female'],
      ['ethnicity', '汉', 'han'],
      ['householdType', '边缘易致贫户', 'monitored'],
      ['schoolStatus', '初二', 'junior'],
      ['education', '本科', 'college'],
    ];
    for (const [list, raw, code] of cases) expect(parseCodedCell(list, raw), `${list}: ${raw}`).toEqual({ ok: true, value: code });
  });

  it('refuses unknown values with the list in the message, and empty cells as EMPTY', () => {
    const r = parseCodedCell('relation', '邻居');
    expect(r).toMatchObject({ ok: false, code: 'UNKNOWN_CODE' });
    if (!r.ok) expect(r.reasonZh).toContain('户主');
    expect(parseCodedCell('sex', ' ')).toMatchObject({ ok: false, code: 'EMPTY' });
  });
});

describe('cleanText and cleanName', () => {
  it('applies NFKC, drops zero-width characters, unifies name separators and collapses whitespace', () => {
    expect(cleanText('\u200B 艾 力\n\t·\u00A0买买提\uFEFF ')).toBe('艾 力 · 买买提');
    for (const sep of ['・', '•', '‧', '･', '·']) expect(cleanText(`阿依${sep}古丽`)).toBe('阿依\u00B7古丽');
    expect(cleanText('ＡＢＣ１２３')).toBe('ABC123');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\n', '\u3000', '·', '・', '\u200B', '１', '张', 'Ａ', '\u00A0') }), (s) => {
        expect(cleanText(cleanText(s))).toBe(cleanText(s));
        expect(cleanName(cleanName(s))).toBe(cleanName(s));
      }),
    );
  });

  it('removes the spaces people type to align names, and reads a full stop between characters as the separator', () => {
    expect(cleanName(' 张　 三 ')).toBe('张三');
    expect(cleanName('买买提.吐尔逊')).toBe('买买提·吐尔逊');
    expect(cleanName('阿依 · 古丽')).toBe('阿依·古丽');
    expect(cleanName('John  Smith')).toBe('John Smith');
    // Rare characters of names some systems store in the Private Use Area must survive.
    expect(cleanName(' 张\uE000 ')).toBe('张\uE000');
  });
});

describe('parseIdCell', () => {
  it('treats every number cell as damaged by Excel, keeping the 15 digits it kept', () => {
    const r = parseIdCell({ number: 3.71502199001011e17 });
    expect(r).toMatchObject({ ok: false, code: 'EXCEL_DAMAGED', prefix15: '371502199001011' });
    if (!r.ok) {
      expect(r.reasonZh).toContain('文本格式');
      expect(r.reason).toContain('3.71502199001011E+17');
    }
  });

  it('keeps the trusted prefix of any 18-digit number Excel could store', () => {
    // Excel keeps the first 15 digits of a typed number and turns the rest into zeros.
    fc.assert(
      fc.property(fc.integer({ min: 110000, max: 659999 }), fc.integer({ min: 0, max: 999_999_999 }), (area, mid) => {
        const prefix = `${area}${String(mid).padStart(9, '0')}`;
        expect(parseIdCell({ number: Number(`${prefix}000`) })).toMatchObject({ ok: false, code: 'EXCEL_DAMAGED', prefix15: prefix });
      }),
    );
  });

  it('reads text IDs after normalisation, including a lower-case x and full-width digits', () => {
    expect(parseIdCell({ text: '11010519491231002x' }, { today })).toMatchObject({ ok: true, value: { id: '11010519491231002X' } });
    expect(parseIdCell({ text: toFullWidth('440524188001010014') }, { today })).toMatchObject({ ok: true });
    expect(parseIdCell({ text: " '440524188001010014" }, { today })).toMatchObject({ ok: true });
    expect(parseIdCell({ text: '="440524188001010014"' }, { today })).toMatchObject({ ok: true });
  });

  it('reports text that shows an Excel-damaged number (3.71502E+17, trailing 000) as damaged', () => {
    expect(parseIdCell({ text: '3.71502E+17' })).toMatchObject({ ok: false, code: 'EXCEL_DAMAGED', prefix15: null });
    const valid = makeIdNumber('371502', '1990-01-01', 123);
    const damaged = `${valid.slice(0, 15)}000`;
    if (damaged !== valid) {
      const r = parseIdCell({ text: damaged }, { today });
      expect(r.ok ? 'ok' : r.code).toMatch(/EXCEL_DAMAGED|ok/);
    }
  });

  it('passes the other rejections of parseIdNumber through', () => {
    expect(parseIdCell({ text: '12345' })).toMatchObject({ ok: false, code: 'BAD_LENGTH', prefix15: null });
    expect(parseIdCell({ text: '' })).toMatchObject({ ok: false, code: 'EMPTY' });
  });
});
