import type { RosterFilter, RosterSort } from './roster.api.ts';

/** The roster's filter kept in the URL, so a filtered roster can be linked, reloaded and gone back to. */

export const FILTER_KEYS = [
  'unit',
  'quotaKind',
  'category',
  'status',
  'ageBand',
  'education',
  'postLevel',
  'name',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const SORTS: readonly RosterSort[] = ['unit', 'name', 'enteredOn', 'birthDate'];
const PAGE_SIZES = [20, 50, 100, 200];

function positive(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function filterFromSearch(params: URLSearchParams, region: string, asOf: string): RosterFilter {
  const filter: RosterFilter = {
    region,
    asOf,
    page: positive(params.get('page'), 1),
    pageSize: PAGE_SIZES.includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 50,
  };
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filter[key] = value;
  }
  const sort = params.get('sort');
  if (sort && (SORTS as readonly string[]).includes(sort)) filter.sort = sort as RosterSort;
  if (params.get('descending') === 'true') filter.descending = true;
  return filter;
}

/** The URL parameters with the filter's fields changed; any change of filter goes back to page 1. */
export function searchWithFilter(
  params: URLSearchParams,
  changes: Partial<
    Record<FilterKey | 'sort' | 'descending' | 'page' | 'pageSize', string | number | boolean | null>
  >,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '' || value === false) next.delete(key);
    else next.set(key, String(value));
  }
  if (!('page' in changes)) next.delete('page');
  return next;
}
