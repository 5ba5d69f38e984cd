import type { Caller } from '../auth/auth.plugin.ts';

/**
 * An export carries every ID number in full (FORMAT.md: it round-trips), so exporting is a right of
 * its own. Today every API caller holds the token, which has the command line's full rights; when
 * users and roles arrive, this is the one place that decides who else may.
 */
export function canExportFullIdNumbers(caller: Caller): boolean {
  return caller.kind === 'api_token';
}
