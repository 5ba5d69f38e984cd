import type { KindFigures } from '../../src/modules/transactions/vacancy.forecast.ts';

/**
 * The hand-computed vacancy case of 用编计划汇总, as of 2025-06-15, which the pure forecast's unit
 * test feeds in as rows and the integration test plants in the database. One unit:
 * - 编制台账 administrative: 8 from 2020, +2 from 2025-02-15 (10 in force), −2 from 2027-01-01 (精简);
 * - seats: a man born 1965-05 (60岁2个月 under the 2025 reform → retires 2025-07, leaves in 2025-08),
 *   a woman cadre born 1971-03 (55岁4个月 → 2026-07, leaves in 2026-08), a young man hired on
 *   2025-03-01 by a 用编核准 since used, and one who left on 2024-12-31;
 * - a 用编核准 granted 2025-05-01 reserving one seat until it expires on 2025-10-31;
 * - the 2025 plan line approved 3, granted 2 (the used and the reserved approval) → 1 planned hire
 *   from now; a 2026 plan line approved 1 (decided in 2025) → counted from 2026-01;
 * - 周转编制: 2 approved, one seat held by a man born 1966-02 (60岁4个月 → 2026-06, back in 2026-07).
 */
export const HAND_CASE_AS_OF = '2025-06-15';

export type Figures = Omit<KindFigures, 'kind'>;

const figures = (approved: number, headcount: number, reserved: number, planned: number): Figures => ({
  approved,
  headcount,
  reserved,
  planned,
  vacancy: approved - headcount - reserved,
  available: approved - headcount - reserved - planned,
});

/** The administrative figures now and at the end of some months, computed by hand. */
export const handAdministrative: Record<string, Figures> = {
  now: figures(10, 3, 1, 1),
  '2025-07': figures(10, 3, 1, 1), // the 1965-05 man is still counted in his retirement month
  '2025-08': figures(10, 2, 1, 1), // … and gone in the month after
  '2025-10': figures(10, 2, 1, 1), // the approval still reserves on its expiry date, 10-31
  '2025-11': figures(10, 2, 0, 1),
  '2025-12': figures(10, 2, 0, 1),
  '2026-01': figures(10, 2, 0, 2), // the 2026 plan line counts from its year
  '2026-07': figures(10, 2, 0, 2),
  '2026-08': figures(10, 1, 0, 2), // the 1971-03 woman cadre has left
  '2026-12': figures(10, 1, 0, 2),
  '2027-01': figures(8, 1, 0, 2), // the future ledger cut
  '2030-06': figures(8, 1, 0, 2), // the 60th month
};

/** 周转编制 on 2025-06-15 and when its seat comes back. */
export const handTurnover = {
  approved: 2,
  used: 1,
  reserved: 0,
  remaining: 1,
  dueBack: [{ period: '2026-07', count: 1, byRetirement: 1 }],
  undated: 0,
};

/** 退休预报 by year: the man in 2025; the woman cadre and the turnover seat's holder in 2026. */
export const handRetirementYears = [
  { year: 2025, byKind: [{ kind: 'administrative', count: 1 }], total: 1 },
  {
    year: 2026,
    byKind: [
      { kind: 'administrative', count: 1 },
      { kind: 'turnover', count: 1 },
    ],
    total: 2,
  },
  { year: 2027, byKind: [], total: 0 },
  { year: 2028, byKind: [], total: 0 },
  { year: 2029, byKind: [], total: 0 },
  { year: 2030, byKind: [], total: 0 },
];
