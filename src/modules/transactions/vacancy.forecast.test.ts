import { describe, expect, it } from 'vitest';
import {
  HAND_CASE_AS_OF,
  handAdministrative,
  handRetirementYears,
  handTurnover,
} from '../../../test/support/vacancy-case.ts';
import { type ForecastInput, forecastVacancy, retirementOutlook, turnoverPool } from './vacancy.forecast.ts';

/** The hand-computed case of test/support/vacancy-case.ts as the repository would read it. */
const handCase: ForecastInput = {
  asOf: HAND_CASE_AS_OF,
  months: 60,
  quota: [
    { kind: 'administrative', amount: 10, from: null, until: null },
    { kind: 'administrative', amount: -2, from: '2027-01-01', until: null },
    { kind: 'turnover', amount: 2, from: null, until: null },
  ],
  seats: [
    { kind: 'administrative', amount: 1, from: null, until: null, retiresIn: '2025-07' },
    { kind: 'administrative', amount: 1, from: null, until: null, retiresIn: '2026-07' },
    { kind: 'administrative', amount: 1, from: null, until: null, retiresIn: '2057-03' },
    { kind: 'turnover', amount: 1, from: null, until: null, retiresIn: '2026-06' },
  ],
  // Expires on 2025-10-31: the exclusive end is the day after.
  reservations: [{ kind: 'administrative', amount: 1, from: null, until: '2025-11-01' }],
  plannedHires: [
    { kind: 'administrative', year: 2025, remaining: 1 },
    { kind: 'administrative', year: 2026, remaining: 1 },
  ],
};

describe('the vacancy forecast', () => {
  const forecast = forecastVacancy(handCase);
  const administrative = (period: string) => {
    const point = forecast.points.find((p) => p.period === period);
    const { kind: _kind, ...rest } = point!.kinds.find((k) => k.kind === 'administrative')!;
    return rest;
  };

  it('gives the vacancy now as recorded: approved − headcount − reserved, planned hires beside it', () => {
    const { kind: _kind, ...now } = forecast.now.find((k) => k.kind === 'administrative')!;
    expect(now).toEqual(handAdministrative.now);
  });

  it('forecasts the next 60 months, each at its last day', () => {
    expect(forecast.points).toHaveLength(60);
    expect(forecast.points[0]).toMatchObject({ period: '2025-07', date: '2025-07-31' });
    expect(forecast.points.at(-1)).toMatchObject({ period: '2030-06', date: '2030-06-30' });
  });

  it('matches the hand-computed figures: retirements under the 2025 reform, an expiring approval, plans, a ledger cut', () => {
    for (const [period, expected] of Object.entries(handAdministrative)) {
      if (period === 'now') continue;
      expect(administrative(period), period).toEqual(expected);
    }
  });

  it('returns the turnover seat to the pool in the month after its holder retires', () => {
    const turnover = (period: string) =>
      forecast.points.find((p) => p.period === period)!.kinds.find((k) => k.kind === 'turnover')!;
    expect(turnover('2026-06').headcount).toBe(1);
    expect(turnover('2026-07')).toMatchObject({ approved: 2, headcount: 0, vacancy: 2 });
  });

  it('keeps every kind in the order of FORMAT.md', () => {
    expect(forecast.now.map((k) => k.kind)).toEqual(['administrative', 'turnover']);
  });

  it('treats a seat overdue for retirement as leaving in the first month, not now', () => {
    const overdue = forecastVacancy({
      ...handCase,
      seats: [{ kind: 'administrative', amount: 1, from: null, until: null, retiresIn: '2024-12' }],
    });
    expect(overdue.now[0]!.headcount).toBe(1);
    expect(overdue.points[0]!.kinds[0]!.headcount).toBe(0);
  });

  it('counts a seat with a recorded end or a later start only while it is held', () => {
    const dated = forecastVacancy({
      ...handCase,
      seats: [
        { kind: 'administrative', amount: 2, from: null, until: '2025-09-01', retiresIn: null },
        { kind: 'administrative', amount: 1, from: '2025-08-10', until: null, retiresIn: null },
      ],
    });
    const headcounts = dated.points.slice(0, 3).map((p) => p.kinds[0]!.headcount);
    expect([dated.now[0]!.headcount, ...headcounts]).toEqual([2, 2, 3, 1]);
  });
});

describe('the retirement outlook (退休预报)', () => {
  it('counts retirements by the year of the retirement month and kind over five years', () => {
    const outlook = retirementOutlook(handCase);
    expect(outlook.years).toEqual(handRetirementYears);
    expect(outlook.overdue).toEqual([]);
  });

  it('puts those already past their month apart, and leaves out a seat that ends before retiring', () => {
    const outlook = retirementOutlook({
      ...handCase,
      seats: [
        { kind: 'administrative', amount: 2, from: null, until: null, retiresIn: '2025-01' },
        { kind: 'administrative', amount: 1, from: null, until: '2025-09-01', retiresIn: '2026-01' },
        { kind: 'administrative', amount: 1, from: null, until: null, retiresIn: '2030-05' },
        { kind: 'administrative', amount: 1, from: null, until: null, retiresIn: '2030-06' },
      ],
    });
    expect(outlook.overdue).toEqual([{ kind: 'administrative', count: 2 }]);
    expect(outlook.years.find((y) => y.year === 2026)!.total).toBe(0);
    // 2030-05 leaves in 2030-06, the 60th month; 2030-06 would leave after the forecast.
    expect(outlook.years.find((y) => y.year === 2030)!.total).toBe(1);
  });
});

describe('the turnover pool (周转编制)', () => {
  it('gives used, remaining and when the seats are due back', () => {
    expect(turnoverPool(handCase)).toEqual(handTurnover);
  });

  it('dates a recorded exit and leaves a seat with no end in sight undated', () => {
    const pool = turnoverPool({
      ...handCase,
      seats: [
        { kind: 'turnover', amount: 1, from: null, until: '2027-03-10', retiresIn: '2040-01' },
        { kind: 'turnover', amount: 2, from: null, until: null, retiresIn: '2045-01' },
      ],
    });
    expect(pool.dueBack).toEqual([{ period: '2027-03', count: 1, byRetirement: 0 }]);
    expect(pool.undated).toBe(2);
    expect(pool.remaining).toBe(-1);
  });
});
