import { type Db, query, sql } from '../../db/database.ts';
import type { AuditRecorder } from '../audit/audit.service.ts';
import type { Caller } from '../auth/caller.ts';
import { checkIdNumber, maskIdNumber } from '../identity/id-number.ts';
import { CATEGORIES, EXIT_TYPES, QUOTA_KINDS, SEAT_STATUSES } from '../interchange/dataset.spec.ts';
import { scopeFilter } from '../org/org.scope.ts';
import { approvalFor, grant } from './transactions.approvals.ts';
import {
  FlowConflictError,
  FlowInputError,
  FlowNotFoundError,
  PreventedError,
} from './transactions.errors.ts';
import {
  type FlowContext,
  lockFigure,
  type Override,
  precheckSeat,
  refusalRules,
} from './transactions.flow.ts';
import { CHANNELS, type Channel, retirementGroupFor } from './transactions.model.ts';
import { planLine } from './transactions.plans.ts';

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

/** 入编、出编、调动、借调 and 在岗状态: the transactions that write seats, each checked before it writes (事前预防). */
export function createSeatFlows(ctx: FlowContext) {
  const { deps, db, today, visibleUnit, record, prevent, activeSeat, endSeat } = ctx;

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
        const line = await planLine(tx, caller, input.planLineId!, today());
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
        (await grant(ctx, tx, audit, caller, { planLineId: input.planLineId!, personName: input.name })).id;
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

  return {
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
  };
}
