import { describe, expect, it } from 'vitest';
import { CODE_LISTS } from '../../domain/codes.js';
import { defineCatalogue, ROSTER_CATALOGUE } from './fields.js';
import { headerKey, matchHeading } from './header.js';

describe('ROSTER_CATALOGUE', () => {
  it('recognises every label and synonym as its own field', () => {
    for (const f of ROSTER_CATALOGUE.fields) {
      for (const name of [f.label, ...f.synonyms]) expect(matchHeading(ROSTER_CATALOGUE, name).field, `${f.key}: ${name}`).toBe(f.key);
    }
  });

  it('gives no heading to two fields', () => {
    const owner = new Map<string, string>();
    for (const f of ROSTER_CATALOGUE.fields) {
      for (const name of [f.label, ...f.synonyms]) {
        const key = headerKey(name);
        expect(owner.get(key) ?? f.key, `${name} is named by ${owner.get(key)} and ${f.key}`).toBe(f.key);
        owner.set(key, f.key);
      }
    }
  });

  it('refers only to coded lists that exist, and requires the name and ID number', () => {
    for (const f of ROSTER_CATALOGUE.fields) if (f.kind.startsWith('coded:')) expect(Object.keys(CODE_LISTS)).toContain(f.kind.slice(6));
    expect(ROSTER_CATALOGUE.fields.filter((f) => f.required).map((f) => f.key)).toEqual(['name', 'idNumber']);
  });
});

it('defineCatalogue refuses a field defined twice', () => {
  expect(() => defineCatalogue('x', [
    { key: 'a', label: 'A', labelEn: 'A', synonyms: [], kind: 'text', required: false },
    { key: 'a', label: 'B', labelEn: 'B', synonyms: [], kind: 'text', required: false },
  ])).toThrow(/defined twice/);
});
