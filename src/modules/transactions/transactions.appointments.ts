import { type Db, query, sql } from '../../db/database.ts';
import type { AuditRecorder } from '../audit/audit.service.ts';
import type { Caller } from '../auth/caller.ts';
import { POST_LEVELS, RANKS } from '../interchange/dataset.spec.ts';
import { checkSeat } from '../warnings/warnings.prevention.ts';
import { FlowConflictError, FlowInputError, PreventedError } from './transactions.errors.ts';
import {
  type ActiveSeat,
  countedUnit,
  type FlowContext,
  lockFigure,
  type Override,
  refusalRules,
} from './transactions.flow.ts';

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

/** What a 任免 awaiting 组织部 will write once confirmed (transactions.details). */
interface HeldDetails {
  unitCode: string;
  postLevel: string;
  postRank?: string;
  postUnitCode?: string | null;
}

interface HeldTransaction {
  id: number;
  kind: string;
  state: string;
  seat_id: number;
  effective_on: string;
  region_code: string;
  override_reason: string | null;
  details: HeldDetails;
}

/**
 * 任免: appointing to and removing from leadership posts. A request is checked against the posts and
 * the rank and held (`pending`) with its 组织部 step; it is written only when 组织部 confirms, with
 * the checks run again under the same lock. A pending appointment holds its post meanwhile, as a
 * 用编核准 holds its vacancy.
 */
export function createAppointmentFlows(ctx: FlowContext) {
  const { deps, db, visibleUnit, record, prevent, activeSeat } = ctx;

  /** One 任免 at a time per seat: a second would be decided against figures the first may change. */
  async function refuseSecondRequest(tx: Db, seatId: number) {
    const [held] = await query<{ id: number; kind: string }>(
      tx,
      sql`SELECT id, kind FROM transactions WHERE state = 'pending' AND kind IN ('appoint', 'remove') AND seat_id = ${seatId}`,
    );
    if (held)
      throw new FlowConflictError(
        `席位 ${seatId} 已有待组织部审批的${held.kind === 'appoint' ? '任职' : '免职'}（事务 ${held.id}），请待其办结`,
      );
  }

  /**
   * The post's figure locked (on the unit it counts against) and the rules' warnings for the
   * appointment, the posts held by other pending appointments to that unit and level counted.
   */
  async function checkAppointment(
    tx: Db,
    seat: ActiveSeat,
    post: { level: string; rank: string; unit: { id: number; code: string } | null },
    on: string,
    exceptTransaction: number,
  ) {
    const counted = await countedUnit(tx, post.unit?.id ?? seat.unit_id, post.level, on);
    await lockFigure(tx, counted, `post:${post.level}`);
    const [pending] = await query<{ n: number }>(
      tx,
      sql`SELECT count(*)::int AS n FROM transactions WHERE kind = 'appoint' AND state = 'pending'
        AND details->>'postLevel' = ${post.level} AND details->>'countedUnitId' = ${String(counted)}
        AND id <> ${exceptTransaction}`,
    );
    const warnings = await checkSeat(tx, deps.idCipher, {
      idNumber: deps.idCipher.reveal(seat.id_cipher),
      unitCode: seat.unit_code,
      quotaKind: seat.quota_kind,
      category: seat.category,
      postLevel: post.level,
      postRank: post.rank,
      postUnitCode: post.unit?.code ?? null,
      enteredOn: on,
      endsSeatId: seat.id,
      reservedPosts: pending?.n ?? 0,
    });
    return { counted, warnings };
  }

  async function heldPost(tx: Db, seatId: number, on: string) {
    const [held] = await query<{ post_level: string | null }>(
      tx,
      sql`SELECT post_level FROM seat_posts WHERE seat_id = ${seatId}
        AND (valid_from IS NULL OR valid_from <= ${on}::date)
        ORDER BY valid_from DESC NULLS LAST LIMIT 1`,
    );
    if (!held?.post_level) throw new FlowConflictError(`席位 ${seatId} 在 ${on} 未任领导职务，无需免职`);
    return held.post_level;
  }

  /**
   * Writes a confirmed 任免 in the 组织部's transaction: the seat and figure locked, the checks run
   * again (an appointment let through by an override stays let through), the post version dated as
   * requested. Refused with the rule's explanation, and nothing written, when the figures changed.
   */
  async function write(tx: Db, audit: AuditRecorder, caller: Caller, held: HeldTransaction) {
    const on = held.effective_on;
    const seat = await activeSeat(tx, caller, held.seat_id, on);
    const { details } = held;
    if (held.kind === 'appoint') {
      const unit = details.postUnitCode ? await visibleUnit(tx, caller, details.postUnitCode) : null;
      const post = { level: details.postLevel, rank: details.postRank!, unit };
      const { warnings } = await checkAppointment(tx, seat, post, on, held.id);
      if (warnings.length > 0 && held.override_reason === null) throw new PreventedError(warnings);
      await query(
        tx,
        sql`INSERT INTO seat_posts (region_code, seat_id, valid_from, post_level, post_unit_id, post_rank)
          VALUES (${seat.region_code}, ${seat.id}, ${on}, ${post.level}, ${unit?.id ?? null}, ${post.rank})
          ON CONFLICT (seat_id, valid_from) DO UPDATE SET post_level = excluded.post_level,
            post_unit_id = excluded.post_unit_id, post_rank = excluded.post_rank`,
      );
    } else {
      await heldPost(tx, seat.id, on);
      await query(
        tx,
        sql`INSERT INTO seat_posts (region_code, seat_id, valid_from, post_level, post_unit_id, post_rank)
          VALUES (${seat.region_code}, ${seat.id}, ${on}, NULL, NULL, NULL)
          ON CONFLICT (seat_id, valid_from) DO UPDATE SET post_level = NULL, post_unit_id = NULL, post_rank = NULL`,
      );
    }
    await audit.record({
      actor: caller.actor,
      action: `transaction.${held.kind}.written`,
      entity: 'transactions',
      entityKey: String(held.id),
      regionCode: held.region_code,
      details: { seatId: seat.id, validFrom: on, ...details },
    });
  }

  return {
    /**
     * 任职: a post on a seat from a date, refused when it would exceed the posts or the rank; held
     * for 组织部 (nothing written yet), its post reserved meanwhile.
     */
    async appoint(caller: Caller, input: AppointInput) {
      if (!POST_LEVELS[input.postLevel]) throw new FlowInputError(`职数类别无效：${input.postLevel}`);
      if (!RANKS[input.postRank]) throw new FlowInputError(`职级无效：${input.postRank}`);
      if (!input.documentNo.trim()) throw new FlowInputError('任免须有任免文件文号');
      return deps.audit.transaction(db, async (tx, audit) => {
        const seat = await activeSeat(tx, caller, input.seatId, input.validFrom);
        await refuseSecondRequest(tx, seat.id);
        const unit = input.postUnitCode ? await visibleUnit(tx, caller, input.postUnitCode) : null;
        const post = { level: input.postLevel, rank: input.postRank, unit };
        const { counted, warnings } = await checkAppointment(tx, seat, post, input.validFrom, 0);
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
        const transactionId = await record(tx, audit, caller, {
          kind: 'appoint',
          state: 'pending',
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
            postUnitCode: unit?.code ?? null,
            countedUnitId: counted,
            ...(findingId === null ? {} : { overridden: refusalRules(warnings), findingId }),
          },
        });
        return { transactionId, seatId: seat.id, findingId, state: 'pending' as const };
      });
    },

    /** 免职: the post held on the seat ends on the date (a post version with no level), once 组织部 confirms. */
    remove(caller: Caller, input: { seatId: number; validFrom: string; documentNo: string }) {
      if (!input.documentNo.trim()) throw new FlowInputError('免职须有任免文件文号');
      return deps.audit.transaction(db, async (tx, audit) => {
        const seat = await activeSeat(tx, caller, input.seatId, input.validFrom);
        await refuseSecondRequest(tx, seat.id);
        const postLevel = await heldPost(tx, seat.id, input.validFrom);
        const transactionId = await record(tx, audit, caller, {
          kind: 'remove',
          state: 'pending',
          regionCode: seat.region_code,
          unitId: seat.unit_id,
          effectiveOn: input.validFrom,
          documentNo: input.documentNo,
          seatId: seat.id,
          details: { unitCode: seat.unit_code, postLevel },
        });
        return { transactionId, seatId: seat.id, state: 'pending' as const };
      });
    },

    /**
     * The held 任免 of a step 组织部 has just decided, in its transaction: written when confirmed,
     * `returned` (its post no longer held) when not. Returns the transaction's state after.
     */
    async decideHeld(tx: Db, audit: AuditRecorder, caller: Caller, transactionId: number, confirm: boolean) {
      const [held] = await query<HeldTransaction>(
        tx,
        sql`SELECT id, kind, state, seat_id, effective_on::text, region_code, override_reason, details
          FROM transactions WHERE id = ${transactionId} FOR UPDATE`,
      );
      if (!held || held.state !== 'pending') return held?.state ?? 'completed';
      if (confirm) await write(tx, audit, caller, held);
      const state = confirm ? 'completed' : 'returned';
      await query(tx, sql`UPDATE transactions SET state = ${state} WHERE id = ${transactionId}`);
      return state;
    },
  };
}
