import { describe, expect, it } from 'vitest';
import { ROSTER_CATALOGUE } from './fields.js';
import { detectHeader } from './header.js';
import { applyMapping, mappingFromTemplate, templateFromHeader } from './mapping.js';
import { textCell } from './raw-cell.js';
import type { SourceRow } from './source.js';

const headerOf = (...headings: string[]) => {
  const rows: SourceRow[] = [{ rowNumber: 1, cells: headings.map((h) => textCell(h)) }];
  const h = detectHeader(rows, ROSTER_CATALOGUE);
  if (!h) throw new Error('no header');
  return h;
};

describe('mapping templates', () => {
  it('carry corrections to a file whose columns moved', () => {
    const first = headerOf('姓名', '身份证号', '电话(户)', '备注');
    const corrected = applyMapping(first, { 2: 'contactPhone' }, ROSTER_CATALOGUE, 100);
    if (!corrected.ok) throw new Error(corrected.rejection.message);
    const template = templateFromHeader('冠县月报', ROSTER_CATALOGUE, corrected.value);
    expect(template).toMatchObject({ name: '冠县月报', catalogue: 'household-roster', headerRowCount: 1 });
    const json = JSON.parse(JSON.stringify(template)) as typeof template;

    const next = headerOf('备注', '电话（户）', '新增列', '身份证号', '姓名');
    const { mapping, unknown } = mappingFromTemplate(next, json);
    expect(unknown).toEqual(['新增列']);
    const applied = applyMapping(next, mapping, ROSTER_CATALOGUE, 100);
    if (!applied.ok) throw new Error(applied.rejection.message);
    expect(applied.value.columns.map((c) => c.field)).toEqual([null, 'contactPhone', null, 'idNumber', 'name']);
  });

  it('give a field to the first of two columns with the same heading', () => {
    const h = headerOf('姓名', '身份证号', '姓名');
    const { mapping } = mappingFromTemplate(h, { name: 't', catalogue: 'household-roster', headerRowCount: 1, columns: [{ header: '姓名', field: 'name' }] });
    expect(mapping).toEqual({ 0: 'name', 2: null });
  });
});

describe('applyMapping', () => {
  it('moves a field to the chosen column, adds columns without a heading, and updates the missing fields', () => {
    const h = headerOf('姓名', '证件', '性别', '民族');
    expect(h.missingRequired).toEqual(['idNumber']);
    const r = applyMapping(h, { 1: 'idNumber', 5: 'phone' }, ROSTER_CATALOGUE, 100);
    if (!r.ok) throw new Error(r.rejection.message);
    expect(r.value.columns.map((c) => [c.letter, c.field, c.chosen])).toEqual([
      ['A', 'name', false],
      ['B', 'idNumber', true],
      ['C', 'sex', false],
      ['D', 'ethnicity', false],
      ['E', null, false],
      ['F', 'phone', true],
    ]);
    expect(r.value.missingRequired).toEqual([]);
  });

  it('refuses columns out of range', () => {
    expect(applyMapping(headerOf('姓名', '身份证号'), { 500: 'phone' }, ROSTER_CATALOGUE, 100)).toMatchObject({ ok: false, rejection: { reason: 'BAD_MAPPING' } });
  });
});
