import { type Db, query, sql } from '../../db/database.ts';
import type { Caller } from '../auth/caller.ts';
import { scopeFilter } from '../org/org.scope.ts';
import { unitNameSql } from '../org/org.sql.ts';
import { FindingNotFoundError } from './findings.errors.ts';
import {
  type FindingSource,
  type FindingState,
  isOverdue,
  REMINDER_DAYS,
  type ReminderKind,
} from './findings.model.ts';
import { addDays } from '../../shared/dates.ts';

export interface FindingRecord {
  id: number;
  number: string;
  regionCode: string;
  unitId: number | null;
  unitCode: string | null;
  unitName: string | null;
  source: FindingSource;
  sourceRef: string | null;
  warningId: number | null;
  rule: string | null;
  category: string;
  severity: string;
  description: string;
  state: FindingState;
  deadline: string;
  overdue: boolean;
  responsibleUserId: number | null;
  responsibleName: string | null;
  registeredBy: number;
  registeredByName: string;
  registeredOn: string;
  measures: string | null;
  verifiedBy: number | null;
  closedOn: string | null;
  deferredUntil: string | null;
  deferredReason: string | null;
}

interface FindingRow {
  id: number;
  number: string;
  region_code: string;
  unit_id: number | null;
  unit_code: string | null;
  unit_name: string | null;
  source: FindingSource;
  source_ref: string | null;
  warning_id: number | null;
  rule: string | null;
  category: string;
  severity: string;
  description: string;
  state: FindingState;
  deadline: string;
  responsible_user_id: number | null;
  responsible_name: string | null;
  registered_by: number;
  registered_by_name: string;
  registered_on: string;
  measures: string | null;
  verified_by: number | null;
  closed_on: string | null;
  deferred_until: string | null;
  deferred_reason: string | null;
}

const SELECT_FINDING = sql`SELECT f.id, f.number, f.region_code, f.unit_id, f.unit_code,
    ${unitNameSql('f.unit_id')} AS unit_name,
    f.source, f.source_ref, f.warning_id, f.rule, f.category, f.severity, f.description, f.state,
    f.deadline::text, f.responsible_user_id, f.responsible_name, f.registered_by,
    ru.display_name AS registered_by_name, f.registered_on::text, f.measures, f.verified_by,
    f.closed_on::text, f.deferred_until::text, f.deferred_reason
  FROM findings f JOIN users ru ON ru.id = f.registered_by`;

function toRecord(row: FindingRow, today: string): FindingRecord {
  return {
    id: row.id,
    number: row.number,
    regionCode: row.region_code,
    unitId: row.unit_id,
    unitCode: row.unit_code,
    unitName: row.unit_name,
    source: row.source,
    sourceRef: row.source_ref,
    warningId: row.warning_id,
    rule: row.rule,
    category: row.category,
    severity: row.severity,
    description: row.description,
    state: row.state,
    deadline: row.deadline,
    overdue: isOverdue(row.state, row.deadline, today),
    responsibleUserId: row.responsible_user_id,
    responsibleName: row.responsible_name,
    registeredBy: row.registered_by,
    registeredByName: row.registered_by_name,
    registeredOn: row.registered_on,
    measures: row.measures,
    verifiedBy: row.verified_by,
    closedOn: row.closed_on,
    deferredUntil: row.deferred_until,
    deferredReason: row.deferred_reason,
  };
}

export interface FindingFilter {
  state?: FindingState;
  unit?: string;
  source?: string;
  severity?: string;
  overdue?: boolean;
  warningId?: number;
  page: number;
  pageSize: number;
}

/** A finding within the caller's scope, or 404. `forUpdate` locks its row for a state change. */
export async function findingFor(
  db: Db,
  caller: Caller,
  id: number,
  today: string,
  forUpdate = false,
): Promise<FindingRecord> {
  const { cte, where } = scopeFilter(caller.scope, 'f');
  const lock = forUpdate ? sql`FOR UPDATE OF f` : sql``;
  const [row] = await query<FindingRow>(
    db,
    sql`${cte} ${SELECT_FINDING} WHERE f.id = ${id} AND ${where} ${lock}`,
  );
  if (!row) throw new FindingNotFoundError(id);
  return toRecord(row, today);
}

export async function listFindings(db: Db, caller: Caller, filter: FindingFilter, today: string) {
  const { cte, where } = scopeFilter(caller.scope, 'f');
  const conditions = [where];
  if (filter.state) conditions.push(sql`f.state = ${filter.state}`);
  if (filter.unit) conditions.push(sql`f.unit_code = ${filter.unit}`);
  if (filter.source) conditions.push(sql`f.source = ${filter.source}`);
  if (filter.severity) conditions.push(sql`f.severity = ${filter.severity}`);
  if (filter.warningId !== undefined) conditions.push(sql`f.warning_id = ${filter.warningId}`);
  if (filter.overdue !== undefined)
    conditions.push(
      sql`(f.state IN ('registered', 'rectifying') AND f.deadline < ${today}::date) = ${filter.overdue}`,
    );
  const condition = sql.join(conditions, sql` AND `);
  const [count] = await query<{ total: number }>(
    db,
    sql`${cte} SELECT count(*)::int AS total FROM findings f WHERE ${condition}`,
  );
  const rows = await query<FindingRow>(
    db,
    sql`${cte} ${SELECT_FINDING} WHERE ${condition}
      ORDER BY f.state = 'closed', f.deadline, f.id
      LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
  );
  return {
    total: count?.total ?? 0,
    page: filter.page,
    pageSize: filter.pageSize,
    items: rows.map((row) => toRecord(row, today)),
  };
}

export interface FindingEventRecord {
  id: number;
  at: string;
  actor: string;
  action: string;
  fromState: string | null;
  toState: string;
  note: string | null;
}

export function eventsOf(db: Db, findingId: number): Promise<FindingEventRecord[]> {
  return query<FindingEventRecord>(
    db,
    sql`SELECT id, at::text AS "at", actor, action, from_state AS "fromState", to_state AS "toState", note
      FROM finding_events WHERE finding_id = ${findingId} ORDER BY id`,
  );
}

export interface EvidenceRecord {
  id: number;
  fileName: string;
  version: number;
  mediaType: string;
  size: number;
  sm3: string;
  uploadedBy: string;
  uploadedAt: string;
}

export function evidenceOf(db: Db, findingId: number): Promise<EvidenceRecord[]> {
  return query<EvidenceRecord>(
    db,
    sql`SELECT e.id, e.file_name AS "fileName", e.version, e.media_type AS "mediaType", e.size::int AS size,
        e.sm3, u.display_name AS "uploadedBy", e.uploaded_at::text AS "uploadedAt"
      FROM finding_evidence e JOIN users u ON u.id = e.uploaded_by
      WHERE e.finding_id = ${findingId} ORDER BY e.file_name, e.version`,
  );
}

/** Counts for the dashboard: by state, by unit (the 20 with most open findings), by month registered and closed. */
export async function findingCounts(db: Db, caller: Caller, today: string) {
  const { cte, where } = scopeFilter(caller.scope, 'f');
  const byState = await query<{ state: string; count: number }>(
    db,
    sql`${cte} SELECT f.state, count(*)::int AS count FROM findings f WHERE ${where} GROUP BY f.state ORDER BY f.state`,
  );
  const [overdue] = await query<{ count: number }>(
    db,
    sql`${cte} SELECT count(*)::int AS count FROM findings f WHERE ${where}
      AND f.state IN ('registered', 'rectifying') AND f.deadline < ${today}::date`,
  );
  const byUnit = await query<{ unitCode: string; unitName: string | null; open: number; closed: number }>(
    db,
    sql`${cte} SELECT f.unit_code AS "unitCode",
        ${unitNameSql('f.unit_id')} AS "unitName",
        count(*) FILTER (WHERE f.state <> 'closed')::int AS open,
        count(*) FILTER (WHERE f.state = 'closed')::int AS closed
      FROM findings f WHERE ${where} AND f.unit_id IS NOT NULL
      GROUP BY f.unit_code, f.unit_id ORDER BY open DESC, f.unit_code LIMIT 20`,
  );
  const byMonth = await query<{ month: string; registered: number; closed: number }>(
    db,
    sql`${cte}, months AS (
        SELECT to_char(f.registered_on, 'YYYY-MM') AS month, 1 AS registered, 0 AS closed
        FROM findings f WHERE ${where}
        UNION ALL
        SELECT to_char(f.closed_on, 'YYYY-MM'), 0, 1 FROM findings f WHERE ${where} AND f.closed_on IS NOT NULL
      )
      SELECT month, sum(registered)::int AS registered, sum(closed)::int AS closed
      FROM months GROUP BY month ORDER BY month`,
  );
  return {
    total: byState.reduce((sum, row) => sum + row.count, 0),
    overdue: overdue?.count ?? 0,
    byState,
    byUnit,
    byMonth,
  };
}

export interface Reminder {
  kind: ReminderKind;
  findingId: number;
  number: string;
  unitCode: string | null;
  category: string;
  deadline: string;
}

/**
 * What needs the caller's attention: for the person responsible, their findings that are overdue,
 * due within REMINDER_DAYS, sent back or reopened; for a verifier (`mayVerify`), the findings in
 * scope awaiting verification and the deferrals whose date has passed.
 */
export async function remindersFor(
  db: Db,
  caller: Caller,
  mayVerify: boolean,
  today: string,
): Promise<Reminder[]> {
  const { cte, where } = scopeFilter(caller.scope, 'f');
  const soon = addDays(today, REMINDER_DAYS);
  const rows = await query<Reminder>(
    db,
    sql`${cte},
      last_event AS (
        SELECT DISTINCT ON (e.finding_id) e.finding_id, e.action FROM finding_events e
        ORDER BY e.finding_id, e.id DESC
      )
      SELECT kind, f.id AS "findingId", f.number, f.unit_code AS "unitCode", f.category, f.deadline::text AS deadline
      FROM findings f LEFT JOIN last_event le ON le.finding_id = f.id
      CROSS JOIN LATERAL (SELECT CASE
        WHEN f.responsible_user_id = ${caller.userId} AND f.state = 'rectifying' AND le.action = 'return' THEN 'returned'
        WHEN f.responsible_user_id = ${caller.userId} AND f.state = 'rectifying' AND le.action = 'reopen' THEN 'reopened'
        WHEN f.responsible_user_id = ${caller.userId} AND f.state IN ('registered', 'rectifying')
          AND f.deadline < ${today}::date THEN 'overdue'
        WHEN f.responsible_user_id = ${caller.userId} AND f.state IN ('registered', 'rectifying')
          AND f.deadline <= ${soon}::date THEN 'due_soon'
        WHEN ${mayVerify} AND f.state = 'verifying' AND f.registered_by <> ${caller.userId} THEN 'to_verify'
        WHEN ${mayVerify} AND f.state = 'deferred' AND f.deferred_until < ${today}::date THEN 'deferral_ended'
      END AS kind) k
      WHERE ${where} AND k.kind IS NOT NULL
      ORDER BY f.deadline, f.id LIMIT 200`,
  );
  return rows;
}
