import { type Db, query, sql } from '../../db/database.ts';
import { reservingOn } from '../establishment/establishment.repository.ts';
import { overPostsRule } from '../warnings/rules/over-posts.rule.ts';

/**
 * What a change may take away, read under the locks the implementation holds. A change takes effect
 * on its date and stays, so what it leaves must suffice not only on that date but on every later
 * one: the lowest figure from the date on (later ledger rows counted), against everyone who may sit
 * then (every seat not ended by the date, later entries included) and the vacancies reserved.
 */

/** The lowest sum of a ledger from `on` on: on `on` itself and after each later row. */
export async function lowestFrom(
  tx: Db,
  table: 'quota_ledger' | 'post_ledger' | 'reserve_ledger',
  owner: { column: 'unit_id' | 'region_code'; value: number | string },
  key: { column: 'kind' | 'level'; value: string },
  on: string,
): Promise<{ onDate: number; lowest: number }> {
  const t = sql.raw(table);
  const where = sql`${sql.raw(owner.column)} = ${owner.value} AND ${sql.raw(key.column)} = ${key.value}`;
  const [row] = await query<{ on_date: number; lowest: number }>(
    tx,
    sql`WITH base AS (SELECT coalesce(sum(amount), 0)::int AS n FROM ${t} WHERE ${where} AND effective_on <= ${on}::date),
      later AS (SELECT effective_on, sum(amount)::int AS n FROM ${t} WHERE ${where} AND effective_on > ${on}::date
        GROUP BY effective_on),
      running AS (SELECT (SELECT n FROM base) + sum(n) OVER (ORDER BY effective_on) AS n FROM later)
      SELECT (SELECT n FROM base) AS on_date,
        least((SELECT n FROM base), coalesce((SELECT min(n) FROM running), (SELECT n FROM base)))::int AS lowest`,
  );
  return { onDate: row?.on_date ?? 0, lowest: row?.lowest ?? 0 };
}

/** Seats of a unit (and kind) not ended by `on`, those entering later included: who may sit from then. */
export async function peopleFrom(tx: Db, unitId: number, kind: string | null, on: string): Promise<number> {
  const ofKind = kind === null ? sql`` : sql`AND s.quota_kind = ${kind}`;
  const [row] = await query<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM seats s WHERE s.unit_id = ${unitId} ${ofKind}
      AND (s.exited_on IS NULL OR s.exited_on > ${on}::date)`,
  );
  return row?.n ?? 0;
}

/** 用编核准 reserving a vacancy of the unit and kind on `on`. */
export async function reservedOn(tx: Db, unitId: number, kind: string, on: string): Promise<number> {
  const [row] = await query<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM quota_use_approvals a WHERE a.unit_id = ${unitId} AND a.quota_kind = ${kind}
      AND ${reservingOn('a', on)}`,
  );
  return row?.n ?? 0;
}

/** Any 用编核准 of the unit still reserving on `on`, whatever the kind. */
export async function anyReservedOn(tx: Db, unitId: number, on: string): Promise<number> {
  const [row] = await query<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM quota_use_approvals a WHERE a.unit_id = ${unitId} AND ${reservingOn('a', on)}`,
  );
  return row?.n ?? 0;
}

/**
 * The leaders counted against a unit's posts of a level on `on` — read by OVER_POSTS's own
 * single-subject query (RULES.md: division posts of its internal divisions count against it) — and
 * the 任职 awaiting 组织部 that hold such a post.
 */
export async function leadersOf(tx: Db, unitId: number, level: string, on: string) {
  const counted = overPostsRule.check!.query({
    asOf: on,
    personId: null,
    idCipher: '',
    name: '',
    unitId,
    quotaKind: '',
    category: '',
    postLevel: level,
    postRank: null,
    postUnitId: unitId,
    endsSeatId: 0,
    reserved: 0,
    reservedPosts: 0,
  })!;
  const [row] = await query<{ others: number }>(tx, counted);
  const [pending] = await query<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM transactions t WHERE t.kind = 'appoint' AND t.state = 'pending'
      AND t.details->>'postLevel' = ${level} AND t.details->>'countedUnitId' = ${String(unitId)}`,
  );
  return { leaders: row?.others ?? 0, pending: pending?.n ?? 0 };
}

/** 任职 awaiting 组织部 whose post counts against the unit, at any level. */
export async function pendingAppointmentsTo(tx: Db, unitId: number): Promise<number> {
  const [row] = await query<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM transactions t WHERE t.kind IN ('appoint', 'remove') AND t.state = 'pending'
      AND (t.details->>'countedUnitId' = ${String(unitId)} OR t.unit_id = ${unitId})`,
  );
  return row?.n ?? 0;
}
