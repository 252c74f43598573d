import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanName, compareNames, editDistance, nameKeys, normaliseName } from './names.js';

describe('normaliseName', () => {
  it('removes spaces, zero-width characters and every middle-dot variant', () => {
    expect(normaliseName(' 张 伟\u3000')).toBe('张伟');
    expect(normaliseName('张\u200B伟')).toBe('张伟');
    for (const dot of ['·', '・', '•', '‧', '∙', '⋅', '．', '.', '･']) {
      expect(normaliseName(`阿依古丽${dot}买买提`)).toBe('阿依古丽买买提');
    }
  });

  it('folds full-width letters and traditional characters', () => {
    expect(normaliseName('ＷＡＮＧ　Ｌｉ')).toBe('wangli');
    expect(normaliseName('張偉')).toBe('张伟');
    expect(normaliseName('歐陽娜娜')).toBe('欧阳娜娜');
  });

  it('keeps rare and Private Use Area characters that a "Chinese only" pattern would drop', () => {
    expect(normaliseName('张𠮷')).toBe('张𠮷');
    expect(normaliseName('王\uE000明')).toBe('王\uE000明');
  });

  it('is idempotent', () => {
    const nameLike = fc.oneof(
      fc.string({ unit: fc.constantFrom(...Array.from('张偉伟·・ 　．.ＡａX\u200B\u0301歐陽買提𠮷\uE000')), maxLength: 10 }),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(fc.property(nameLike, (s) => normaliseName(normaliseName(s)) === normaliseName(s)));
  });
});

describe('nameKeys', () => {
  it('reads polyphonic surnames as surnames and keeps every reading', () => {
    expect(nameKeys('单雄信').syllables).toEqual(['shan', 'xiong', 'xin']);
    expect(nameKeys('曾国藩').syllables[0]).toBe('zeng');
    expect(nameKeys('单雄信').readings[0]).toEqual(expect.arrayContaining(['shan', 'dan']));
    expect(nameKeys('张伟').initials).toBe('zw');
  });

  it('gives a character without pinyin a key of its own', () => {
    expect(nameKeys('张𠮷').syllables).toEqual(['zhang', '𠮷']);
  });
});

describe('compareNames', () => {
  const level = (a: string, b: string) => compareNames(a, b).level;

  it('grades the cases department lists show', () => {
    expect(compareNames('张伟', ' 张 伟')).toMatchObject({ level: 'exact', similarity: 1, reason: 'name_exact' });
    expect(compareNames('張偉', '张伟')).toMatchObject({ level: 'traditional', reason: 'name_traditional' });
    expect(compareNames('张伟', '张玮')).toMatchObject({ level: 'homophone', reason: 'name_homophone' });
    expect(level('王小明', '王晓明')).toBe('homophone');
    expect(level('张伟', '张文')).toBe('pinyin_close');
    expect(level('李明', '李敏')).toBe('pinyin_close');
    expect(compareNames('张伟', '李强')).toMatchObject({ level: 'different', similarity: 0 });
    expect(compareNames('张伟', '')).toMatchObject({ level: 'missing', reason: 'name_missing' });
  });

  it('handles compound surnames', () => {
    expect(level('欧阳娜娜', '歐陽娜娜')).toBe('traditional');
    expect(level('欧阳娜娜', '欧杨娜娜')).toBe('homophone');
    expect(level('欧阳娜娜', '欧阳丽丽')).toBe('different');
  });

  it('handles minority names with separators and cut to the given name', () => {
    expect(level('阿依古丽·买买提', '阿依古丽买买提')).toBe('exact');
    expect(level('阿依古丽·买买提', '阿依古丽•买买提')).toBe('exact');
    expect(level('阿依古丽·买买提', '阿依古丽')).toBe('partial');
    expect(level('阿依古丽·买买提', '古丽娜尔·买买提')).toBe('different');
  });

  it('matches surname readings of polyphonic characters as homophones', () => {
    expect(level('单田芳', '善田芳')).toBe('homophone');
  });

  it('orders similarities by level and is symmetric', () => {
    const pairs: [string, string][] = [['张伟', '张伟'], ['張偉', '张伟'], ['张伟', '张玮'], ['张伟', '张文'], ['张伟', '张强']];
    const sims = pairs.map(([a, b]) => compareNames(a, b).similarity);
    expect([...sims].sort((a, b) => b - a)).toEqual(sims);
    const names = fc.constantFrom('张伟', '張偉', '张玮', '王小明', '王晓明', '阿依古丽·买买提', '阿依古丽', '欧阳娜娜', '', ' 张 伟');
    fc.assert(
      fc.property(names, names, (a, b) => {
        expect(compareNames(a, b)).toEqual(compareNames(b, a));
      }),
    );
  });
});

describe('editDistance', () => {
  it('is Levenshtein and stops early past its limit', () => {
    expect(editDistance('zhangwei', 'zhangwen')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 1)).toBe(2);
    expect(cleanName('張 偉')).toBe('張偉');
  });
});
