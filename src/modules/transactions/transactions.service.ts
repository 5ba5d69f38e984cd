import type { SQL } from 'drizzle-orm';
import { type Database, type Db, query, sql } from '../../db/database.ts';
import { addDays, type Clock, todayOf } from '../../shared/dates.ts';
import { regionPrefix } from '../../shared/document-no.ts';
import type { AuditRecorder, AuditTrail } from '../audit/audit.service.ts';
import { type Caller, can } from '../auth/caller.ts';
import { DEPARTMENT_LABELS, type Department } from '../users/roles.ts';
import { createFindingsService } from '../findings/findings.service.ts';
import type { IdCipher } from '../identity/id-cipher.ts';
import { checkIdNumber, maskIdNumber } from '../identity/id-number.ts';
import {
  CATEGORIES,
  EXIT_TYPES,
  POST_LEVELS,
  QUOTA_KINDS,
  RANKS,
  SEAT_STATUSES,
} from '../interchange/dataset.spec.ts';
import { reservingOn } from '../establishment/establishment.repository.ts';
import { findUnitByCode, type UnitRecord } from '../org/org.repository.ts';
import { scopeFilter, unitVisible } from '../org/org.scope.ts';
import { seatActiveOn, unitNameSql } from '../org/org.sql.ts';
import { checkSeat } from '../warnings/warnings.prevention.ts';
import { quotaKindLabel } from '../warnings/warnings.sql.ts';
import {
  FlowConflictError,
  FlowInputError,
  FlowNotFoundError,
  NoVacancyError,
  OverrideForbiddenError,
  PreventedError,
} from './transactions.errors.ts';
import { CHANNELS, type Channel, retirementGroupFor } from './transactions.model.ts';

export interface TransactionsDeps {
  database: Database;
  idCipher: IdCipher;
  audit: AuditTrail;
  clock: Clock;
}

export interface PlanInput {
  unitCode: string;
  year: number;
  reason: string;
  lines: { quotaKind: string; channel: Channel; requested: number; reason?: string }[];
}

export interface PlanDecision {
  approve: boolean;
  /** For an approval: how many of each line (by line id); a line left out is approved as asked. */
  lines?: { id: number; approved: number }[];
  note?: string;
  documentNo?: string;
}

export interface EnterInput {
  /** A 用编核准 already granted, or a plan line to grant one from and use at once. */
  approvalId?: number;
  planLineId?: number;
  idNumber: string;
  name: string;
  category: string;
  enteredOn: string;
  education?: string;
  documentNo?: string;
  /** Without an approval, and only with an override: the unit, kind and channel of the seat. */
  unitCode?: string;
  quotaKind?: string;
  channel?: Channel;
  override?: Override;
}

/** Letting a refused transaction through: the override role, a reason and a document; it registers a finding. */
export interface Override {
  reason: string;
  documentNo: string;
}

export interface AppointInput {
  seatId: number;
  postLevel: string;
  postRank: string;
  /** The unit of the post, when it is not the seat's unit (an internal division). */
  postUnitCode?: string;
  validFrom: string;
  documentNo: string;
  override?: Override;
}

/**
 * The departments that take a transaction further once the 编办 has written it: 组织部 for 任免,
 * 人社 for entering and leaving, 财政 confirming the payroll change (工资统发).
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

/** How long a 用编核准 holds its vacancy unless it says otherwise (days). */
export const APPROVAL_VALID_DAYS = 180;

/** Serialises every change to one unit's figures of one kind (a quota kind, or a post level). */
async function lockFigure(tx: Db, unitId: number, kind: string) {
  await query(tx, sql`SELECT pg_advisory_xact_lock(hashtext(${`figure:${unitId}:${kind}`}))`);
}

interface PlanLineRow {
  id: number;
  plan_id: number;
  unit_id: number;
  region_code: string;
  year: number;
  state: string;
  quota_kind: string;
  channel: string;
  approved: number | null;
  granted: number;
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
  const { reserved } = await vacancyOf(tx, seat.unitId, seat.quotaKind, seat.enteredOn, seat.approvalId);
  return checkSeat(tx, idCipher, {
    idNumber: seat.idNumber,
    name: seat.name,
    unitCode: seat.unitCode,
    quotaKind: seat.quotaKind,
    category: seat.category,
    enteredOn: seat.enteredOn,
    reserved,
    ...(seat.endsSeatId !== undefined ? { endsSeatId: seat.endsSeatId } : {}),
  });
}

/** approved − headcount − reserved for a unit and kind on a date (reserved: approvals not used nor expired). */
async function vacancyOf(tx: Db, unitId: number, kind: string, asOf: string, exceptApproval = 0) {
  const [row] = await query<{ approved: number; headcount: number; reserved: number }>(
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

/** 用编计划, 用编核准 and the transactions that write seats, each checked before it writes (事前预防). */
export function createTransactionsService(deps: TransactionsDeps) {
  const db = deps.database.db;
  const today = () => todayOf(deps.clock);
  const now = () => deps.clock().toISOString();
  const findings = createFindingsService(deps);

  async function visibleUnit(tx: Db, caller: Caller, code: string): Promise<UnitRecord> {
    const unit = await findUnitByCode(tx, code);
    if (!unit || !(await unitVisible(tx, caller.scope, unit))) throw new FlowNotFoundError('单位', code);
    return unit;
  }

  async function planLine(tx: Db, caller: Caller, lineId: number): Promise<PlanLineRow> {
    const { cte, where } = scopeFilter(caller.scope, 'p');
    const [line] = await query<PlanLineRow>(
      tx,
      sql`${cte} SELECT l.id, l.plan_id, p.unit_id, p.region_code, p.year, p.state, l.quota_kind, l.channel, l.approved,
          (SELECT count(*) FROM quota_use_approvals a WHERE a.plan_line_id = l.id AND a.state <> 'cancelled'
            AND NOT (a.state = 'reserved' AND a.expires_on < ${today()}::date))::int AS granted
        FROM staffing_plan_lines l JOIN staffing_plans p ON p.id = l.plan_id
        WHERE l.id = ${lineId} AND ${where}`,
    );
    if (!line) throw new FlowNotFoundError('用编计划明细', lineId);
    return line;
  }

  /** Grants a 用编核准 on a plan line, in the caller's transaction, with the unit and kind locked. */
  async function grant(
    tx: Db,
    audit: AuditRecorder,
    caller: Caller,
    input: { planLineId: number; personName?: string; validDays?: number },
  ) {
    const line = await planLine(tx, caller, input.planLineId);
    await lockFigure(tx, line.unit_id, line.quota_kind);
    const on = today();
    if (line.state !== 'approved')
      throw new FlowConflictError(`用编计划 ${line.plan_id} 尚未批准，不能核准用编`);
    if (line.year !== Number(on.slice(0, 4)))
      throw new FlowConflictError(`用编计划 ${line.plan_id} 是 ${line.year} 年度的，今年不能据以核准用编`);
    // Recounted under the lock: what another clerk granted a moment ago counts.
    const fresh = await planLine(tx, caller, input.planLineId);
    if (fresh.granted >= (fresh.approved ?? 0))
      throw new NoVacancyError(
        `用编计划 ${line.plan_id} 的${quotaKindLabel[line.quota_kind]}（${line.channel}）已核准 ${fresh.approved ?? 0} 名，已全部使用`,
      );
    const figures = await vacancyOf(tx, line.unit_id, line.quota_kind, on);
    if (figures.vacancy < 1) {
      const [unit] = await query<{ code: string }>(
        tx,
        sql`SELECT code FROM units WHERE id = ${line.unit_id}`,
      );
      throw new NoVacancyError(
        `${unit?.code ?? ''} ${quotaKindLabel[line.quota_kind]}核定 ${figures.approved} 名，实有 ${figures.headcount} 名，` +
          `已核准待入编 ${figures.reserved} 名，无空编可用`,
      );
    }
    const year = Number(on.slice(0, 4));
    await query(tx, sql`SELECT pg_advisory_xact_lock(hashtext(${`approvals:${line.region_code}`}))`);
    const [numbering] = await query<{ name: string; serial: number }>(
      tx,
      sql`SELECT r.name, (SELECT count(*) + 1 FROM quota_use_approvals a
          WHERE a.region_code = r.code AND a.approved_on >= ${`${year}-01-01`}::date)::int AS serial
        FROM regions r WHERE r.code = ${line.region_code}`,
    );
    const number = `${regionPrefix(numbering!.name)}编核〔${year}〕${numbering!.serial}号`;
    const expiresOn = addDays(on, input.validDays ?? APPROVAL_VALID_DAYS);
    const [row] = await query<{ id: number }>(
      tx,
      sql`INSERT INTO quota_use_approvals (number, region_code, unit_id, quota_kind, channel, plan_line_id,
          person_name, state, approved_on, expires_on, approved_by)
        VALUES (${number}, ${line.region_code}, ${line.unit_id}, ${line.quota_kind}, ${line.channel}, ${line.id},
          ${input.personName ?? null}, 'reserved', ${on}, ${expiresOn}, ${caller.userId})
        RETURNING id`,
    );
    await audit.record({
      actor: caller.actor,
      action: 'approval.grant',
      entity: 'quota_use_approvals',
      entityKey: number,
      regionCode: line.region_code,
      documentNo: number,
      details: { planLineId: line.id, quotaKind: line.quota_kind, expiresOn, vacancyBefore: figures.vacancy },
    });
    return { id: row!.id, number, unitId: line.unit_id, quotaKind: line.quota_kind, channel: line.channel };
  }

  async function approvalFor(tx: Db, caller: Caller, id: number) {
    const { cte, where } = scopeFilter(caller.scope, 'a');
    const [approval] = await query<{
      id: number;
      number: string;
      unit_id: number;
      quota_kind: string;
      channel: string;
      state: string;
      expires_on: string;
      person_name: string | null;
    }>(
      tx,
      sql`${cte} SELECT a.id, a.number, a.unit_id, a.quota_kind, a.channel, a.state, a.expires_on::text, a.person_name
        FROM quota_use_approvals a WHERE a.id = ${id} AND ${where}`,
    );
    if (!approval) throw new FlowNotFoundError('用编核准', id);
    return approval;
  }

  async function record(
    tx: Db,
    audit: AuditRecorder,
    caller: Caller,
    entry: {
      kind: string;
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
      sql`INSERT INTO transactions (kind, region_code, unit_id, document_no, issued_no, effective_on, approval_id, seat_id,
          details, override_reason, override_document_no, finding_id, actor, at)
        VALUES (${entry.kind}, ${entry.regionCode}, ${entry.unitId}, ${entry.documentNo ?? null}, ${issuedNo},
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

  async function enterIn(
    tx: Db,
    audit: AuditRecorder,
    caller: Caller,
    input: EnterInput,
    transfer?: { seatId: number },
  ) {
    const id = checkIdNumber(input.idNumber, today());
    if (!id.ok) throw new FlowInputError(`公民身份号码无效：${id.reason}`);
    if (!CATEGORIES[input.category]) throw new FlowInputError(`人员类别无效：${input.category}`);
    if (!input.name.trim()) throw new FlowInputError('请填写姓名');
    if (input.approvalId !== undefined && input.planLineId !== undefined)
      throw new FlowInputError('用编核准（approvalId）与用编计划明细（planLineId）只能给出其一');
    const withoutApproval = input.approvalId === undefined && input.planLineId === undefined;
    if (withoutApproval && !input.override)
      throw new FlowInputError(
        '入编须依据一份用编核准（approvalId），或指明用编计划明细（planLineId）当场核准',
      );
    let target: {
      unitId: number;
      quotaKind: string;
      channel: string;
      approval: { id: number; number: string } | null;
    };
    if (withoutApproval) {
      const unit = await visibleUnit(tx, caller, input.unitCode ?? '');
      if (!input.quotaKind || !QUOTA_KINDS[input.quotaKind])
        throw new FlowInputError(`编制类型无效：${input.quotaKind ?? '（未填）'}`);
      if (!input.channel || !CHANNELS[input.channel])
        throw new FlowInputError(`进入方式无效：${input.channel ?? '（未填）'}`);
      target = { unitId: unit.id, quotaKind: input.quotaKind, channel: input.channel, approval: null };
    } else {
      if (input.approvalId === undefined) {
        const line = await planLine(tx, caller, input.planLineId!);
        const [listed] = await query<{ reason: string }>(
          tx,
          sql`SELECT reason FROM control_list WHERE unit_id = ${line.unit_id}`,
        );
        if (listed)
          throw new FlowConflictError(
            `该单位列入用编事项管控清单（${listed.reason}），须先办理用编核准，不能在入编时当场核准`,
          );
      }
      const approvalId =
        input.approvalId ??
        (await grant(tx, audit, caller, { planLineId: input.planLineId!, personName: input.name })).id;
      const approval = await approvalFor(tx, caller, approvalId);
      target = {
        unitId: approval.unit_id,
        quotaKind: approval.quota_kind,
        channel: approval.channel,
        approval: { id: approval.id, number: approval.number },
      };
      await lockFigure(tx, approval.unit_id, approval.quota_kind);
      const [locked] = await query<{ state: string }>(
        tx,
        sql`SELECT state FROM quota_use_approvals WHERE id = ${approval.id} FOR UPDATE`,
      );
      if (locked!.state !== 'reserved')
        throw new FlowConflictError(
          `用编核准 ${approval.number} 已${locked!.state === 'used' ? '使用' : '失效'}`,
        );
      if (approval.expires_on < input.enteredOn)
        throw new FlowConflictError(
          `用编核准 ${approval.number} 有效期至 ${approval.expires_on}，入编日期 ${input.enteredOn} 已过期`,
        );
    }
    const [unit] = await query<{ code: string; region_code: string }>(
      tx,
      sql`SELECT code, region_code FROM units WHERE id = ${target.unitId}`,
    );
    const warnings = await precheckSeat(tx, deps.idCipher, {
      unitId: target.unitId,
      unitCode: unit!.code,
      quotaKind: target.quotaKind,
      approvalId: target.approval?.id ?? 0,
      idNumber: id.idNumber,
      name: input.name,
      category: input.category,
      enteredOn: input.enteredOn,
      ...(transfer ? { endsSeatId: transfer.seatId } : {}),
    });
    const refusal =
      warnings.length > 0
        ? new PreventedError(warnings)
        : withoutApproval
          ? new FlowConflictError(`${unit!.code} 入编没有用编核准`)
          : null;
    const findingId = await prevent(tx, audit, caller, refusal, {
      unitCode: unit!.code,
      what: `入编（${input.name.trim()}）`,
      override: input.override,
    });
    const stored = deps.idCipher.protect(id.idNumber);
    const [person] = await query<{ id: number }>(
      tx,
      sql`INSERT INTO persons (region_code, id_cipher, id_index, id_masked, name, gender, birth_date, retirement_group, education)
            VALUES (${unit!.region_code}, ${stored.idCipher}, ${stored.idIndex}, ${stored.idMasked}, ${input.name.trim()},
              ${id.gender}, ${id.birthDate}, ${retirementGroupFor(id.gender, input.category)}, ${input.education ?? null})
            ON CONFLICT (id_index) DO UPDATE SET name = persons.name
            RETURNING id`,
    );
    const [seat] = await query<{ id: number }>(
      tx,
      sql`INSERT INTO seats (region_code, person_id, unit_id, quota_kind, category, entered_on, entry_type, approval_no)
            VALUES (${unit!.region_code}, ${person!.id}, ${target.unitId}, ${target.quotaKind}, ${input.category},
              ${input.enteredOn}, ${transfer ? 'transfer_in' : target.channel}, ${target.approval?.number ?? null})
            RETURNING id`,
    );
    if (target.approval)
      await query(
        tx,
        sql`UPDATE quota_use_approvals SET state = 'used', seat_id = ${seat!.id}, used_on = ${input.enteredOn}
              WHERE id = ${target.approval.id}`,
      );
    const transactionId = await record(tx, audit, caller, {
      kind: transfer ? 'transfer' : 'enter',
      regionCode: unit!.region_code,
      unitId: target.unitId,
      effectiveOn: input.enteredOn,
      documentNo: input.documentNo ?? target.approval?.number ?? input.override?.documentNo ?? null,
      approvalId: target.approval?.id ?? null,
      seatId: seat!.id,
      override: findingId === null ? null : { ...input.override!, findingId },
      details: {
        unitCode: unit!.code,
        quotaKind: target.quotaKind,
        channel: target.channel,
        person: maskIdNumber(id.idNumber),
        approval: target.approval?.number ?? null,
        ...(transfer ? { fromSeatId: transfer.seatId } : {}),
        ...(findingId === null ? {} : { overridden: refusalRules(warnings), findingId }),
      },
    });
    return {
      transactionId,
      seatId: seat!.id,
      approvalNumber: target.approval?.number ?? null,
      unitCode: unit!.code,
      findingId,
    };
  }

  /** Plans in the caller's scope meeting `condition` (on `p`, the plan, and `u`, its unit), with their lines: two queries. */
  async function readPlans(tx: Db, caller: Caller, condition: SQL) {
    const { cte, where } = scopeFilter(caller.scope, 'p');
    const plans = await query<{
      id: number;
      unitCode: string;
      year: number;
      state: string;
      reason: string;
      decisionNote: string | null;
      documentNo: string | null;
    }>(
      tx,
      sql`${cte} SELECT p.id, u.code AS "unitCode", p.year, p.state, p.reason, p.decision_note AS "decisionNote",
          p.document_no AS "documentNo"
        FROM staffing_plans p JOIN units u ON u.id = p.unit_id WHERE ${where} AND ${condition}
        ORDER BY p.year DESC, u.code LIMIT 500`,
    );
    if (plans.length === 0) return [];
    const lines = await query<{
      planId: number;
      id: number;
      quotaKind: string;
      channel: string;
      requested: number;
      approved: number | null;
      granted: number;
      used: number;
    }>(
      tx,
      sql`SELECT l.plan_id AS "planId", l.id, l.quota_kind AS "quotaKind", l.channel, l.requested, l.approved,
          (SELECT count(*) FROM quota_use_approvals a WHERE a.plan_line_id = l.id AND a.state <> 'cancelled'
            AND NOT (a.state = 'reserved' AND a.expires_on < ${today()}::date))::int AS granted,
          (SELECT count(*) FROM quota_use_approvals a WHERE a.plan_line_id = l.id AND a.state = 'used')::int AS used
        FROM staffing_plan_lines l WHERE l.plan_id = ANY(${`{${plans.map((p) => p.id).join(',')}}`}::int[])
        ORDER BY l.id`,
    );
    return plans.map((plan) => ({
      ...plan,
      lines: lines.filter((l) => l.planId === plan.id).map(({ planId, ...line }) => (void planId, line)),
    }));
  }

  interface ActiveSeat {
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

  return {
    async applyPlan(caller: Caller, input: PlanInput) {
      if (input.lines.length === 0) throw new FlowInputError('用编计划至少要有一行');
      for (const line of input.lines) {
        if (!QUOTA_KINDS[line.quotaKind]) throw new FlowInputError(`编制类型无效：${line.quotaKind}`);
        if (!CHANNELS[line.channel]) throw new FlowInputError(`补充渠道无效：${line.channel}`);
      }
      return deps.audit.transaction(db, async (tx, audit) => {
        const unit = await visibleUnit(tx, caller, input.unitCode);
        const [existing] = await query<{ id: number }>(
          tx,
          sql`SELECT id FROM staffing_plans WHERE unit_id = ${unit.id} AND year = ${input.year}`,
        );
        if (existing)
          throw new FlowConflictError(
            `${unit.code} 已有 ${input.year} 年度用编计划（${existing.id}），请修改该计划`,
          );
        const [plan] = await query<{ id: number }>(
          tx,
          sql`INSERT INTO staffing_plans (region_code, unit_id, year, state, reason, submitted_by, submitted_at)
            VALUES (${unit.regionCode}, ${unit.id}, ${input.year}, 'submitted', ${input.reason}, ${caller.userId}, ${now()})
            RETURNING id`,
        );
        for (const line of input.lines)
          await query(
            tx,
            sql`INSERT INTO staffing_plan_lines (plan_id, quota_kind, channel, requested, reason)
              VALUES (${plan!.id}, ${line.quotaKind}, ${line.channel}, ${line.requested}, ${line.reason ?? null})`,
          );
        await audit.record({
          actor: caller.actor,
          action: 'plan.apply',
          entity: 'staffing_plans',
          entityKey: String(plan!.id),
          regionCode: unit.regionCode,
          details: { unitCode: unit.code, year: input.year, lines: input.lines },
        });
        return this.getPlan(caller, plan!.id, tx);
      });
    },

    async getPlan(caller: Caller, id: number, tx: Db = db) {
      const [plan] = await readPlans(tx, caller, sql`p.id = ${id}`);
      if (!plan) throw new FlowNotFoundError('用编计划', id);
      return plan;
    },

    /** Plans in the caller's scope, newest year first, with their lines' figures. */
    listPlans(caller: Caller, filter: { unit?: string; year?: number; state?: string }) {
      const conditions = [sql`TRUE`];
      if (filter.unit) conditions.push(sql`u.code = ${filter.unit}`);
      if (filter.year) conditions.push(sql`p.year = ${filter.year}`);
      if (filter.state) conditions.push(sql`p.state = ${filter.state}`);
      return readPlans(db, caller, sql.join(conditions, sql` AND `));
    },

    /** 用编核准 in the caller's scope: each with its state as of today (a reserved one past its date is expired). */
    listApprovals(caller: Caller, filter: { unit?: string; state?: string }) {
      const { cte, where } = scopeFilter(caller.scope, 'a');
      return query<{
        id: number;
        number: string;
        unitCode: string;
        quotaKind: string;
        channel: string;
        personName: string | null;
        state: string;
        approvedOn: string;
        expiresOn: string;
        usedOn: string | null;
        planLineId: number;
      }>(
        db,
        sql`${cte} SELECT * FROM (
            SELECT a.id, a.number, u.code AS "unitCode", a.quota_kind AS "quotaKind", a.channel,
              a.person_name AS "personName",
              CASE WHEN a.state = 'reserved' AND a.expires_on < ${today()}::date THEN 'expired' ELSE a.state END AS state,
              a.approved_on::text AS "approvedOn", a.expires_on::text AS "expiresOn", a.used_on::text AS "usedOn",
              a.plan_line_id AS "planLineId"
            FROM quota_use_approvals a JOIN units u ON u.id = a.unit_id
            WHERE ${where} ${filter.unit ? sql`AND u.code = ${filter.unit}` : sql``}
          ) x ${filter.state ? sql`WHERE x.state = ${filter.state}` : sql``}
          ORDER BY x."approvedOn" DESC, x.id DESC LIMIT 500`,
      );
    },

    /** The 编办's decision: all or part of each line, never more than asked nor than the unit's vacancy of the kind. */
    async decidePlan(caller: Caller, id: number, decision: PlanDecision) {
      return deps.audit.transaction(db, async (tx, audit) => {
        const plan = await this.getPlan(caller, id, tx);
        if (plan.state !== 'submitted')
          throw new FlowConflictError(
            `用编计划 ${id} 已${plan.state === 'approved' ? '批准' : '退回'}，不能再次审批`,
          );
        const [unit] = await query<{ id: number; region_code: string }>(
          tx,
          sql`SELECT id, region_code FROM units WHERE code = ${plan.unitCode}`,
        );
        const approvedOf = (lineId: number, requested: number) =>
          decision.approve ? (decision.lines?.find((l) => l.id === lineId)?.approved ?? requested) : 0;
        for (const given of decision.lines ?? [])
          if (!plan.lines.some((l) => l.id === given.id))
            throw new FlowInputError(`计划明细 ${given.id} 不属于计划 ${id}`);
        const byKind = new Map<string, number>();
        for (const line of plan.lines) {
          const approved = approvedOf(line.id, line.requested);
          if (approved < 0 || approved > line.requested)
            throw new FlowInputError(`计划明细 ${line.id} 核准数应在 0 至申请数 ${line.requested} 之间`);
          byKind.set(line.quotaKind, (byKind.get(line.quotaKind) ?? 0) + approved);
        }
        for (const [kind, total] of byKind) {
          const figures = await vacancyOf(tx, unit!.id, kind, today());
          if (total > Math.max(figures.vacancy, 0))
            throw new NoVacancyError(
              `${plan.unitCode} ${quotaKindLabel[kind]}空编 ${Math.max(figures.vacancy, 0)} 名（核定 ${figures.approved}、实有 ${figures.headcount}、已核准待入编 ${figures.reserved}），不能核准 ${total} 名`,
            );
        }
        for (const line of plan.lines)
          await query(
            tx,
            sql`UPDATE staffing_plan_lines SET approved = ${approvedOf(line.id, line.requested)} WHERE id = ${line.id}`,
          );
        const state = decision.approve ? 'approved' : 'rejected';
        await query(
          tx,
          sql`UPDATE staffing_plans SET state = ${state}, decided_by = ${caller.userId}, decided_at = ${now()},
            decision_note = ${decision.note ?? null}, document_no = ${decision.documentNo ?? null} WHERE id = ${id}`,
        );
        await audit.record({
          actor: caller.actor,
          action: `plan.${decision.approve ? 'approve' : 'reject'}`,
          entity: 'staffing_plans',
          entityKey: String(id),
          regionCode: unit!.region_code,
          documentNo: decision.documentNo ?? null,
          details: { lines: plan.lines.map((l) => ({ id: l.id, approved: approvedOf(l.id, l.requested) })) },
        });
        return this.getPlan(caller, id, tx);
      });
    },

    /** A change to an approved plan: recorded with its reason and document; never below what was already granted. */
    async amendPlan(
      caller: Caller,
      id: number,
      input: { lines: { id: number; approved: number }[]; reason: string; documentNo: string },
    ) {
      return deps.audit.transaction(db, async (tx, audit) => {
        const plan = await this.getPlan(caller, id, tx);
        if (plan.state !== 'approved')
          throw new FlowConflictError(`用编计划 ${id} 未批准，直接审批即可，无需调整`);
        const changes = [];
        for (const given of input.lines) {
          const line = plan.lines.find((l) => l.id === given.id);
          if (!line) throw new FlowInputError(`计划明细 ${given.id} 不属于计划 ${id}`);
          if (given.approved < line.granted)
            throw new FlowConflictError(
              `计划明细 ${line.id} 已核准用编 ${line.granted} 名，调整后不能少于此数`,
            );
          changes.push({ id: line.id, before: line.approved, after: given.approved });
          await query(
            tx,
            sql`UPDATE staffing_plan_lines SET approved = ${given.approved} WHERE id = ${line.id}`,
          );
        }
        await query(
          tx,
          sql`INSERT INTO staffing_plan_amendments (plan_id, at, actor, reason, document_no, changes)
            VALUES (${id}, ${now()}, ${caller.actor}, ${input.reason}, ${input.documentNo}, ${JSON.stringify(changes)}::jsonb)`,
        );
        await audit.record({
          actor: caller.actor,
          action: 'plan.amend',
          entity: 'staffing_plans',
          entityKey: String(id),
          documentNo: input.documentNo,
          details: { reason: input.reason, lines: changes },
        });
        return this.getPlan(caller, id, tx);
      });
    },

    grantApproval(caller: Caller, input: { planLineId: number; personName?: string; validDays?: number }) {
      return deps.audit.transaction(db, (tx, audit) => grant(tx, audit, caller, input));
    },

    /**
     * 入编: seats a person on a 用编核准 (or on one granted from the plan line in the same
     * transaction). The unit and kind stay locked from the check to the write, so two clerks can
     * never both fill the last vacancy.
     */
    enter(caller: Caller, input: EnterInput) {
      return deps.audit.transaction(db, (tx, audit) => enterIn(tx, audit, caller, input));
    },

    /** 出编: the seat ends on the date (退休、调出、辞职、辞退、死亡、开除); never refused by the rules. */
    exit(caller: Caller, input: { seatId: number; exitType: string; exitedOn: string; documentNo: string }) {
      if (!EXIT_TYPES[input.exitType]) throw new FlowInputError(`出编方式无效：${input.exitType}`);
      if (!input.documentNo.trim()) throw new FlowInputError('出编须有文件文号');
      return deps.audit.transaction(db, async (tx, audit) => {
        const seat = await activeSeat(tx, caller, input.seatId, input.exitedOn);
        await lockFigure(tx, seat.unit_id, seat.quota_kind);
        await endSeat(tx, seat, input.exitedOn, input.exitType);
        const transactionId = await record(tx, audit, caller, {
          kind: 'exit',
          regionCode: seat.region_code,
          unitId: seat.unit_id,
          effectiveOn: input.exitedOn,
          documentNo: input.documentNo,
          seatId: seat.id,
          details: { unitCode: seat.unit_code, quotaKind: seat.quota_kind, exitType: input.exitType },
        });
        return { transactionId, seatId: seat.id };
      });
    },

    /**
     * 调动: the seat at the old unit ends and a seat at the new one begins the same day, on a 用编核准
     * of the new unit; both figures are locked, in one order, so two opposite transfers cannot deadlock.
     */
    transfer(
      caller: Caller,
      input: {
        seatId: number;
        approvalId: number;
        category?: string;
        enteredOn: string;
        documentNo: string;
        override?: Override;
      },
    ) {
      if (!input.documentNo.trim()) throw new FlowInputError('调动须有文件文号');
      return deps.audit.transaction(db, async (tx, audit) => {
        const seat = await activeSeat(tx, caller, input.seatId, input.enteredOn);
        const approval = await approvalFor(tx, caller, input.approvalId);
        const keys = [
          [seat.unit_id, seat.quota_kind],
          [approval.unit_id, approval.quota_kind],
        ] as const;
        const ordered = [...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
        for (const [unitId, kind] of ordered) await lockFigure(tx, unitId, kind);
        const result = await enterIn(
          tx,
          audit,
          caller,
          {
            approvalId: approval.id,
            idNumber: deps.idCipher.reveal(seat.id_cipher),
            name: seat.name,
            category: input.category ?? seat.category,
            enteredOn: input.enteredOn,
            documentNo: input.documentNo,
            override: input.override,
          },
          { seatId: seat.id },
        );
        await endSeat(tx, seat, input.enteredOn, 'transfer_out');
        return result;
      });
    },

    /** 免职: the post held on the seat ends on the date (a post version with no level). */
    remove(caller: Caller, input: { seatId: number; validFrom: string; documentNo: string }) {
      if (!input.documentNo.trim()) throw new FlowInputError('免职须有任免文件文号');
      return deps.audit.transaction(db, async (tx, audit) => {
        const seat = await activeSeat(tx, caller, input.seatId, input.validFrom);
        const [held] = await query<{ post_level: string | null }>(
          tx,
          sql`SELECT post_level FROM seat_posts WHERE seat_id = ${seat.id}
            AND (valid_from IS NULL OR valid_from <= ${input.validFrom}::date)
            ORDER BY valid_from DESC NULLS LAST LIMIT 1`,
        );
        if (!held?.post_level)
          throw new FlowConflictError(`席位 ${seat.id} 在 ${input.validFrom} 未任领导职务，无需免职`);
        await query(
          tx,
          sql`INSERT INTO seat_posts (region_code, seat_id, valid_from, post_level, post_unit_id, post_rank)
            VALUES (${seat.region_code}, ${seat.id}, ${input.validFrom}, NULL, NULL, NULL)
            ON CONFLICT (seat_id, valid_from) DO UPDATE SET post_level = NULL, post_unit_id = NULL, post_rank = NULL`,
        );
        const transactionId = await record(tx, audit, caller, {
          kind: 'remove',
          regionCode: seat.region_code,
          unitId: seat.unit_id,
          effectiveOn: input.validFrom,
          documentNo: input.documentNo,
          seatId: seat.id,
          details: { unitCode: seat.unit_code, postLevel: held.post_level },
        });
        return { transactionId, seatId: seat.id };
      });
    },

    /** 借调: a person seconded from the unit of their seat to another, until a date; extended; returned. */
    second(
      caller: Caller,
      input: { seatId: number; toUnitCode: string; startOn: string; endOn: string; documentNo: string },
    ) {
      if (input.endOn <= input.startOn) throw new FlowInputError('借调结束日期须晚于开始日期');
      if (!input.documentNo.trim()) throw new FlowInputError('借调须有文件文号');
      return deps.audit.transaction(db, async (tx, audit) => {
        const seat = await activeSeat(tx, caller, input.seatId, input.startOn);
        const to = await visibleUnit(tx, caller, input.toUnitCode);
        if (to.id === seat.unit_id) throw new FlowInputError('借调单位不能是编制所在单位');
        const [row] = await query<{ id: number }>(
          tx,
          sql`INSERT INTO secondments (region_code, person_id, from_unit_id, to_unit_id, start_on, end_on, document_no)
            VALUES (${seat.region_code}, ${seat.person_id}, ${seat.unit_id}, ${to.id}, ${input.startOn}, ${input.endOn},
              ${input.documentNo})
            RETURNING id`,
        );
        const transactionId = await record(tx, audit, caller, {
          kind: 'second',
          regionCode: seat.region_code,
          unitId: seat.unit_id,
          effectiveOn: input.startOn,
          documentNo: input.documentNo,
          seatId: seat.id,
          details: {
            unitCode: seat.unit_code,
            toUnitCode: to.code,
            endOn: input.endOn,
            secondmentId: row!.id,
          },
        });
        return { transactionId, secondmentId: row!.id };
      });
    },

    endSecondment(
      caller: Caller,
      id: number,
      input: { extendTo?: string; returnedOn?: string; documentNo: string },
    ) {
      if ((input.extendTo === undefined) === (input.returnedOn === undefined))
        throw new FlowInputError('请指明延期至（extendTo）或归还日期（returnedOn）之一');
      if (!input.documentNo.trim()) throw new FlowInputError('借调延期或归还须有文件文号');
      return deps.audit.transaction(db, async (tx, audit) => {
        const { cte, where } = scopeFilter(caller.scope, 'b');
        const [secondment] = await query<{
          id: number;
          region_code: string;
          from_unit_id: number;
          start_on: string;
          end_on: string;
          returned_on: string | null;
        }>(
          tx,
          sql`${cte} SELECT b.id, b.region_code, b.from_unit_id, b.start_on::text, b.end_on::text, b.returned_on::text
            FROM (SELECT s.*, s.from_unit_id AS unit_id FROM secondments s) b WHERE b.id = ${id} AND ${where} FOR UPDATE`,
        );
        if (!secondment) throw new FlowNotFoundError('借调', id);
        if (secondment.returned_on)
          throw new FlowConflictError(`借调 ${id} 已于 ${secondment.returned_on} 结束`);
        const date = input.extendTo ?? input.returnedOn!;
        if (date <= secondment.start_on)
          throw new FlowInputError(`日期 ${date} 须晚于借调开始日期 ${secondment.start_on}`);
        if (input.extendTo && input.extendTo <= secondment.end_on)
          throw new FlowInputError(`延期至 ${input.extendTo} 须晚于原结束日期 ${secondment.end_on}`);
        await query(
          tx,
          input.extendTo
            ? sql`UPDATE secondments SET end_on = ${input.extendTo} WHERE id = ${id}`
            : sql`UPDATE secondments SET returned_on = ${input.returnedOn!} WHERE id = ${id}`,
        );
        const transactionId = await record(tx, audit, caller, {
          kind: input.extendTo ? 'second_extend' : 'second_return',
          regionCode: secondment.region_code,
          unitId: secondment.from_unit_id,
          effectiveOn: date,
          documentNo: input.documentNo,
          details: {
            secondmentId: id,
            before: secondment.end_on,
            ...(input.extendTo ? { extendTo: date } : { returnedOn: date }),
          },
        });
        return { transactionId, secondmentId: id };
      });
    },

    /**
     * 在岗状态 change (长期病休、挂职、待分配、离岗创业、在岗), dated and documented. The seat's current
     * status follows when the date has come; the history stays in seat_statuses.
     */
    setStatus(
      caller: Caller,
      input: { seatId: number; status: string; validFrom: string; documentNo: string },
    ) {
      if (!SEAT_STATUSES[input.status]) throw new FlowInputError(`在岗状态无效：${input.status}`);
      if (!input.documentNo.trim()) throw new FlowInputError('状态变更须有文件文号');
      return deps.audit.transaction(db, async (tx, audit) => {
        const seat = await activeSeat(tx, caller, input.seatId, input.validFrom);
        const [previous] = await query<{ status: string }>(
          tx,
          sql`SELECT coalesce((SELECT status FROM seat_statuses WHERE seat_id = ${seat.id} AND valid_from <= ${input.validFrom}::date
              ORDER BY valid_from DESC LIMIT 1), (SELECT status FROM seats WHERE id = ${seat.id})) AS status`,
        );
        if (previous?.status === input.status)
          throw new FlowConflictError(
            `席位 ${seat.id} 在 ${input.validFrom} 已是“${SEAT_STATUSES[input.status]}”`,
          );
        const [clash] = await query<{ id: number }>(
          tx,
          sql`SELECT id FROM seat_statuses WHERE seat_id = ${seat.id} AND valid_from = ${input.validFrom}`,
        );
        if (clash) throw new FlowConflictError(`席位 ${seat.id} 在 ${input.validFrom} 已有一次状态变更`);
        await query(
          tx,
          sql`INSERT INTO seat_statuses (region_code, seat_id, valid_from, status, document_no)
            VALUES (${seat.region_code}, ${seat.id}, ${input.validFrom}, ${input.status}, ${input.documentNo})`,
        );
        if (input.validFrom <= today())
          await query(
            tx,
            sql`UPDATE seats SET status = (SELECT status FROM seat_statuses WHERE seat_id = ${seat.id}
                AND valid_from <= ${today()}::date ORDER BY valid_from DESC LIMIT 1)
              WHERE id = ${seat.id}`,
          );
        const transactionId = await record(tx, audit, caller, {
          kind: 'status',
          regionCode: seat.region_code,
          unitId: seat.unit_id,
          effectiveOn: input.validFrom,
          documentNo: input.documentNo,
          seatId: seat.id,
          details: { unitCode: seat.unit_code, from: previous?.status ?? null, to: input.status },
        });
        return { transactionId, seatId: seat.id };
      });
    },

    /** A department's queue: the steps of transactions in its scope, pending first. */
    steps(caller: Caller, filter: { state?: string; transactionId?: number }) {
      const { cte, where } = scopeFilter(caller.scope, 't');
      return query<{
        id: number;
        transactionId: number;
        kind: string;
        unitCode: string;
        effectiveOn: string;
        issuedNo: string | null;
        department: string;
        state: string;
        actor: string | null;
        at: string | null;
        note: string | null;
      }>(
        db,
        sql`${cte} SELECT st.id, t.id AS "transactionId", t.kind, u.code AS "unitCode", t.effective_on::text AS "effectiveOn",
            t.issued_no AS "issuedNo", st.department, st.state, st.actor, st.at::text AS "at", st.note
          FROM transaction_steps st JOIN transactions t ON t.id = st.transaction_id JOIN units u ON u.id = t.unit_id
          WHERE ${where}
            ${caller.department ? sql`AND st.department = ${caller.department}` : sql``}
            ${filter.state ? sql`AND st.state = ${filter.state}` : sql``}
            ${filter.transactionId ? sql`AND t.id = ${filter.transactionId}` : sql``}
          ORDER BY st.state <> 'pending', t.effective_on, st.id LIMIT 500`,
      );
    },

    /** The department confirms its step, or returns it with a note; only that department's reader may. */
    decideStep(caller: Caller, id: number, input: { confirm: boolean; note?: string }) {
      const note = input.note?.trim() ?? '';
      if (!input.confirm && !note) throw new FlowInputError('退回须说明理由');
      return deps.audit.transaction(db, async (tx, audit) => {
        const { cte, where } = scopeFilter(caller.scope, 't');
        const [step] = await query<{
          id: number;
          department: Department;
          state: string;
          region_code: string;
          transaction_id: number;
        }>(
          tx,
          sql`${cte} SELECT st.id, st.department, st.state, st.region_code, st.transaction_id
            FROM transaction_steps st JOIN transactions t ON t.id = st.transaction_id
            WHERE st.id = ${id} AND ${where} FOR UPDATE OF st`,
        );
        if (!step || step.department !== caller.department) throw new FlowNotFoundError('办理环节', id);
        if (step.state !== 'pending')
          throw new FlowConflictError(
            `${DEPARTMENT_LABELS[step.department]}已于此前${step.state === 'confirmed' ? '确认' : '退回'}`,
          );
        const state = input.confirm ? 'confirmed' : 'returned';
        await query(
          tx,
          sql`UPDATE transaction_steps SET state = ${state}, actor = ${caller.actor}, at = ${now()}, note = ${note || null}
            WHERE id = ${id}`,
        );
        await audit.record({
          actor: caller.actor,
          action: `transaction.step.${state}`,
          entity: 'transactions',
          entityKey: String(step.transaction_id),
          regionCode: step.region_code,
          details: { department: step.department, ...(note ? { note } : {}) },
        });
        return { id, state };
      });
    },

    /** 用编事项管控清单 of the caller's scope. */
    controlList(caller: Caller, tx: Db = db) {
      const { cte, where } = scopeFilter(caller.scope, 'c');
      return query<{
        unitCode: string;
        unitName: string | null;
        reason: string;
        documentNo: string;
        addedBy: string;
        addedAt: string;
      }>(
        tx,
        sql`${cte} SELECT u.code AS "unitCode",
            ${unitNameSql('u.id')} AS "unitName",
            c.reason, c.document_no AS "documentNo", c.added_by AS "addedBy", c.added_at::text AS "addedAt"
          FROM control_list c JOIN units u ON u.id = c.unit_id WHERE ${where} ORDER BY u.code`,
      );
    },

    /** Puts a unit on the list (with its reason and document) or takes it off; audited. */
    setControlled(caller: Caller, unitCode: string, entry: { reason: string; documentNo: string } | null) {
      return deps.audit.transaction(db, async (tx, audit) => {
        const unit = await visibleUnit(tx, caller, unitCode);
        if (entry) {
          if (!entry.reason.trim() || !entry.documentNo.trim())
            throw new FlowInputError('列入管控清单须说明理由并提供文号');
          await query(
            tx,
            sql`INSERT INTO control_list (unit_id, region_code, reason, document_no, added_by, added_at)
              VALUES (${unit.id}, ${unit.regionCode}, ${entry.reason.trim()}, ${entry.documentNo.trim()}, ${caller.actor}, ${now()})
              ON CONFLICT (unit_id) DO UPDATE SET reason = excluded.reason, document_no = excluded.document_no,
                added_by = excluded.added_by, added_at = excluded.added_at`,
          );
        } else {
          const removed = await query<{ unit_id: number }>(
            tx,
            sql`DELETE FROM control_list WHERE unit_id = ${unit.id} RETURNING unit_id`,
          );
          if (removed.length === 0) throw new FlowNotFoundError('管控清单中的单位', unitCode);
        }
        await audit.record({
          actor: caller.actor,
          action: entry ? 'control_list.add' : 'control_list.remove',
          entity: 'control_list',
          entityKey: unit.code,
          regionCode: unit.regionCode,
          documentNo: entry?.documentNo ?? null,
          details: entry ? { reason: entry.reason } : null,
        });
        return this.controlList(caller, tx);
      });
    },

    /** 任免 (appointment): a post on a seat from a date, refused when it would exceed the posts or the rank. */
    async appoint(caller: Caller, input: AppointInput) {
      if (!POST_LEVELS[input.postLevel]) throw new FlowInputError(`职数类别无效：${input.postLevel}`);
      if (!RANKS[input.postRank]) throw new FlowInputError(`职级无效：${input.postRank}`);
      if (!input.documentNo.trim()) throw new FlowInputError('任免须有任免文件文号');
      return deps.audit.transaction(db, async (tx, audit) => {
        const seat = await activeSeat(tx, caller, input.seatId, input.validFrom);
        const postUnit = input.postUnitCode ? await visibleUnit(tx, caller, input.postUnitCode) : null;
        const counted = await countedUnit(tx, postUnit?.id ?? seat.unit_id, input.postLevel, input.validFrom);
        await lockFigure(tx, counted, `post:${input.postLevel}`);
        const warnings = await checkSeat(tx, deps.idCipher, {
          idNumber: deps.idCipher.reveal(seat.id_cipher),
          unitCode: seat.unit_code,
          quotaKind: seat.quota_kind,
          category: seat.category,
          postLevel: input.postLevel,
          postRank: input.postRank,
          postUnitCode: postUnit?.code ?? null,
          enteredOn: input.validFrom,
          endsSeatId: seat.id,
        });
        const findingId = await prevent(
          tx,
          audit,
          caller,
          warnings.length > 0 ? new PreventedError(warnings) : null,
          {
            unitCode: seat.unit_code,
            what: `任职（席位 ${seat.id}）`,
            override: input.override,
          },
        );
        await query(
          tx,
          sql`INSERT INTO seat_posts (region_code, seat_id, valid_from, post_level, post_unit_id, post_rank)
            VALUES (${seat.region_code}, ${seat.id}, ${input.validFrom}, ${input.postLevel}, ${postUnit?.id ?? null}, ${input.postRank})
            ON CONFLICT (seat_id, valid_from) DO UPDATE SET post_level = excluded.post_level,
              post_unit_id = excluded.post_unit_id, post_rank = excluded.post_rank`,
        );
        const transactionId = await record(tx, audit, caller, {
          kind: 'appoint',
          regionCode: seat.region_code,
          unitId: seat.unit_id,
          effectiveOn: input.validFrom,
          documentNo: input.documentNo,
          seatId: seat.id,
          override: findingId === null ? null : { ...input.override!, findingId },
          details: {
            unitCode: seat.unit_code,
            postLevel: input.postLevel,
            postRank: input.postRank,
            postUnitCode: postUnit?.code ?? null,
            ...(findingId === null ? {} : { overridden: refusalRules(warnings), findingId }),
          },
        });
        return { transactionId, seatId: seat.id, findingId };
      });
    },
  };
}

function refusalRules(warnings: { rule: string }[]): string[] {
  return warnings.map((w) => w.rule);
}

/** The unit a post counts against (RULES.md OVER_POSTS): a division post in an internal division, its parent. */
async function countedUnit(tx: Db, postUnitId: number, level: string, asOf: string): Promise<number> {
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

export type TransactionsService = ReturnType<typeof createTransactionsService>;
