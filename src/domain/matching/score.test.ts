import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../id-number.js';
import { bestCandidates, blockingKeys, classify } from './candidates.js';
import {
  AUTO_THRESHOLD,
  classifyScore,
  compareAreas,
  compareBirthDates,
  compareLocation,
  compareSex,
  MU_VALUES,
  REVIEW_THRESHOLD,
  scoreMatch,
  weightOf,
  type MatchSubject,
} from './score.js';

const today = { today: new Date('2026-06-01T00:00:00Z') };
const VILLAGE = '371521101203';

function person(over: Partial<MatchSubject> & { seq?: number } = {}): MatchSubject {
  const birthDate = over.birthDate ?? '1965-03-08';
  return {
    idNumber: makeIdNumber('371521', birthDate, over.seq ?? 123),
    name: '张伟',
    birthDate,
    sex: (over.seq ?? 123) % 2 === 1 ? 'male' : 'female',
    areaCode: VILLAGE,
    ...over,
  };
}

const swapped = (id: string, i: number) => id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
const substituted = (id: string, i: number) => id.slice(0, i) + String((Number(id[i]) + 1) % 10) + id.slice(i + 1);

describe('field comparisons', () => {
  it('compares birth dates, sexes and areas with their typical typos', () => {
    expect(compareBirthDates('1965-03-08', '19650308')).toBe('equal');
    expect(compareBirthDates('1965-03-08', '1965-03-09')).toBe('near');
    expect(compareBirthDates('1965-03-08', '1965-08-03')).toBe('near');
    expect(compareBirthDates('1965-03-08', '1956-03-08')).toBe('near');
    expect(compareBirthDates('1965-03-08', '1972-11-30')).toBe('different');
    expect(compareBirthDates('1965-03-08', null)).toBe('missing');
    expect(compareSex('男', 'male')).toBe('equal');
    expect(compareSex('2', 'male')).toBe('different');
    expect(compareSex('未知', 'male')).toBe('missing');
    expect(compareAreas(VILLAGE, VILLAGE)).toBe('same_village');
    expect(compareAreas(VILLAGE, '371521101204')).toBe('same_township');
    expect(compareAreas(VILLAGE, '371521102203')).toBe('same_county');
    expect(compareAreas(VILLAGE, '371522101203')).toBe('different');
    expect(compareAreas('/1/4/37/912/', '/1/4/37/913/')).toBe('same_township');
    expect(compareLocation({ village: '张庄村委会' }, { village: '张庄村' })).toBe('same_village');
    expect(compareLocation({ village: '张庄' }, { village: '李庄' })).toBe('different');
  });

  it('weighs agreement positive and disagreement negative', () => {
    for (const field of Object.values(MU_VALUES)) {
      for (const [level, mu] of Object.entries(field)) {
        const agreeing = !/different|conflict|county/.test(level);
        expect(weightOf(mu) > 0, level).toBe(agreeing);
      }
    }
  });
});

describe('scoreMatch', () => {
  const truth = person();

  it('scores the damaged forms of a record against its person, with reasons', () => {
    const id = truth.idNumber!;
    const oneDigit = scoreMatch({ ...truth, idNumber: substituted(id, 9), name: '张玮' }, truth, today);
    expect(oneDigit.reasons).toEqual(['id_one_digit', 'name_homophone', 'birth_equal', 'sex_equal', 'same_village']);
    expect(classifyScore(oneDigit.score)).toBe('auto');
    expect(scoreMatch({ idNumber: swapped(id, 11), name: '張偉' }, truth, today).reasons).toEqual([
      'id_transposition',
      'name_traditional',
    ]);
    const old = scoreMatch({ idNumber: id.slice(0, 6) + id.slice(8, 17), name: '张伟' }, truth, today);
    expect(old.reasons).toEqual(['id_from_15', 'name_exact']);
    expect(classifyScore(old.score)).toBe('auto');
  });

  it('matches the same ID with a consistent or absent name automatically', () => {
    expect(classifyScore(scoreMatch({ idNumber: truth.idNumber, name: '张 伟' }, truth, today).score)).toBe('auto');
    expect(classifyScore(scoreMatch({ idNumber: truth.idNumber }, truth, today).score)).toBe('auto');
    // Even when every other column disagrees: the ID number names the person.
    const moved = scoreMatch({ idNumber: truth.idNumber, name: '张伟', birthDate: '1970-01-01', areaCode: '371522101203' }, truth, today);
    expect(classifyScore(moved.score)).toBe('auto');
  });

  it('never matches the same ID with a completely different name automatically: a person reviews it', () => {
    const m = scoreMatch({ ...truth, name: '李秀英' }, truth, today);
    expect(classifyScore(m.score)).toBe('review');
    expect(m.reasons).toContain('id_name_conflict');
  });

  it('never matches two different valid ID numbers automatically', () => {
    const m = scoreMatch({ ...truth, idNumber: makeIdNumber('371521', '1965-03-08', 125) }, truth, today);
    expect(m.levels.id).toBe('conflict');
    expect(classifyScore(m.score)).not.toBe('auto');
  });

  it('needs more than a name to match without an ID number', () => {
    expect(classifyScore(scoreMatch({ name: '张伟' }, truth, today).score)).toBe('unmatched');
    expect(classifyScore(scoreMatch({ name: '张伟', birthDate: truth.birthDate, sex: '男' }, truth, today).score)).toBe('auto');
    const otherBirth = scoreMatch({ name: '张伟', birthDate: '1972-11-30', areaCode: VILLAGE }, truth, today);
    expect(classifyScore(otherBirth.score)).not.toBe('auto');
  });

  it('is symmetric, also when one side carries a repaired ID', () => {
    const subject = fc.record({
      idNumber: fc.option(
        fc.constantFrom(truth.idNumber!, substituted(truth.idNumber!, 5), swapped(truth.idNumber!, 13), '371521650308123'),
        { nil: undefined },
      ),
      name: fc.option(fc.constantFrom('张伟', '張偉', '张玮', '张文', '李强'), { nil: undefined }),
      birthDate: fc.option(fc.constantFrom('1965-03-08', '1965-03-09', '1970-01-01'), { nil: undefined }),
      sex: fc.option(fc.constantFrom('male', 'female', '男'), { nil: undefined }),
      areaCode: fc.option(fc.constantFrom(VILLAGE, '371521101204', '371522101203'), { nil: undefined }),
    });
    fc.assert(
      fc.property(subject, subject, (a, b) => {
        expect(scoreMatch(a, b, today).score).toBeCloseTo(scoreMatch(b, a, today).score, 12);
      }),
    );
  });

  it('keeps the score in [0, 1] and classifies by the exported thresholds', () => {
    expect(classifyScore(AUTO_THRESHOLD)).toBe('auto');
    expect(classifyScore(REVIEW_THRESHOLD)).toBe('review');
    expect(classifyScore(REVIEW_THRESHOLD - 1e-9)).toBe('unmatched');
    const m = scoreMatch(truth, truth, today);
    expect(m.score).toBeGreaterThanOrEqual(0);
    expect(m.score).toBeLessThanOrEqual(1);
  });
});

describe('bestCandidates and classify', () => {
  const truth = person();
  const twin = person({ name: '张强', seq: 125 });
  const namesake = person({ birthDate: '1972-11-30', seq: 311 });

  it('ranks the true person first and returns at most three', () => {
    const others = [namesake, twin, person({ name: '王芳', seq: 126 }), truth];
    const ranked = bestCandidates({ name: '张伟', birthDate: '1965-03-08', areaCode: VILLAGE }, others, today);
    expect(ranked).toHaveLength(3);
    expect(ranked[0]!.person).toBe(truth);
    expect(ranked[0]!.index).toBe(3);
    expect(classify(ranked)).toBe('auto');
    expect(classify([])).toBe('unmatched');
  });

  it('sends a near tie to review even above the automatic threshold', () => {
    const double = person({ seq: 127, areaCode: '371521101209' });
    const ranked = bestCandidates({ name: '张伟', birthDate: '1965-03-08' }, [truth, double], today);
    expect(ranked[0]!.score).toBeGreaterThanOrEqual(AUTO_THRESHOLD);
    expect(classify(ranked)).toBe('review');
  });

  it('lets the exact ID number decide over a near tie', () => {
    const lookalike = person({ name: '张玮', seq: 127 });
    const ranked = bestCandidates({ idNumber: truth.idNumber, name: '张伟', birthDate: truth.birthDate }, [lookalike, truth], today);
    expect(ranked[0]!.person).toBe(truth);
    expect(classify(ranked)).toBe('auto');
  });

  it('files a record with a damaged ID under its true number', () => {
    const keys = blockingKeys({ idNumber: substituted(truth.idNumber!, 8), name: '张玮' }, today);
    expect(keys).toContain(`id:${truth.idNumber}`);
    expect(keys).toContain('name:zhangwei');
    expect(keys).toContain(`birth:${substituted(truth.idNumber!, 8).slice(6, 14)}`);
  });
});
