import { describe, expect, it } from 'vitest';
import { convertCell } from './convert.js';
import { EMPTY_CELL, UNCACHED_FORMULA, type RawCell } from './raw-cell.js';

const text = (t: string): RawCell => ({ type: 'text', text: t });
const num = (n: number): RawCell => ({ type: 'number', number: n });
const today = new Date('2025-06-01T04:00:00Z');

describe('convertCell', () => {
  it('reports empty cells, Excel errors and uncached formulas the same way for every kind', () => {
    for (const kind of ['text', 'id', 'date', 'amount', 'boolean', 'coded:sex'] as const) {
      expect(convertCell(kind, EMPTY_CELL)).toMatchObject({ ok: false, code: 'EMPTY' });
      expect(convertCell(kind, text('  '))).toMatchObject({ ok: false, code: 'EMPTY' });
      expect(convertCell(kind, { type: 'error', error: '#N/A' })).toMatchObject({ ok: false, code: 'EXCEL_ERROR' });
      expect(convertCell(kind, { type: 'error', error: UNCACHED_FORMULA, formula: 'A1' })).toMatchObject({ ok: false, code: 'UNCACHED_FORMULA' });
    }
  });

  it('never reads a long code through a number: an ID is damaged, other long numbers too', () => {
    expect(convertCell('id', num(371502199001011000), { id: { today } })).toMatchObject({ ok: false, code: 'EXCEL_DAMAGED', prefix15: '371502199001011' });
    expect(convertCell('digits', num(3.71522001001e17))).toMatchObject({ ok: false, code: 'NUMBER_TOO_LONG' });
    expect(convertCell('digits', num(371522001001))).toEqual({ ok: true, value: '371522001001' });
    expect(convertCell('phone', num(13800000000))).toEqual({ ok: true, value: '13800000000' });
    expect(convertCell('text', num(1e16))).toMatchObject({ ok: false, code: 'NUMBER_TOO_LONG' });
  });

  it('reads dates stored as date cells, serial numbers, YYYYMMDD numbers and text, in the workbook date system', () => {
    expect(convertCell('date', { type: 'date', serial: 44012 })).toEqual({ ok: true, value: { date: '2020-06-30', precision: 'day' } });
    expect(convertCell('date', { type: 'date', serial: 44012 - 1462 }, { date1904: true })).toEqual({ ok: true, value: { date: '2020-06-30', precision: 'day' } });
    expect(convertCell('date', num(44012))).toMatchObject({ ok: true, value: { date: '2020-06-30' } });
    expect(convertCell('date', num(20200630))).toMatchObject({ ok: true, value: { date: '2020-06-30' } });
    expect(convertCell('date', text('2020年6月'))).toEqual({ ok: true, value: { date: '2020-06-01', precision: 'month' } });
  });

  it('reads names, amounts, integers, booleans and coded values', () => {
    expect(convertCell('name', text(' 张  三 '))).toEqual({ ok: true, value: '张三' });
    expect(convertCell('amount', text('1,234.50元'))).toEqual({ ok: true, value: 1234.5 });
    expect(convertCell('integer', text('4人'))).toMatchObject({ ok: false, code: 'BAD_AMOUNT' });
    expect(convertCell('integer', num(4.5))).toMatchObject({ ok: false, code: 'NOT_INTEGER' });
    expect(convertCell('integer', text('４'))).toEqual({ ok: true, value: 4 });
    expect(convertCell('boolean', { type: 'boolean', value: true })).toEqual({ ok: true, value: true });
    expect(convertCell('boolean', text('√'))).toEqual({ ok: true, value: true });
    expect(convertCell('coded:housingGrade', text('b级'))).toEqual({ ok: true, value: 'B' });
    expect(convertCell('coded:disabilityGrade', num(2))).toEqual({ ok: true, value: '2' });
    expect(convertCell('digits', text("'3715 2200 1001"))).toEqual({ ok: true, value: '371522001001' });
    expect(convertCell('phone', text('138-0000 0000'))).toEqual({ ok: true, value: '13800000000' });
  });
});
