/**
 * The "as of" date (截至日期) every page answers for: `YYYY-MM-DD`, kept in the URL as `?asOf=` so a
 * link or a reload shows the same state; absent means today, in China (UTC+8), as on the server.
 */

export const AS_OF_PARAM = 'asOf';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today's date in China (UTC+8), where every 编办 works. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The as-of date a URL asks for, or null when it names none or names no real date. */
export function asOfFromSearch(search: string | URLSearchParams): string | null {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const value = params.get(AS_OF_PARAM);
  return value && isIsoDate(value) ? value : null;
}

/**
 * The query string with the as-of date set, or removed when it is today (so a plain link keeps
 * meaning "now"). Other parameters stay as they are.
 */
export function searchWithAsOf(search: string, asOf: string | null, today: string): string {
  const params = new URLSearchParams(search);
  if (asOf === null || asOf === today) params.delete(AS_OF_PARAM);
  else params.set(AS_OF_PARAM, asOf);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A path inside the application that keeps the chosen date: what every internal link is built with. */
export function pathWithAsOf(path: string, asOf: string | null): string {
  if (asOf === null) return path;
  const [base, query = ''] = path.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  params.set(AS_OF_PARAM, asOf);
  return `${base}?${params.toString()}`;
}

/** Whether a dated entry (a ledger row, a version) has not yet taken effect on the as-of date. */
export function notYetEffective(effectiveOn: string | null, asOf: string): boolean {
  return effectiveOn !== null && effectiveOn > asOf;
}

/** Whole years between a birth date and the as-of date. */
export function ageOn(birthDate: string, asOf: string): number {
  const years = Number(asOf.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return asOf.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
