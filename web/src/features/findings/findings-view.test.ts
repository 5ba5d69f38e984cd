import { describe, expect, it } from 'vitest';
import type { OpenWarning } from './findings.api.ts';
import {
  actionLabel,
  beijingTime,
  fileSize,
  monthOption,
  noticeTarget,
  stateCounts,
  tasksFor,
  topOpenUnits,
  warningMatches,
} from './findings-view.ts';

const liaison = ['register.read', 'findings.rectify'];
const clerk = ['register.read', 'register.write', 'findings.manage', 'findings.rectify'];
const leader = ['register.read', 'stats.read'];

describe('the tasks offered on a finding', () => {
  it('lets the unit rectify a registered or returned finding, and nothing else', () => {
    expect(tasksFor('registered', liaison)).toEqual(['rectify']);
    expect(tasksFor('rectifying', liaison)).toEqual(['rectify']);
    expect(tasksFor('verifying', liaison)).toEqual([]);
    expect(tasksFor('closed', liaison)).toEqual([]);
  });

  it('lets the 编办 verify, defer, resume and reopen, each in its own states', () => {
    expect(tasksFor('registered', clerk)).toEqual(['rectify', 'defer']);
    expect(tasksFor('verifying', clerk)).toEqual(['verify', 'defer']);
    expect(tasksFor('deferred', clerk)).toEqual(['resume']);
    expect(tasksFor('closed', clerk)).toEqual(['reopen']);
  });

  it('offers a reader nothing', () => {
    for (const state of ['registered', 'rectifying', 'verifying', 'closed', 'deferred'] as const)
      expect(tasksFor(state, leader)).toEqual([]);
  });
});

describe('a 整改通知书 from the ticked findings', () => {
  const finding = (number: string, unitCode: string | null, state = 'rectifying' as const) => ({
    number,
    unitCode,
    state,
  });

  it('goes to the one unit all of them belong to', () => {
    expect(noticeTarget([finding('WT2026-0001', 'U1'), finding('WT2026-0002', 'U1')])).toEqual({
      unitCode: 'U1',
    });
  });

  it('is refused for none, for two units, for a closed finding and for one without a unit', () => {
    expect(noticeTarget([])).toHaveProperty('problem');
    expect(noticeTarget([finding('A', 'U1'), finding('B', 'U2')])).toEqual({
      problem: '一份整改通知书只能针对一个单位，请只勾选同一单位的问题',
    });
    expect(noticeTarget([finding('A', 'U1'), { number: 'B', unitCode: 'U1', state: 'closed' }])).toEqual({
      problem: '问题 B 已销号，不能再通知整改',
    });
    expect(noticeTarget([finding('A', null)])).toEqual({ problem: '问题 A 不属于具体单位' });
  });
});

describe('the counts', () => {
  it('lists every state in the order of a finding’s life, zero where there is none', () => {
    expect(
      stateCounts([
        { state: 'closed', count: 3 },
        { state: 'registered', count: 2 },
      ]),
    ).toEqual([
      { state: 'registered', label: '挂号建账', count: 2 },
      { state: 'rectifying', label: '整改中', count: 0 },
      { state: 'verifying', label: '待核验', count: 0 },
      { state: 'closed', label: '已销号', count: 3 },
      { state: 'deferred', label: '暂缓', count: 0 },
    ]);
  });

  it('ranks units by open findings and leaves out those with none open', () => {
    const units = [
      { unitCode: 'B', unitName: '乙', open: 2, closed: 0 },
      { unitCode: 'C', unitName: '丙', open: 0, closed: 5 },
      { unitCode: 'A', unitName: '甲', open: 2, closed: 1 },
      { unitCode: 'D', unitName: '丁', open: 4, closed: 0 },
    ];
    expect(topOpenUnits(units).map((u) => u.unitCode)).toEqual(['D', 'A', 'B']);
    expect(topOpenUnits(units, 1).map((u) => u.unitCode)).toEqual(['D']);
  });

  it('charts registered and closed by month, oldest first', () => {
    const option = monthOption([
      { month: '2026-07', registered: 1, closed: 2 },
      { month: '2026-06', registered: 5, closed: 0 },
    ]) as { xAxis: { data: string[] }; series: { name: string; data: number[] }[] };
    expect(option.xAxis.data).toEqual(['2026-06', '2026-07']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['登记', [5, 1]],
      ['销号', [0, 2]],
    ]);
  });
});

describe('what the pages show', () => {
  it('names each step of the timeline in Chinese', () => {
    expect(actionLabel('return')).toBe('核验未通过，退回整改');
    expect(actionLabel('verify')).toBe('核验通过，销号');
    expect(actionLabel('future_step')).toBe('future_step');
  });

  it('finds a warning by its number, rule, unit code or words of its message', () => {
    const warning: OpenWarning = {
      id: 42,
      rule: 'UNIT_OVER_CAP',
      severity: '违规',
      unitCode: '1129012124568341XK',
      message: '内设机构 4 个，超过限额 3 个',
      firstSeenOn: '2026-06-30',
    };
    expect(warningMatches(warning, '#42')).toBe(true);
    expect(warningMatches(warning, 'unit_over')).toBe(true);
    expect(warningMatches(warning, '68341xk 超过限额')).toBe(true);
    expect(warningMatches(warning, '超编')).toBe(false);
  });

  it('shows times in Beijing time, from ISO or PostgreSQL text', () => {
    expect(beijingTime('2026-11-21 23:49:32.543+00')).toBe('2026-11-22 07:49');
    expect(beijingTime('2026-06-30T04:00:00Z')).toBe('2026-06-30 12:00');
    expect(beijingTime('2026-06-30 12:00:00+08')).toBe('2026-06-30 12:00');
    expect(beijingTime('不是时间')).toBe('不是时间');
  });

  it('gives file sizes in bytes, KB or MB', () => {
    expect(fileSize(512)).toBe('512 字节');
    expect(fileSize(2048)).toBe('2.0 KB');
    expect(fileSize(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
