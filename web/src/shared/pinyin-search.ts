import { match } from 'pinyin-pro';

/**
 * Finding a unit the way a 编办 clerk types: part of its name or of a name it also carries
 * (加挂牌子), its pinyin initials (`zzb` for 组织部) or its pinyin (`zuzhi`), or part of its code.
 */

export interface Searchable {
  code: string;
  name: string;
  aliasNames: readonly string[];
}

export interface SearchHit {
  field: 'name' | 'alias' | 'code';
  /** The text that matched: the name, the alias or the code. */
  text: string;
  /** The positions in `text` that matched, for highlighting. */
  indices: number[];
}

const LATIN = /^[a-z]+$/i;

/** Normalises what was typed: trimmed, inner spaces dropped, lower case. */
export function normaliseQuery(query: string): string {
  return query.trim().replace(/\s+/g, '').toLowerCase();
}

/** Where `query` (already normalised) matches `text`: literally, or by pinyin when it is Latin letters. */
export function matchText(text: string, query: string): number[] | null {
  if (query === '') return null;
  const at = text.toLowerCase().indexOf(query);
  if (at >= 0) return Array.from({ length: query.length }, (_, i) => at + i);
  if (!LATIN.test(query)) return null;
  return match(text, query, { continuous: true, insensitive: true });
}

/** The first field of the unit that the query matches (name, then aliases, then code), or null. */
export function searchUnit(unit: Searchable, rawQuery: string): SearchHit | null {
  const query = normaliseQuery(rawQuery);
  if (query === '') return null;
  const byName = matchText(unit.name, query);
  if (byName) return { field: 'name', text: unit.name, indices: byName };
  for (const alias of unit.aliasNames) {
    const byAlias = matchText(alias, query);
    if (byAlias) return { field: 'alias', text: alias, indices: byAlias };
  }
  const at = unit.code.toLowerCase().indexOf(query);
  if (at >= 0) return { field: 'code', text: unit.code, indices: Array.from(query, (_, i) => at + i) };
  return null;
}

/** Splits text into runs, marking the matched positions: what a highlighted title renders. */
export function highlightRuns(text: string, indices: readonly number[]): { text: string; hit: boolean }[] {
  const hits = new Set(indices);
  const runs: { text: string; hit: boolean }[] = [];
  Array.from(text).forEach((char, i) => {
    const hit = hits.has(i);
    const last = runs[runs.length - 1];
    if (last && last.hit === hit) last.text += char;
    else runs.push({ text: char, hit });
  });
  return runs;
}
