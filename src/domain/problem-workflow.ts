/**
 * 整改流程: the workflow of a problem (a finding), a second axis next to what the data says about it (open/closed).
 * Pure: which action moves which state, who may take it (by capacity, mapped from roles in accounts/access.ts) and
 * which fields it needs. The service applies it to rows; runs use the `system` capacity when data re-detects a problem.
 */

export const PROBLEM_STATES = ['pending', 'confirmed', 'rejected', 'rectifying', 'rectified', 'closed_off'] as const;
export type ProblemState = (typeof PROBLEM_STATES)[number];

export const PROBLEM_STATE_ZH: Record<ProblemState, string> = {
  pending: '待核实',
  confirmed: '属实',
  rejected: '不属实',
  rectifying: '整改中',
  rectified: '已整改',
  closed_off: '销号',
};

/** handle = the department or county that fixes it; review = the poverty office that closes it off; system = a run. */
export type Capacity = 'handle' | 'review' | 'system';

export const PROBLEM_ACTIONS = [
  'confirm',
  'reject',
  'set_deadline',
  'rectify',
  'close_off',
  'return',
  'accept_rejection',
  'return_rejection',
  'recheck_confirm',
  'recheck_reopen',
  'redetected',
] as const;
export type ProblemAction = (typeof PROBLEM_ACTIONS)[number];

/** What a person may type for an action; the action says which of these it needs. */
export interface ActionInput {
  reason?: string | null | undefined;
  deadline?: string | null | undefined;
  evidence?: string | null | undefined;
}

type Required = 'reason' | 'deadline' | 'evidence';

interface ActionDef {
  from: readonly ProblemState[];
  to: ProblemState | 'same';
  by: Capacity;
  requires: readonly Required[];
  zh: string;
}

export const ACTION_DEFS: Record<ProblemAction, ActionDef> = {
  confirm: { from: ['pending'], to: 'confirmed', by: 'handle', requires: [], zh: '核实属实' },
  reject: { from: ['pending'], to: 'rejected', by: 'handle', requires: ['reason'], zh: '核实不属实' },
  // Setting the deadline starts the rectification; while rectifying it may be changed (with the old one in history).
  set_deadline: { from: ['confirmed', 'rectifying'], to: 'rectifying', by: 'handle', requires: ['deadline'], zh: '设定整改期限' },
  rectify: { from: ['rectifying'], to: 'rectified', by: 'handle', requires: ['evidence'], zh: '报告已整改' },
  close_off: { from: ['rectified'], to: 'closed_off', by: 'review', requires: [], zh: '审核销号' },
  return: { from: ['rectified'], to: 'rectifying', by: 'review', requires: ['reason'], zh: '退回整改' },
  accept_rejection: { from: ['rejected'], to: 'closed_off', by: 'review', requires: [], zh: '认可不属实并销号' },
  return_rejection: { from: ['rejected'], to: 'pending', by: 'review', requires: ['reason'], zh: '退回重新核实' },
  recheck_confirm: { from: ['closed_off'], to: 'same', by: 'review', requires: [], zh: '回头看确认已整改' },
  recheck_reopen: { from: ['closed_off'], to: 'rectifying', by: 'review', requires: ['reason', 'deadline'], zh: '回头看发现整改不实' },
  redetected: { from: ['rectified', 'closed_off'], to: 'rectifying', by: 'system', requires: [], zh: '数据再次发现（整改不实）' },
};

/** Actions that a person takes on the problem list (recheck actions go through a re-check sample, redetected through runs). */
export const MANUAL_ACTIONS = ['confirm', 'reject', 'set_deadline', 'rectify', 'close_off', 'return', 'accept_rejection', 'return_rejection'] as const;

/** Actions that mark the problem 整改不实 (false rectification). */
export const FALSE_RECTIFICATION_ACTIONS: readonly ProblemAction[] = ['recheck_reopen', 'redetected'];

export type TransitionResult =
  | { ok: true; to: ProblemState }
  | { ok: false; code: 'FORBIDDEN' | 'INVALID_STATE' | 'VALIDATION_FAILED'; reasonZh: string; reason: string };

const blank = (v: string | null | undefined) => v == null || v.trim() === '';

/** Whether `capacities` may take `action` on a problem in `state` with `input`, and where it leads. */
export function transition(state: ProblemState, action: ProblemAction, capacities: readonly Capacity[], input: ActionInput = {}): TransitionResult {
  const def = ACTION_DEFS[action];
  if (!capacities.includes(def.by)) {
    return { ok: false, code: 'FORBIDDEN', reason: `Your role may not ${action.replace('_', ' ')}`, reasonZh: `您的角色无权${def.zh}` };
  }
  if (!def.from.includes(state)) {
    return {
      ok: false,
      code: 'INVALID_STATE',
      reason: `A problem in state ${state} cannot be moved by ${action}`,
      reasonZh: `问题当前为「${PROBLEM_STATE_ZH[state]}」，不能${def.zh}`,
    };
  }
  for (const field of def.requires) {
    if (blank(input[field])) {
      const zh = { reason: '原因说明', deadline: '整改期限', evidence: '整改佐证' }[field];
      return { ok: false, code: 'VALIDATION_FAILED', reason: `${action} needs ${field}`, reasonZh: `${def.zh}须填写${zh}` };
    }
  }
  return { ok: true, to: def.to === 'same' ? state : def.to };
}

/** The actions open to these capacities on a problem in `state` (for the buttons a user sees). */
export function availableActions(state: ProblemState, capacities: readonly Capacity[]): ProblemAction[] {
  return MANUAL_ACTIONS.filter((a) => ACTION_DEFS[a].from.includes(state) && capacities.includes(ACTION_DEFS[a].by));
}

/** Overdue (逾期): a deadline passed while the problem is not yet reported rectified or closed off. */
export function isOverdue(state: ProblemState, deadline: string | null, today: string): boolean {
  return deadline != null && deadline < today && state !== 'rectified' && state !== 'closed_off';
}
