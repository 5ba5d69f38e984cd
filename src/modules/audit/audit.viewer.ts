import { type SQL, sql } from 'drizzle-orm';
import { type Db, query } from '../../db/database.ts';
import { addDays } from '../../shared/dates.ts';
import type { DataScope } from '../auth/caller.ts';
import { regionScope } from '../org/org.sql.ts';

/** What the audit viewer filters by; dates are days in China (UTC+8), both ends included. */
export interface AuditFilter {
  actor?: string | undefined;
  entity?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

export interface AuditEntryView {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityKey: string | null;
  regionCode: string | null;
  documentNo: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
}

const startOfDay = (date: string) => `${date}T00:00:00+08:00`;

/**
 * The audit log for 审计管理员, newest first, a page at a time. An auditor reads the entries of their
 * region scope; entries that name no region (imports and commands run on the server, logins of
 * unknown names) only an auditor of a top region (one with no parent) reads.
 */
export async function auditEntries(db: Db, scope: DataScope, filter: AuditFilter) {
  const conditions: SQL[] = [
    sql`(a.region_code IN (SELECT code FROM scope) OR (a.region_code IS NULL AND NOT EXISTS (
      SELECT 1 FROM regions r JOIN regions p ON p.code = r.parent_code WHERE r.code = ${scope.regionCode})))`,
  ];
  if (filter.actor) conditions.push(sql`a.actor = ${filter.actor}`);
  if (filter.entity) conditions.push(sql`a.entity = ${filter.entity}`);
  if (filter.action) conditions.push(sql`a.action = ${filter.action}`);
  if (filter.from) conditions.push(sql`a.at >= ${startOfDay(filter.from)}::timestamptz`);
  if (filter.to) conditions.push(sql`a.at < ${startOfDay(addDays(filter.to, 1))}::timestamptz`);
  const where = sql.join(conditions, sql` AND `);
  const head = sql`WITH RECURSIVE ${regionScope(scope.regionCode, true)}`;
  const [counted] = await query<{ total: number }>(
    db,
    sql`${head} SELECT count(*)::int AS total FROM audit_log a WHERE ${where}`,
  );
  const items = await query<AuditEntryView>(
    db,
    sql`${head}
    SELECT a.seq, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, a.actor, a.action,
      a.entity, a.entity_key AS "entityKey", a.region_code AS "regionCode", a.document_no AS "documentNo",
      a.before, a.after, a.details
    FROM audit_log a WHERE ${where}
    ORDER BY a.seq DESC
    LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
  );
  return { total: counted?.total ?? 0, page: filter.page, pageSize: filter.pageSize, items };
}
