import { describe, expect, it } from 'vitest';
import { QUOTA_KINDS } from '../../shared/labels.ts';
import { forecastOption, retirementOption } from './vacancy-charts.ts';
import type { KindFigures, VacancyAnalysis } from './vacancy.api.ts';

const figures = (kind: string, vacancy: number, available: number): KindFigures => ({
  kind,
  approved: 10,
  headcount: 10 - vacancy,
  reserved: 0,
  planned: vacancy - available,
  vacancy,
  available,
});

const analysis = {
  now: [figures('administrative', 6, 5), figures('turnover', 1, 1)],
  points: [
    {
      period: '2025-07',
      date: '2025-07-31',
      kinds: [figures('administrative', 7, 6), figures('turnover', 1, 1)],
    },
    { period: '2025-08', date: '2025-08-31', kinds: [figures('administrative', 8, 6)] },
  ],
  retirements: {
    overdue: [{ kind: 'administrative', count: 2 }],
    years: [
      { year: 2025, byKind: [{ kind: 'turnover', count: 1 }], total: 1 },
      { year: 2026, byKind: [], total: 0 },
    ],
  },
} as unknown as VacancyAnalysis;

describe('用编分析 charts', () => {
  it('draws a line per kind from now through each forecast month', () => {
    const option = forecastOption(analysis, 'available', QUOTA_KINDS) as {
      xAxis: { data: string[] };
      series: { name: string; data: number[] }[];
    };
    expect(option.xAxis.data).toEqual(['现在', '2025-07', '2025-08']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['行政编制', [5, 6, 6]],
      ['周转编制', [1, 1, 0]],
    ]);
  });

  it('stacks retirements by kind per year, those overdue first', () => {
    const option = retirementOption(analysis.retirements, QUOTA_KINDS) as {
      xAxis: { data: string[] };
      series: { name: string; data: number[] }[];
    };
    expect(option.xAxis.data).toEqual(['应退未退', '2025年', '2026年']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['行政编制', [2, 0, 0]],
      ['周转编制', [0, 1, 0]],
    ]);
  });
});
