/**
 * 用编计划汇总: vacancy now and month by month ahead, as pure functions over the rows the repository
 * reads set-based (vacancy.repository.ts). No I/O, so the forecast is checked against hand-computed
 * cases.
 *
 * Conventions (kept the same by the SQL):
 * - a figure "on D" is as the day D ends; a forecast month is its last day;
 * - a seat counts through its statutory retirement month and leaves in the month after it, as
 *   RETIREMENT_OVERDUE reads it (应退未退 on D when the retirement month is before D's month);
 * - a 用编核准 reserves from its approval through its expiry date (or until it is used);
 * - an approved plan line's ungranted hires count as seats from January of the plan's year. An
 *   approval that expires within the forecast frees its vacancy; the forecast does not guess that
 *   the line will be granted again.
 */

import { lastDayOf, monthIndex, periodOfIndex } from '../../shared/dates.ts';
import { QUOTA_KINDS } from '../establishment/establishment.rules.ts';

/** An amount in force from `from` (null: already on the forecast's date) until `until` (exclusive; null: open). */
export interface Span {
  kind: string;
  amount: number;
  from: string | null;
  until: string | null;
}

/** Seats of a kind that share dates and a statutory retirement month (YYYY-MM; null: group unknown). */
export interface SeatSpan extends Span {
  retiresIn: string | null;
}

/** Ungranted hires of approved plan lines: approved − granted, by kind and plan year. */
export interface PlannedHires {
  kind: string;
  year: number;
  remaining: number;
}

export interface ForecastInput {
  /** The date the forecast starts from (today, or the 截至日期). */
  asOf: string;
  /** How many months ahead (60: five years). */
  months: number;
  /** 编制台账 rows: approved on D is the sum of those in force on D (future rows start later). */
  quota: Span[];
  seats: SeatSpan[];
  /** 用编核准 reserving a vacancy: `until` is the day after expiry, or the day the seat was taken. */
  reservations: Span[];
  plannedHires: PlannedHires[];
}

export interface KindFigures {
  kind: string;
  approved: number;
  headcount: number;
  /** 已核准待入编 */
  reserved: number;
  /** Approved plan hires not yet granted (已批计划未核准). */
  planned: number;
  /** approved − headcount − reserved, as everywhere else (空编). */
  vacancy: number;
  /** vacancy − planned: what is left for new plans (可用空编). */
  available: number;
}

export interface ForecastPoint {
  /** YYYY-MM */
  period: string;
  /** The month's last day, the date its figures are on. */
  date: string;
  kinds: KindFigures[];
}

export interface VacancyForecast {
  asOf: string;
  now: KindFigures[];
  points: ForecastPoint[];
}

const inForce = (span: Span, date: string) =>
  (span.from === null || span.from <= date) && (span.until === null || date < span.until);

/** Whether a seat is still held on the date; `projected` also lets the holder retire. */
function seatHeld(seat: SeatSpan, date: string, projected: boolean): boolean {
  if (!inForce(seat, date)) return false;
  return !projected || seat.retiresIn === null || monthIndex(seat.retiresIn) >= monthIndex(date);
}

function kindOrder(input: ForecastInput): string[] {
  const kinds = new Set<string>();
  for (const rows of [input.quota, input.seats, input.reservations, input.plannedHires])
    for (const row of rows) kinds.add(row.kind);
  const rank = (kind: string) => {
    const index = (QUOTA_KINDS as readonly string[]).indexOf(kind);
    return index < 0 ? QUOTA_KINDS.length : index;
  };
  return [...kinds].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function sumOf<T extends { kind: string }>(
  rows: T[],
  kind: string,
  keep: (row: T) => boolean,
  amount: (row: T) => number,
) {
  let total = 0;
  for (const row of rows) if (row.kind === kind && keep(row)) total += amount(row);
  return total;
}

/** The figures of every kind on a date; a projection retires seats, the figures "now" are as recorded. */
function figuresOn(input: ForecastInput, kinds: string[], date: string, projected: boolean): KindFigures[] {
  const year = Number(date.slice(0, 4));
  return kinds.map((kind) => {
    const approved = sumOf(
      input.quota,
      kind,
      (q) => inForce(q, date),
      (q) => q.amount,
    );
    const headcount = sumOf(
      input.seats,
      kind,
      (s) => seatHeld(s, date, projected),
      (s) => s.amount,
    );
    const reserved = sumOf(
      input.reservations,
      kind,
      (r) => inForce(r, date),
      (r) => r.amount,
    );
    const planned = sumOf(
      input.plannedHires,
      kind,
      (p) => p.year <= year,
      (p) => p.remaining,
    );
    const vacancy = approved - headcount - reserved;
    return { kind, approved, headcount, reserved, planned, vacancy, available: vacancy - planned };
  });
}

/** Vacancy by kind on `asOf` and at the end of each of the next `months` months. */
export function forecastVacancy(input: ForecastInput): VacancyForecast {
  const kinds = kindOrder(input);
  const start = monthIndex(input.asOf);
  const points: ForecastPoint[] = [];
  for (let k = 1; k <= input.months; k++) {
    const period = periodOfIndex(start + k);
    const date = lastDayOf(period);
    points.push({ period, date, kinds: figuresOn(input, kinds, date, true) });
  }
  return { asOf: input.asOf, now: figuresOn(input, kinds, input.asOf, false), points };
}

/** The month a seat stops counting in the forecast, by retirement or a recorded end; null: not within it. */
function leavingMonth(seat: SeatSpan, input: ForecastInput): { month: number; retires: boolean } | null {
  const start = monthIndex(input.asOf);
  const last = start + input.months;
  if (!inForce(seat, input.asOf)) return null;
  // Months end the day they count on: a seat ending any day of a month is gone at its end.
  const ends = seat.until === null ? Infinity : monthIndex(seat.until);
  const retires = seat.retiresIn === null ? Infinity : monthIndex(seat.retiresIn) + 1;
  const month = Math.max(Math.min(ends, retires), start + 1);
  if (month > last) return null;
  return { month, retires: retires <= ends };
}

export interface RetirementYear {
  /** The year of the statutory retirement month. */
  year: number;
  byKind: { kind: string; count: number }[];
  total: number;
}

export interface RetirementOutlook {
  /** Seats held on `asOf` past their retirement month (应退未退): they leave in the first month. */
  overdue: { kind: string; count: number }[];
  years: RetirementYear[];
}

/**
 * 退休预报: seats held on `asOf` whose holder reaches the statutory age within the forecast (the
 * retirement month at most `months` − 1 months on, so that they leave within it), by year and kind.
 * A seat with a recorded end before that is not a retirement.
 */
export function retirementOutlook(input: ForecastInput): RetirementOutlook {
  const kinds = kindOrder(input);
  const start = monthIndex(input.asOf);
  const overdue = new Map<string, number>();
  const years = new Map<number, Map<string, number>>();
  for (const seat of input.seats) {
    const leaving = leavingMonth(seat, input);
    if (!leaving?.retires || seat.retiresIn === null) continue;
    const month = monthIndex(seat.retiresIn);
    if (month < start) {
      overdue.set(seat.kind, (overdue.get(seat.kind) ?? 0) + seat.amount);
      continue;
    }
    const year = Math.floor(month / 12);
    const byKind = years.get(year) ?? new Map<string, number>();
    byKind.set(seat.kind, (byKind.get(seat.kind) ?? 0) + seat.amount);
    years.set(year, byKind);
  }
  const firstYear = Math.floor(start / 12);
  const lastYear = Math.floor((start + input.months - 1) / 12);
  const counts = (map: Map<string, number>) =>
    kinds.filter((kind) => map.has(kind)).map((kind) => ({ kind, count: map.get(kind)! }));
  const result: RetirementYear[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    const byKind = counts(years.get(year) ?? new Map());
    result.push({ year, byKind, total: byKind.reduce((sum, k) => sum + k.count, 0) });
  }
  return { overdue: counts(overdue), years: result };
}

export const TURNOVER = 'turnover';

export interface TurnoverPool {
  approved: number;
  used: number;
  reserved: number;
  /** approved − used − reserved */
  remaining: number;
  /** Turnover seats freed within the forecast, by the month they stop counting. */
  dueBack: { period: string; count: number; byRetirement: number }[];
  /** Turnover seats with no retirement or recorded end within the forecast. */
  undated: number;
}

/**
 * 周转编制: the pool on `asOf` and when its seats come back. A turnover seat really ends when its
 * holder moves onto a regular vacancy of the unit (消化), which the register does not date: only
 * statutory retirements and recorded exits are, so "due back" approximates from those and the rest
 * is `undated`.
 */
export function turnoverPool(input: ForecastInput): TurnoverPool {
  const [now] = figuresOn(input, [TURNOVER], input.asOf, false);
  const due = new Map<number, { count: number; byRetirement: number }>();
  let undated = 0;
  for (const seat of input.seats) {
    if (seat.kind !== TURNOVER || !inForce(seat, input.asOf)) continue;
    const leaving = leavingMonth(seat, input);
    if (!leaving) {
      undated += seat.amount;
      continue;
    }
    const entry = due.get(leaving.month) ?? { count: 0, byRetirement: 0 };
    entry.count += seat.amount;
    if (leaving.retires) entry.byRetirement += seat.amount;
    due.set(leaving.month, entry);
  }
  return {
    approved: now!.approved,
    used: now!.headcount,
    reserved: now!.reserved,
    remaining: now!.vacancy,
    dueBack: [...due.entries()]
      .sort(([a], [b]) => a - b)
      .map(([month, entry]) => ({ period: periodOfIndex(month), ...entry })),
    undated,
  };
}
