import { describe, expect, it } from 'vitest';
import { Rng } from '../../modules/demo/random.js';
import { isValidIdNumber } from '../id-number.js';
import { compareIds } from './id-repair.js';
import { compareNames } from './names.js';
import { damage, generateTruth, type DamageKind, type TruePerson } from './truth.js';

const person: TruePerson = {
  key: 'p1',
  idNumber: '371521196503081238',
  name: '张建伟',
  birthDate: '1965-03-08',
  sex: 'male',
  areaCode: '371521101203',
};

describe('damage', () => {
  it('does what its label says', () => {
    const rng = new Rng(7);
    const seen = (kind: DamageKind) => damage(rng, person, [kind]);
    expect(compareNames(seen('traditional').name, person.name).level).toBe('traditional');
    expect(compareNames(seen('homophone').name, person.name).level).toBe('homophone');
    expect(compareNames(seen('name_format').name, person.name).level).toBe('exact');
    expect(seen('missing_id')).toMatchObject({ idNumber: undefined, birthDate: person.birthDate });
    expect(compareIds(seen('one_digit').idNumber, person.idNumber)).toBe('one_digit');
    expect(compareIds(seen('transposition').idNumber, person.idNumber)).toBe('transposition');
    expect(seen('old_15').idNumber).toBe('371521650308123');
    const typo = seen('birth_typo');
    expect(typo.birthDate).not.toBe(person.birthDate);
    expect(typo.damage).toContain('birth_typo');
    expect(seen('none')).toMatchObject({ truth: 'p1', name: person.name, idNumber: person.idNumber });
  });

  it('labels a damage that cannot apply as none', () => {
    const young = { ...person, idNumber: '371521201003081235', birthDate: '2010-03-08' };
    expect(damage(new Rng(1), young, ['old_15']).damage[0]).toBe('none');
  });

  it('labels every record of a generated truth with a real person or none', () => {
    const truth = generateTruth(42, { persons: 300 });
    const keys = new Set(truth.registry.map((p) => p.key));
    expect(truth.registry.length).toBeGreaterThan(300);
    expect(new Set(truth.registry.map((p) => p.idNumber)).size).toBe(truth.registry.length);
    for (const p of truth.registry) expect(isValidIdNumber(p.idNumber)).toBe(true);
    const inRegistry = truth.records.filter((r) => r.truth !== null);
    expect(inRegistry).toHaveLength(300);
    for (const r of inRegistry) expect(keys.has(r.truth!)).toBe(true);
    expect(truth.records.length - inRegistry.length).toBe(60);
  });

  it('is reproducible from its seed', () => {
    expect(generateTruth(5, { persons: 50 })).toEqual(generateTruth(5, { persons: 50 }));
  });
});
