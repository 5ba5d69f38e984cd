import { describe, expect, it } from 'vitest';
import { accumulateSeries, seriesMonths } from './vacancy.series.ts';

describe('the vacancy series', () => {
  it('has one point per month at its last day, the last month at the end date', () => {
    expect(seriesMonths('2024-11-20', '2025-02-10')).toEqual([
      { period: '2024-11', date: '2024-11-30' },
      { period: '2024-12', date: '2024-12-31' },
      { period: '2025-01', date: '2025-01-31' },
      { period: '2025-02', date: '2025-02-10' },
    ]);
  });

  it('accumulates the monthly changes, those before the first month counted in it', () => {
    const points = accumulateSeries(
      [
        { measure: 'approved', kind: 'administrative', bucket: 0, delta: 5 },
        { measure: 'headcount', kind: 'administrative', bucket: 0, delta: 3 },
        { measure: 'reserved', kind: 'administrative', bucket: 1, delta: 1 },
        { measure: 'headcount', kind: 'administrative', bucket: 2, delta: -1 },
        { measure: 'approved', kind: 'turnover', bucket: 2, delta: 1 },
      ],
      '2025-01-01',
      '2025-03-31',
    );
    expect(points.map((p) => p.kinds)).toEqual([
      [
        { kind: 'administrative', approved: 5, headcount: 3, reserved: 0, vacancy: 2 },
        { kind: 'turnover', approved: 0, headcount: 0, reserved: 0, vacancy: 0 },
      ],
      [
        { kind: 'administrative', approved: 5, headcount: 3, reserved: 1, vacancy: 1 },
        { kind: 'turnover', approved: 0, headcount: 0, reserved: 0, vacancy: 0 },
      ],
      [
        { kind: 'administrative', approved: 5, headcount: 2, reserved: 1, vacancy: 2 },
        { kind: 'turnover', approved: 1, headcount: 0, reserved: 0, vacancy: 1 },
      ],
    ]);
  });
});
