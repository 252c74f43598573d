import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeOn, monthOf, replacedInLock, share } from './duty.js';
import { answerProblems, CAMPAIGN_TEMPLATES, questions, riskDetail, riskyAnswers, type Answers, type Question } from './duty-forms.js';

const day = fc.date({ min: new Date('2015-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('coverage share', () => {
  it('is between 0 and 1, exact at the ends, and null when there is nothing to visit', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), (visited, total) => {
        const s = share(visited, total);
        if (total === 0) return s === null;
        return s !== null && s >= 0 && s <= 1 && (visited >= total ? s === 1 : true) && (visited === 0 ? s === 0 : true);
      }),
    );
    expect(share(2, 3)).toBe(0.6667);
  });
});

describe('lock period', () => {
  const lock = [{ startsOn: '2020-01-01', endsOn: '2020-12-31' }];
  it('flags a resident leaving inside it without approval, and nobody else', () => {
    expect(replacedInLock({ role: 'first_secretary', endsOn: '2020-06-30', approvedAt: null }, lock)).toBe(true);
    expect(replacedInLock({ role: 'first_secretary', endsOn: '2020-06-30', approvedAt: '2020-06-20T00:00:00Z' }, lock)).toBe(false);
    expect(replacedInLock({ role: 'helper', endsOn: '2020-06-30', approvedAt: null }, lock)).toBe(false);
    // Leaving on the lock's last day is the end of the term, not a replacement.
    expect(replacedInLock({ role: 'work_team', endsOn: '2020-12-31', approvedAt: null }, lock)).toBe(false);
    expect(replacedInLock({ role: 'work_team', endsOn: null, approvedAt: null }, lock)).toBe(false);
  });
  it('never flags a departure outside every lock period', () => {
    fc.assert(
      fc.property(day, (end) => {
        const flagged = replacedInLock({ role: 'work_team', endsOn: end, approvedAt: null }, lock);
        return flagged === (end >= '2020-01-01' && end < '2020-12-31');
      }),
    );
  });
  it('an assignment runs from its start to its end, both included', () => {
    fc.assert(fc.property(day, day, day, (a, b, x) => {
      const [s, e] = a <= b ? [a, b] : [b, a];
      return activeOn({ startsOn: s, endsOn: e }, x) === (s <= x && x <= e) && activeOn({ startsOn: s, endsOn: null }, x) === s <= x;
    }));
  });
  it('a month runs from its first to its last day', () => {
    expect(monthOf('2020-02-15')).toEqual({ from: '2020-02-01', to: '2020-02-29' });
    expect(monthOf('2021-12-01')).toEqual({ from: '2021-12-01', to: '2021-12-31' });
  });
});

/** A valid answer to a question, or the risky one when asked for. */
function answerFor(q: Question, risky: boolean): fc.Arbitrary<Answers[string]> {
  if (q.type === 'yesno') return q.risk && risky ? fc.constant(q.risk.equals) : q.risk ? fc.constant(!q.risk.equals) : fc.boolean();
  if (q.type === 'number') {
    if (!q.risk) return fc.integer({ min: 0, max: 1000 });
    if ('above' in q.risk) return risky ? fc.integer({ min: Math.floor(q.risk.above) + 1, max: 10_000 }) : fc.integer({ min: -10, max: Math.floor(q.risk.above) });
    return risky ? fc.integer({ min: -10_000, max: Math.ceil(q.risk.below) - 1 }) : fc.integer({ min: Math.ceil(q.risk.below), max: 10_000 });
  }
  if (q.type === 'choice') {
    const safe = q.options.filter((o) => !q.risk?.oneOf.includes(o));
    return fc.constantFrom(...(risky && q.risk ? q.risk.oneOf : safe));
  }
  return fc.string({ maxLength: 20 });
}

describe('campaign forms', () => {
  it('ships three valid templates', () => {
    expect(CAMPAIGN_TEMPLATES.map((t) => t.code)).toEqual(['epidemic', 'housing', 'water']);
    for (const t of CAMPAIGN_TEMPLATES) expect(questions.safeParse(t.questions).success).toBe(true);
  });

  it('finds exactly the questions answered the risky way, in every template', () => {
    for (const t of CAMPAIGN_TEMPLATES) {
      const withRisk = t.questions.filter((q) => q.type !== 'text' && q.risk);
      const arb = fc.record({ riskyKeys: fc.subarray(withRisk.map((q) => q.key)) }).chain(({ riskyKeys }) =>
        fc.record(Object.fromEntries(t.questions.map((q) => [q.key, answerFor(q, riskyKeys.includes(q.key))]))).map((answers) => ({ riskyKeys, answers: answers as Answers })),
      );
      fc.assert(
        fc.property(arb, ({ riskyKeys, answers }) => {
          expect(answerProblems(t.questions, answers)).toEqual({});
          expect(riskyAnswers(t.questions, answers).map((q) => q.key).sort()).toEqual([...riskyKeys].sort());
        }),
        { numRuns: 50 },
      );
    }
  });

  it('names missing, mistyped and unknown answers', () => {
    const epidemic = CAMPAIGN_TEMPLATES[0]!.questions;
    expect(answerProblems(epidemic, { fever: 'no', extra: 1 })).toMatchObject({ fever: '应回答是或否', supplies: '必答', extra: '表中没有这个问题' });
    expect(riskDetail('疫情排查', epidemic, { fever: false, supplies: false, medicine: true, income_loss: false })).toBe('逐户排查「疫情排查」：生活物资是否充足 = 否');
  });

  it('refuses a form with a repeated key or a risk option that is not an option', () => {
    expect(questions.safeParse([{ key: 'a', type: 'yesno', label: 'A' }, { key: 'a', type: 'yesno', label: 'B' }]).success).toBe(false);
    expect(questions.safeParse([{ key: 'a', type: 'choice', label: 'A', options: ['x', 'y'], risk: { oneOf: ['z'] } }]).success).toBe(false);
  });
});
