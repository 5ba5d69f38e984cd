import { query, sql } from '../../db/database.ts';
import type { Caller } from '../auth/caller.ts';
import { POST_LEVELS, RANKS } from '../interchange/dataset.spec.ts';
import { checkSeat } from '../warnings/warnings.prevention.ts';
import { FlowConflictError, FlowInputError, PreventedError } from './transactions.errors.ts';
import {
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

/** 任免: appointing to and removing from leadership posts, checked against the posts and the rank. */
export function createAppointmentFlows(ctx: FlowContext) {
  const { deps, db, visibleUnit, record, prevent, activeSeat } = ctx;

  return {
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
  };
}
