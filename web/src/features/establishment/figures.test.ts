import { describe, expect, it } from 'vitest';
import { combinedStatus, figureStatus, STATUS_COLORS, statusLabel } from './figure-status.ts';
import { ledgerRows, signedAmount } from './ledger.ts';

describe('a quota or post figure', () => {
  it('is 超编 in red when more are in it than approved, 满编 in yellow when exactly full', () => {
    expect(figureStatus(7, 8)).toBe('over');
    expect(figureStatus(7, 7)).toBe('full');
    expect(figureStatus(7, 5)).toBe('vacant');
    expect(figureStatus(0, 0)).toBe('none');
    expect(figureStatus(0, 1)).toBe('over');
    expect([statusLabel('quota', 'over'), STATUS_COLORS.over]).toEqual(['超编', 'red']);
    expect([statusLabel('quota', 'full'), STATUS_COLORS.full]).toEqual(['满编', 'gold']);
    expect(statusLabel('post', 'over')).toBe('超职数');
  });

  it('over a unit’s kinds: over if any is over, full only if every approved kind is full', () => {
    expect(combinedStatus(['vacant', 'over'])).toBe('over');
    expect(combinedStatus(['full', 'none', 'full'])).toBe('full');
    expect(combinedStatus(['full', 'vacant'])).toBe('vacant');
    expect(combinedStatus([])).toBe('none');
  });
});

describe('the ledger', () => {
  const entries = [
    { id: 3, kind: 'administrative', amount: 1, effectiveOn: '2024-07-18', documentNo: '青办发〔2024〕1号' },
    { id: 1, kind: 'administrative', amount: 15, effectiveOn: '2019-07-18', documentNo: '青办发〔2019〕4号' },
    { id: 2, kind: 'logistics', amount: 4, effectiveOn: '2019-07-18', documentNo: '青办发〔2019〕4号' },
  ];

  it('lists entries by date with the approved figure after each, per kind, marking baselines', () => {
    const rows = ledgerRows(entries, (e) => e.kind, '2026-01-01');
    expect(rows.map((r) => [r.entry.id, r.runningTotal, r.baseline, r.pending])).toEqual([
      [1, 15, true, false],
      [2, 4, true, false],
      [3, 16, false, false],
    ]);
  });

  it('marks entries effective after the as-of date as pending', () => {
    const rows = ledgerRows(entries, (e) => e.kind, '2024-07-17');
    expect(rows.find((r) => r.entry.id === 3)?.pending).toBe(true);
  });

  it('signs changes but not baselines', () => {
    expect([signedAmount(2, false), signedAmount(-1, false), signedAmount(15, true)]).toEqual([
      '+2',
      '−1',
      '15',
    ]);
  });
});
