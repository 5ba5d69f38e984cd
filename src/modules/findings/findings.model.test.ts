import { describe, expect, it } from 'vitest';
import {
  defaultDeadline,
  FINDING_STATES,
  type FindingAction,
  isOverdue,
  nextState,
} from './findings.model.ts';

describe('the life of a finding', () => {
  const table: [string, Exclude<FindingAction, 'register'>, string | null][] = [
    ['registered', 'rectify', 'rectifying'],
    ['rectifying', 'rectify', 'rectifying'],
    ['registered', 'submit', null],
    ['rectifying', 'submit', 'verifying'],
    ['verifying', 'verify', 'closed'],
    ['verifying', 'return', 'rectifying'],
    ['rectifying', 'verify', null],
    ['closed', 'verify', null],
    ['closed', 'rectify', null],
    ['closed', 'reopen', 'rectifying'],
    ['rectifying', 'reopen', null],
    ['registered', 'defer', 'deferred'],
    ['verifying', 'defer', 'deferred'],
    ['closed', 'defer', null],
    ['deferred', 'rectify', null],
    ['deferred', 'resume', 'rectifying'],
    ['rectifying', 'resume', null],
  ];
  it.each(table)('from %s, %s leads to %s', (state, action, expected) => {
    expect(nextState(state as (typeof FINDING_STATES)[number], action)).toBe(expected);
  });

  it('sets the deadline by severity from the day it is registered', () => {
    expect(defaultDeadline('2026-06-30', '违规')).toBe('2026-07-30');
    expect(defaultDeadline('2026-06-30', '风险')).toBe('2026-08-29');
    expect(defaultDeadline('2026-12-15', '提示')).toBe('2027-03-15');
  });

  it('is overdue only while with the unit and after the deadline day', () => {
    expect(isOverdue('rectifying', '2026-07-30', '2026-07-30')).toBe(false);
    expect(isOverdue('rectifying', '2026-07-30', '2026-07-31')).toBe(true);
    expect(isOverdue('registered', '2026-07-30', '2026-08-01')).toBe(true);
    for (const state of ['verifying', 'closed', 'deferred'] as const)
      expect(isOverdue(state, '2026-07-30', '2026-08-01')).toBe(false);
  });
});
