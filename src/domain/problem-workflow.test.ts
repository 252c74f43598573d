import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROBLEM_ACTIONS, PROBLEM_STATES, availableActions, isOverdue, transition, type Capacity, type ProblemState } from './problem-workflow.js';

/** The workflow as DOMAIN.md §7 draws it, written out independently of ACTION_DEFS: step → who may take it. */
const EDGES: Record<string, Capacity> = {
  'pending>confirmed': 'handle',
  'pending>rejected': 'handle',
  'confirmed>rectifying': 'handle',
  'rectifying>rectifying': 'handle',
  'rectifying>rectified': 'handle',
  'rectified>closed_off': 'review',
  'rectified>rectifying': 'review',
  'rejected>closed_off': 'review',
  'rejected>pending': 'review',
  'closed_off>closed_off': 'review',
  'closed_off>rectifying': 'review',
};
const SYSTEM_EDGES = new Set(['rectified>rectifying', 'closed_off>rectifying']);

const capacities = fc.subarray<Capacity>(['handle', 'review', 'system']);
const text = fc.option(fc.constantFrom('', '  ', '已核实', '2020-10-01'), { nil: undefined });
const step = fc.record({ action: fc.constantFrom(...PROBLEM_ACTIONS), caps: capacities, input: fc.record({ reason: text, deadline: text, evidence: text }) });

describe('problem workflow', () => {
  it('no sequence of actions skips a step, and only the listed capacity moves each step', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let state: ProblemState = 'pending';
        for (const s of steps) {
          const r = transition(state, s.action, s.caps, s.input);
          if (!r.ok) continue;
          const edge = `${state}>${r.to}`;
          const by = EDGES[edge];
          const system = SYSTEM_EDGES.has(edge) && s.caps.includes('system');
          expect(by !== undefined || system, edge).toBe(true);
          expect(s.caps.includes(by!) || system, `${edge} by ${s.caps.join(',')}`).toBe(true);
          state = r.to;
        }
      }),
    );
  });

  it('a state is only reachable through its predecessor: 销号 needs 已整改 or 不属实 first', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const seen: ProblemState[] = ['pending'];
        for (const s of steps) {
          const r = transition(seen[seen.length - 1]!, s.action, s.caps, s.input);
          if (r.ok) seen.push(r.to);
        }
        seen.forEach((st, i) => {
          if (i === 0) return;
          const prev = seen[i - 1]!;
          if (st === 'closed_off') expect(['rectified', 'rejected', 'closed_off']).toContain(prev);
          if (st === 'rectified') expect(prev).toBe('rectifying');
          if (st === 'confirmed' || st === 'rejected') expect(prev).toBe('pending');
        });
      }),
    );
  });

  it('refuses by role, by state and for missing fields, with reasons', () => {
    expect(transition('pending', 'confirm', ['review'])).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(transition('pending', 'close_off', ['review'])).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect(transition('pending', 'reject', ['handle'], { reason: ' ' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(transition('confirmed', 'set_deadline', ['handle'])).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(transition('rectifying', 'rectify', ['handle'], {})).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(transition('rectifying', 'rectify', ['handle'], { evidence: '已入学' })).toEqual({ ok: true, to: 'rectified' });
    expect(transition('rectified', 'return', ['review'], { reason: '佐证不足' })).toEqual({ ok: true, to: 'rectifying' });
    expect(transition('closed_off', 'redetected', ['handle', 'review'])).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('offers each capacity only its own buttons', () => {
    for (const st of PROBLEM_STATES) {
      for (const a of availableActions(st, ['handle'])) expect(transition(st, a, ['handle'], { reason: 'x', deadline: '2020-01-01', evidence: 'x' }).ok).toBe(true);
    }
    expect(availableActions('rectified', ['handle'])).toEqual([]);
    expect(availableActions('rectified', ['review'])).toEqual(['close_off', 'return']);
  });

  it('is overdue after the deadline until reported rectified', () => {
    expect(isOverdue('rectifying', '2020-10-01', '2020-10-02')).toBe(true);
    expect(isOverdue('rectifying', '2020-10-02', '2020-10-02')).toBe(false);
    expect(isOverdue('rectified', '2020-10-01', '2020-10-02')).toBe(false);
    expect(isOverdue('closed_off', '2020-10-01', '2020-10-02')).toBe(false);
    expect(isOverdue('confirmed', null, '2020-10-02')).toBe(false);
  });
});
