import { type Database, query, sql } from '../../src/db/database.ts';

/** Every table an import writes to, the audit included. */
export const REGISTER_TABLES = [
  'regions',
  'units',
  'unit_versions',
  'quota_ledger',
  'post_ledger',
  'charters',
  'persons',
  'seats',
  'seat_posts',
  'secondments',
  'off_quota_staff',
  'payroll',
  'insurance',
  'audit_log',
  'audit_changes',
] as const;

/** How many rows each register table holds: compare before and after to show an import wrote nothing. */
export async function registerCounts(database: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of REGISTER_TABLES) {
    const [row] = await query<{ n: number }>(database.db, sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
    counts[table] = row!.n;
  }
  return counts;
}

/** The counts of a database nothing was ever imported into. */
export const EMPTY_REGISTER: Record<string, number> = Object.fromEntries(
  REGISTER_TABLES.map((table) => [table, 0]),
);
