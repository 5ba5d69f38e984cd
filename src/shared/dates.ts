/** Dates are 'YYYY-MM-DD' strings and periods 'YYYY-MM' throughout: no time zones, no Date drift. */

import { isRealDate } from '../modules/identity/id-number.ts';

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** Today's date in China (UTC+8), where every 编办 works. */
export function todayOf(clock: Clock): string {
  return new Date(clock().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return !!match && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function isPeriod(value: string): boolean {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  return !!match && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Months are counted as year × 12 + (month − 1). */
export function monthIndex(periodOrDate: string): number {
  return Number(periodOrDate.slice(0, 4)) * 12 + Number(periodOrDate.slice(5, 7)) - 1;
}

export function periodOfIndex(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function firstDayOf(period: string): string {
  return `${period}-01`;
}

export function lastDayOf(period: string): string {
  return addDays(`${periodOfIndex(monthIndex(period) + 1)}-01`, -1);
}

/** A date as official documents write it: 2026-06-30 → 2026年6月30日. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
