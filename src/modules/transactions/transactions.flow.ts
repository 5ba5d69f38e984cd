import type { SQL } from 'drizzle-orm';
import { type Database, type Db, preparedQuery, query, sql } from '../../db/database.ts';
import { type Clock, todayOf } from '../../shared/dates.ts';
import { regionPrefix } from '../../shared/document-no.ts';
import type { AuditRecorder, AuditTrail } from '../audit/audit.service.ts';
import { type Caller, can } from '../auth/caller.ts';
import type { Department } from '../users/roles.ts';
import { createFindingsService } from '../findings/findings.service.ts';
import type { IdCipher } from '../identity/id-cipher.ts';
import { reservingOn } from '../establishment/establishment.repository.ts';
import { findUnitByCode, type UnitRecord } from '../org/org.repository.ts';
import { scopeFilter, unitVisible } from '../org/org.scope.ts';
import { seatActiveOn } from '../org/org.sql.ts';
import { checkSeat } from '../warnings/warnings.prevention.ts';
import {
  FlowConflictError,
  FlowInputError,
  FlowNotFoundError,
  OverrideForbiddenError,
  PreventedError,
} from './transactions.errors.ts';

/**
 * What every sub-flow of the transactions module shares: the figure lock, the vacancy of a unit and
 * kind, the check before a seat is written, and (in `createFlowContext`) recording a transaction with
 * its departments' steps and turning a refusal into an override's finding.
 */

export interface TransactionsDeps {
  database: Database;
  idCipher: IdCipher;
  audit: AuditTrail;
  clock: Clock;
}

/** Letting a refused transaction through: the override role, a reason and a document; it registers a finding. */
export interface Override {
  reason: string;
  documentNo: string;
}

/**
 * The departments that take a transaction further: 组织部 decides a 任免 before it is written (it is
 * held `pending` until then); 人社 for entering and leaving and 财政 confirming the payroll change
 * (工资统发) once the 编办 has written it.
 */
export const STEPS: Record<string, readonly Department[]> = {
  enter: ['hr', 'finance'],
  transfer: ['hr', 'finance'],
  exit: ['hr', 'finance'],
  appoint: ['organization'],
  remove: ['organization'],
};

/** The series of the 文号 of the form each kind of transaction issues. */
const ISSUED_SERIES: Record<string, string> = { enter: '编入', transfer: '编入', exit: '编出' };

/** Serialises every change to one unit's figures of one kind (a quota kind, or a post level). */
export async function lockFigure(tx: Db, unitId: number, kind: string) {
  await preparedQuery(tx, sql`SELECT pg_advisory_xact_lock(hashtext(${`figure:${unitId}:${kind}`}))`);
}

/**
 * The check before a seat is written (入编, 调动): the unit's figure locked for the rest of the
 * transaction, the other approvals reserving its vacancies counted, and the rules' single-subject
 * checks run. Returns what would fire (nothing: it may be written). `npm run bench` times it.
 */
export async function precheckSeat(
  tx: Db,
  idCipher: IdCipher,
  seat: {
    unitId: number;
    unitCode: string;
    quotaKind: string;
    /** The approval being used, not counted among those reserving (0: none). */
    approvalId: number;
    idNumber: string;
    name: string;
    category: string;
    enteredOn: string;
    endsSeatId?: number;
  },
) {
  await lockFigure(tx, seat.unitId, seat.quotaKind);
  return checkSeat(tx, idCipher, {
    idNumber: seat.idNumber,
    name: seat.name,
    unitCode: seat.unitCode,
    quotaKind: seat.quotaKind,
    category: seat.category,
    enteredOn: seat.enteredOn,
    countReserved: { exceptApproval: seat.approvalId },
    ...(seat.endsSeatId !== undefined ? { endsSeatId: seat.endsSeatId } : {}),
  });
}

/** approved − headcount − reserved for a unit and kind on a date (reserved: approvals not used nor expired). */
export async function vacancyOf(tx: Db, unitId: number, kind: string, asOf: string, exceptApproval = 0) {
  const [row] = await preparedQuery<{ approved: number; headcount: number; reserved: number }>(
    tx,
    sql`SELECT
      (SELECT coalesce(sum(amount), 0) FROM quota_ledger WHERE unit_id = ${unitId} AND kind = ${kind}
        AND effective_on <= ${asOf}::date)::int AS approved,
      (SELECT count(*) FROM seats s WHERE s.unit_id = ${unitId} AND s.quota_kind = ${kind}
        AND ${seatActiveOn('s', asOf)})::int AS headcount,
      (SELECT count(*) FROM quota_use_approvals a WHERE a.unit_id = ${unitId} AND a.quota_kind = ${kind}
        AND ${reservingOn('a', asOf)} AND a.id <> ${exceptApproval})::int AS reserved`,
  );
  const figures = row ?? { approved: 0, headcount: 0, reserved: 0 };
  return { ...figures, vacancy: figures.approved - figures.headcount - figures.reserved };
}

export interface ActiveSeat {
  id: number;
  person_id: number;
  unit_id: number;
  unit_code: string;
  region_code: string;
  quota_kind: string;
  category: string;
  entered_on: string;
  id_cipher: string;
  name: string;
}

/** The clock, the database and the helpers that record and guard every flow's writes. */
export function createFlowContext(deps: TransactionsDeps) {
  const db = deps.database.db;
  const today = () => todayOf(deps.clock);
  const now = () => deps.clock().toISOString();
  const findings = createFindingsService(deps);

  async function visibleUnit(tx: Db, caller: Caller, code: string): Promise<UnitRecord> {
    const unit = await findUnitByCode(tx, code);
    if (!unit || !(await unitVisible(tx, caller.scope, unit))) throw new FlowNotFoundError('单位', code);
    return unit;
  }

  async function record(
    tx: Db,
    audit: AuditRecorder,
    caller: Caller,
    entry: {
      kind: string;
      /** `pending`: held until its department approves (任免, 组织部); nothing is written yet. */
      state?: 'completed' | 'pending';
      regionCode: string;
      unitId: number;
      effectiveOn: string;
      documentNo?: string | null;
      approvalId?: number | null;
      seatId?: number | null;
      override?: (Override & { findingId: number }) | null;
      details: Record<string, unknown>;
    },
  ) {
    // The forms the office issues are numbered per region, series and year: 青山编入〔2026〕3号.
    const series = ISSUED_SERIES[entry.kind];
    let issuedNo: string | null = null;
    if (series) {
      const year = entry.effectiveOn.slice(0, 4);
      await query(tx, sql`SELECT pg_advisory_xact_lock(hashtext(${`issued:${entry.regionCode}:${series}`}))`);
      const [numbering] = await query<{ name: string; serial: number }>(
        tx,
        sql`SELECT r.name, (SELECT count(*) + 1 FROM transactions t WHERE t.region_code = r.code
            AND t.issued_no LIKE ${`%${series}〔${year}〕%`})::int AS serial
          FROM regions r WHERE r.code = ${entry.regionCode}`,
      );
      issuedNo = `${regionPrefix(numbering!.name)}${series}〔${year}〕${numbering!.serial}号`;
    }
    const [row] = await query<{ id: number }>(
      tx,
      sql`INSERT INTO transactions (kind, state, region_code, unit_id, document_no, issued_no, effective_on, approval_id, seat_id,
          details, override_reason, override_document_no, finding_id, actor, at)
        VALUES (${entry.kind}, ${entry.state ?? 'completed'}, ${entry.regionCode}, ${entry.unitId}, ${entry.documentNo ?? null}, ${issuedNo},
          ${entry.effectiveOn}, ${entry.approvalId ?? null}, ${entry.seatId ?? null}, ${JSON.stringify(entry.details)}::jsonb,
          ${entry.override?.reason ?? null}, ${entry.override?.documentNo ?? null}, ${entry.override?.findingId ?? null},
          ${caller.actor}, ${now()})
        RETURNING id`,
    );
    for (const department of STEPS[entry.kind] ?? [])
      await query(
        tx,
        sql`INSERT INTO transaction_steps (transaction_id, region_code, department, state)
          VALUES (${row!.id}, ${entry.regionCode}, ${department}, 'pending')`,
      );
    await audit.record({
      actor: caller.actor,
      action: `transaction.${entry.kind}`,
      entity: 'transactions',
      entityKey: String(row!.id),
      regionCode: entry.regionCode,
      documentNo: entry.documentNo ?? null,
      details: issuedNo ? { ...entry.details, issuedNo } : entry.details,
    });
    return row!.id;
  }

  /**
   * What a refusal becomes: thrown, unless an override is given by someone who may (then it is let
   * through and registered as a finding of the unit, category the first rule, with the reason and
   * document). Returns the finding's id, or null when nothing needed overriding.
   */
  async function prevent(
    tx: Db,
    audit: AuditRecorder,
    caller: Caller,
    refusal: PreventedError | FlowConflictError | null,
    context: { unitCode: string; what: string; override?: Override; rule?: string },
  ): Promise<number | null> {
    if (!refusal) return null;
    if (!context.override) throw refusal;
    if (!can(caller, 'flows.override')) throw new OverrideForbiddenError();
    const reason = context.override.reason.trim();
    const documentNo = context.override.documentNo.trim();
    if (!reason || !documentNo) throw new FlowInputError('越权办理须说明理由并提供依据文件文号');
    const rule = refusal instanceof PreventedError ? refusal.warnings[0]!.rule : context.rule;
    const finding = await findings.registerIn(tx, audit, caller, {
      source: 'override',
      unitCode: context.unitCode,
      category: rule ?? '无用编核准办理入编',
      severity: '违规',
      description: `越权办理${context.what}：${refusal.message.replace(/^不予办理：/, '')}。理由：${reason}（${documentNo}）`,
      sourceRef: documentNo,
    });
    return finding.id;
  }

  /** A seat within the caller's scope, active on the date, its row locked. */
  async function activeSeat(tx: Db, caller: Caller, seatId: number, on: string): Promise<ActiveSeat> {
    const { cte, where } = scopeFilter(caller.scope, 's');
    const [seat] = await query<ActiveSeat>(
      tx,
      sql`${cte} SELECT s.id, s.person_id, s.unit_id, u.code AS unit_code, s.region_code, s.quota_kind, s.category,
          s.entered_on::text, p.id_cipher, p.name
        FROM seats s JOIN units u ON u.id = s.unit_id JOIN persons p ON p.id = s.person_id
        WHERE s.id = ${seatId} AND ${where} AND ${seatActiveOn('s', on)}
        FOR UPDATE OF s`,
    );
    if (!seat) throw new FlowNotFoundError(`${on} 在编的席位`, seatId);
    return seat;
  }

  /** Ends a seat on a date: from that day it no longer counts (RULES.md: active while exited_on > D). */
  async function endSeat(tx: Db, seat: ActiveSeat, on: string, exitType: string) {
    if (on <= seat.entered_on) throw new FlowInputError(`出编日期 ${on} 须晚于入编日期 ${seat.entered_on}`);
    await query(tx, sql`UPDATE seats SET exited_on = ${on}, exit_type = ${exitType} WHERE id = ${seat.id}`);
  }

  return { deps, db, today, now, visibleUnit, record, prevent, activeSeat, endSeat };
}

export type FlowContext = ReturnType<typeof createFlowContext>;

export function refusalRules(warnings: { rule: string }[]): string[] {
  return warnings.map((w) => w.rule);
}

/** The unit a post counts against (RULES.md OVER_POSTS): a division post in an internal division, its parent. */
export async function countedUnit(tx: Db, postUnitId: number, level: string, asOf: string): Promise<number> {
  const division: SQL = sql`${level} IN ('division_head', 'division_deputy')`;
  const [row] = await query<{ id: number }>(
    tx,
    sql`SELECT CASE WHEN ${division} AND v.kind = 'internal_division' AND v.parent_id IS NOT NULL
          THEN v.parent_id ELSE v.unit_id END AS id
      FROM unit_versions v WHERE v.unit_id = ${postUnitId} AND (v.valid_from IS NULL OR v.valid_from <= ${asOf}::date)
      ORDER BY v.valid_from DESC NULLS LAST LIMIT 1`,
  );
  return row?.id ?? postUnitId;
}
