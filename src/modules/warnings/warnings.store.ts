import { type Database, type Db, query, sql } from '../../db/database.ts';
import { type Clock, todayOf } from '../../shared/dates.ts';
import { DomainError } from '../../shared/domain-error.ts';
import type { AuditTrail } from '../audit/audit.service.ts';
import { type Caller, can } from '../auth/caller.ts';
import type { IdCipher } from '../identity/id-cipher.ts';
import type { Job, JobRegistry } from '../jobs/jobs.registry.ts';
import { regionWithin, scopeFilter } from '../org/org.scope.ts';
import { applyDueStatuses } from '../roster/seat-status.ts';
import { lockReopenableFindings, reopenReturnedFindings } from '../findings/findings.service.ts';
import { recordScan, type ScanCounts } from './warnings.ledger.ts';
import { scanAll } from './warnings.service.ts';

export interface WarningsDeps {
  database: Database;
  idCipher: IdCipher;
  audit: AuditTrail;
  clock: Clock;
  jobs: JobRegistry;
}

export const SCAN_JOB = 'scan';

export interface ScanResult extends ScanCounts {
  asOf: string;
  period: string;
  /** Closed findings reopened because their warning was found again. */
  reopenedFindings: number;
}

export class ScanJobNotFoundError extends DomainError {
  constructor(id: string) {
    super('warnings.scan_not_found', `扫描任务 ${id} 不存在或已过期`, 'not_found');
  }
}

export interface WarningFilter {
  rule?: string;
  severity?: string;
  unit?: string;
  status?: 'open' | 'resolved';
  page: number;
  pageSize: number;
}

export interface StoredWarning {
  id: number;
  rule: string;
  severity: string;
  regionCode: string;
  unitCode: string | null;
  /** In full for a caller who may read ID numbers, else masked; null for a warning about no person. */
  idNumber: string | null;
  firstSeenOn: string;
  lastSeenOn: string;
  resolvedOn: string | null;
  status: 'open' | 'resolved';
  message: string;
  figures: Record<string, unknown>;
}

/** Runs every rule as of today and records what it found (RULES.md "Warnings over time"). */
export async function runScan(
  deps: WarningsDeps,
  actor: string,
  report: (p: { phase: string; rows: number; percent: number }) => void,
): Promise<ScanResult> {
  const asOf = todayOf(deps.clock);
  const period = asOf.slice(0, 7);
  // 在岗状态 changes dated ahead take effect on their day: the scan and the roster then see them.
  await applyDueStatuses(deps, asOf, actor);
  report({ phase: 'scan', rows: 0, percent: 10 });
  const found = await scanAll(deps.database, deps.idCipher, { asOf, period });
  report({ phase: 'record', rows: found.length, percent: 80 });
  const counts = await deps.audit.transaction(deps.database.db, async (tx, audit) => {
    // The findings first, then the audit chain (recordScan's entry): the order a reopening by hand takes.
    await lockReopenableFindings(tx);
    const recorded = await recordScan(tx, audit, found, {
      asOf,
      period,
      today: asOf,
      actor,
      idCipher: deps.idCipher,
    });
    const reopenedFindings = await reopenReturnedFindings(tx, audit, asOf, deps.clock().toISOString());
    return { ...recorded!, reopenedFindings };
  });
  report({ phase: 'done', rows: found.length, percent: 100 });
  return { asOf, period, ...counts };
}

export interface StartScanOptions {
  /** Whose scope sees the job (null: nobody's, a job of the system). */
  regionCode: string | null;
  /**
   * When not to start another: `queued`, while a scan waits to start (it will see today's data
   * anyway); `pending`, while one waits or runs (a schedule does not pile up scans).
   */
  unless?: 'queued' | 'pending';
}

/** Queues a scan job as of today, or answers the one already pending that makes it needless. */
export function startScanJob(
  deps: WarningsDeps,
  actor: string,
  options: StartScanOptions,
): { jobId: string; started: boolean } {
  const pending = options.unless ? deps.jobs.pending(SCAN_JOB) : [];
  const waiting = pending.find((job) => options.unless === 'pending' || job.status === 'queued');
  if (waiting) return { jobId: waiting.id, started: false };
  const jobId = deps.jobs.start(SCAN_JOB, actor, (report) => runScan(deps, actor, report), {
    regionCode: options.regionCode,
  });
  return { jobId, started: true };
}

/** Scans as jobs and the stored warnings, read within the caller's scope. */
export function createWarningsStore(deps: WarningsDeps) {
  const db: Db = deps.database.db;

  return {
    startScan(caller: Caller): { jobId: string } {
      const { jobId } = startScanJob(deps, caller.actor, { regionCode: caller.scope.regionCode });
      return { jobId };
    },

    async scanJob(caller: Caller, id: string): Promise<Job & { result?: ScanResult }> {
      const job = deps.jobs.get(id);
      const visible =
        job?.kind === SCAN_JOB &&
        job.regionCode !== null &&
        (await regionWithin(db, job.regionCode, caller.scope.regionCode));
      if (!job || !visible) throw new ScanJobNotFoundError(id);
      return job as Job & { result?: ScanResult };
    },

    async list(caller: Caller, filter: WarningFilter) {
      const { cte, where } = scopeFilter(caller.scope, 'w');
      const conditions = [where];
      if (filter.rule) conditions.push(sql`w.rule = ${filter.rule}`);
      if (filter.severity) conditions.push(sql`w.severity = ${filter.severity}`);
      if (filter.unit) conditions.push(sql`w.unit_code = ${filter.unit}`);
      if (filter.status === 'open') conditions.push(sql`w.resolved_on IS NULL`);
      if (filter.status === 'resolved') conditions.push(sql`w.resolved_on IS NOT NULL`);
      const condition = sql.join(conditions, sql` AND `);
      const reveal = can(caller, 'id_number.read');
      const rows = await query<{
        id: number;
        rule: string;
        severity: string;
        region_code: string;
        unit_code: string | null;
        id_masked: string | null;
        id_cipher: string | null;
        first_seen_on: string;
        last_seen_on: string;
        resolved_on: string | null;
        message: string;
        figures: Record<string, unknown>;
        total: number;
      }>(
        db,
        sql`${cte}
        SELECT w.id, w.rule, w.severity, w.region_code, w.unit_code, w.id_masked,
          ${reveal ? sql`p.id_cipher` : sql`NULL::text`} AS id_cipher,
          w.first_seen_on::text, w.last_seen_on::text, w.resolved_on::text, w.message, w.figures,
          count(*) OVER ()::int AS total
        FROM warnings w LEFT JOIN persons p ON p.id_index = w.id_index
        WHERE ${condition}
        ORDER BY w.resolved_on IS NOT NULL, w.rule, w.subject_key
        LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
      );
      const items = rows.map((r): StoredWarning => ({
        id: r.id,
        rule: r.rule,
        severity: r.severity,
        regionCode: r.region_code,
        unitCode: r.unit_code,
        idNumber: r.id_cipher ? deps.idCipher.reveal(r.id_cipher) : r.id_masked,
        firstSeenOn: r.first_seen_on,
        lastSeenOn: r.last_seen_on,
        resolvedOn: r.resolved_on,
        status: r.resolved_on === null ? 'open' : 'resolved',
        message: r.message,
        figures: r.figures,
      }));
      let total = rows[0]?.total ?? 0;
      if (rows.length === 0 && filter.page > 1) {
        const [count] = await query<{ total: number }>(
          db,
          sql`${cte} SELECT count(*)::int AS total FROM warnings w WHERE ${condition}`,
        );
        total = count?.total ?? 0;
      }
      return { total, page: filter.page, pageSize: filter.pageSize, items };
    },

    async summary(caller: Caller) {
      const { cte, where } = scopeFilter(caller.scope, 'w');
      const rows = await query<{ rule: string; severity: string; count: number }>(
        db,
        sql`${cte}
        SELECT w.rule, w.severity, count(*)::int AS count FROM warnings w
        WHERE ${where} AND w.resolved_on IS NULL
        GROUP BY w.rule, w.severity ORDER BY w.rule, w.severity`,
      );
      return { total: rows.reduce((sum, r) => sum + r.count, 0), byRule: rows };
    },
  };
}
