import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/client.ts';
import type { StaffingPlan } from './flows.types.ts';
import {
  categoriesFor,
  grantableLines,
  idNumberProblem,
  planTotals,
  refusalOf,
  remainingOf,
} from './flows-view.ts';

const line = (id: number, requested: number, approved: number | null, granted = 0, used = 0) => ({
  id,
  quotaKind: 'administrative',
  channel: 'exam',
  requested,
  approved,
  granted,
  used,
});

const plan = (id: number, state: string, year: number, lines: StaffingPlan['lines']): StaffingPlan => ({
  id,
  unitCode: `U${id}`,
  year,
  state,
  reason: '补充人员',
  decisionNote: null,
  documentNo: null,
  lines,
});

describe('the categories a quota kind takes (MIXED_POST)', () => {
  it('offers civil servants on administrative quota and institution staff first on institutional quota', () => {
    expect(categoriesFor('administrative')).toEqual(['civil_servant']);
    expect(categoriesFor('political_legal')).toEqual(['civil_servant']);
    expect(categoriesFor('logistics')).toEqual(['logistics_worker']);
    expect(categoriesFor('institutional')).toEqual(['institution_staff', 'logistics_worker']);
    expect(categoriesFor('school_staff')).toEqual(['institution_staff', 'logistics_worker']);
  });

  it('allows 参公人员 on institutional quota only in a unit managed under the civil service law', () => {
    expect(categoriesFor('institutional', true)[0]).toBe('reference_civil_servant');
    expect(categoriesFor('institutional', false)).not.toContain('reference_civil_servant');
    expect(categoriesFor('turnover')).toHaveLength(4);
  });
});

describe('the plan lines a 用编核准 can come from', () => {
  it('counts what is left of a line, never below zero', () => {
    expect(remainingOf({ approved: 3, granted: 1 })).toBe(2);
    expect(remainingOf({ approved: null, granted: 0 })).toBe(0);
    expect(remainingOf({ approved: 1, granted: 2 })).toBe(0);
  });

  it('takes only this year’s approved plans, and only lines with places left', () => {
    const plans = [
      plan(1, 'approved', 2026, [line(11, 3, 2, 1), line(12, 1, 1, 1), line(13, 2, 0)]),
      plan(2, 'submitted', 2026, [line(21, 2, null)]),
      plan(3, 'approved', 2025, [line(31, 2, 2)]),
      plan(4, 'rejected', 2026, [line(41, 2, 0)]),
      plan(5, 'approved', 2026, [line(51, 4, 4, 0)]),
    ];
    expect(grantableLines(plans, 2026).map((e) => [e.line.id, e.remaining])).toEqual([
      [11, 1],
      [51, 4],
    ]);
  });

  it('sums a plan’s lines for its row', () => {
    expect(planTotals(plan(1, 'approved', 2026, [line(1, 3, 2, 2, 1), line(2, 2, null)]))).toEqual({
      requested: 5,
      approved: 2,
      granted: 2,
      used: 1,
    });
  });
});

describe('a refusal as the page shows it', () => {
  it('reads the rules a prevented hire names, and offers the override for it alone', () => {
    const prevented = refusalOf(
      new ApiError(
        409,
        'transactions.prevented',
        '不予办理：【DUPLICATE_SEAT】张三 已在 A 单位占编，一人多编；【MIXED_POST】混编混岗',
      ),
    );
    expect(prevented).toEqual({
      message: '不予办理：【DUPLICATE_SEAT】张三 已在 A 单位占编，一人多编；【MIXED_POST】混编混岗',
      rules: ['DUPLICATE_SEAT', 'MIXED_POST'],
      overridable: true,
    });
    const noVacancy = refusalOf(new ApiError(409, 'transactions.no_vacancy', 'A 行政编制空编 0 名'));
    expect(noVacancy).toMatchObject({ rules: [], overridable: false });
  });

  it('says something plain for a failure that is not the API’s', () => {
    expect(refusalOf(new TypeError('x'))).toEqual({
      message: '办理失败，请稍后重试',
      rules: [],
      overridable: false,
    });
  });
});

describe('the ID number check before sending (GB 11643)', () => {
  it('accepts a valid number, a lowercase x too, and names what is wrong with the others', () => {
    expect(idNumberProblem('11010519491231002X', '2026-11-22')).toBeNull();
    expect(idNumberProblem('11010519491231002x', '2026-11-22')).toBeNull();
    expect(idNumberProblem('110105194912310021', '2026-11-22')).toBe('公民身份号码校验码错误');
    expect(idNumberProblem('1101051949123100', '2026-11-22')).toContain('18位');
    expect(idNumberProblem('110105202712310028', '2026-11-22')).not.toBeNull();
  });
});
