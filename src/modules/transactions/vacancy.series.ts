/**
 * Vacancy as it stood month by month (历史空编): the monthly changes the repository sums set-based,
 * accumulated into each month's figures. Pure.
 */

import { lastDayOf, monthIndex, periodOfIndex } from '../../shared/dates.ts';
import { QUOTA_KINDS } from '../establishment/establishment.rules.ts';

/** The net change of a measure of a kind in a month (`bucket` months after the first; earlier changes in 0). */
export interface SeriesDelta {
  measure: 'approved' | 'headcount' | 'reserved';
  kind: string;
  bucket: number;
  delta: number;
}

export interface SeriesFigures {
  kind: string;
  approved: number;
  headcount: number;
  reserved: number;
  vacancy: number;
}

export interface SeriesPoint {
  period: string;
  /** The month's last day, or `to` in its month. */
  date: string;
  kinds: SeriesFigures[];
}

/** The longest series one request may ask for (20 years). */
export const MAX_SERIES_MONTHS = 240;

/** The months between two dates, each with the date its figures are on. */
export function seriesMonths(from: string, to: string): { period: string; date: string }[] {
  const months = [];
  for (let index = monthIndex(from); index <= monthIndex(to); index++) {
    const period = periodOfIndex(index);
    const last = lastDayOf(period);
    months.push({ period, date: last < to ? last : to });
  }
  return months;
}

export function accumulateSeries(deltas: readonly SeriesDelta[], from: string, to: string): SeriesPoint[] {
  const rank = (kind: string) => {
    const index = (QUOTA_KINDS as readonly string[]).indexOf(kind);
    return index < 0 ? QUOTA_KINDS.length : index;
  };
  const kinds = [...new Set(deltas.map((d) => d.kind))].sort(
    (a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const running = new Map(kinds.map((kind) => [kind, { approved: 0, headcount: 0, reserved: 0 }]));
  const byBucket = new Map<number, SeriesDelta[]>();
  for (const d of deltas) byBucket.set(d.bucket, [...(byBucket.get(d.bucket) ?? []), d]);
  return seriesMonths(from, to).map((month, bucket) => {
    for (const d of byBucket.get(bucket) ?? []) running.get(d.kind)![d.measure] += d.delta;
    return {
      ...month,
      kinds: kinds.map((kind) => {
        const f = running.get(kind)!;
        return { kind, ...f, vacancy: f.approved - f.headcount - f.reserved };
      }),
    };
  });
}
