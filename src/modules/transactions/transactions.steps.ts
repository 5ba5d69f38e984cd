import { type Db, query, sql } from '../../db/database.ts';
import type { AuditRecorder } from '../audit/audit.service.ts';
import type { Caller } from '../auth/caller.ts';
import { scopeFilter } from '../org/org.scope.ts';
import { unitNameSql } from '../org/org.sql.ts';
import { DEPARTMENT_LABELS, type Department } from '../users/roles.ts';
import { FlowConflictError, FlowInputError, FlowNotFoundError } from './transactions.errors.ts';
import type { FlowContext } from './transactions.flow.ts';

/** Takes a transaction held for a department's decision further: written, or `returned`; its state after. */
export type DecideHeld = (
  tx: Db,
  audit: AuditRecorder,
  caller: Caller,
  transactionId: number,
  confirm: boolean,
) => Promise<string>;

/** The departments' steps (组织部、人社、财政) and the region's 用编事项管控清单. */
export function createStepFlows(ctx: FlowContext, decideHeld: DecideHeld) {
  const { deps, db, now, visibleUnit } = ctx;

  /** 用编事项管控清单 of the caller's scope. */
  function controlList(caller: Caller, tx: Db = db) {
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
  }

  return {
    /**
     * A department's queue: the steps of transactions in its scope, pending first, each with its
     * transaction's state (a 任免 is `pending` until 组织部 decides) and, for a 任免, whom and which post.
     */
    steps(caller: Caller, filter: { state?: string; transactionId?: number; kind?: string }) {
      const { cte, where } = scopeFilter(caller.scope, 't');
      return query<{
        id: number;
        transactionId: number;
        kind: string;
        transactionState: string;
        unitCode: string;
        effectiveOn: string;
        issuedNo: string | null;
        documentNo: string | null;
        seatId: number | null;
        personName: string | null;
        postLevel: string | null;
        postRank: string | null;
        department: string;
        state: string;
        actor: string | null;
        at: string | null;
        note: string | null;
      }>(
        db,
        sql`${cte} SELECT st.id, t.id AS "transactionId", t.kind, t.state AS "transactionState", u.code AS "unitCode",
            t.effective_on::text AS "effectiveOn", t.issued_no AS "issuedNo", t.document_no AS "documentNo",
            t.seat_id::int AS "seatId", p.name AS "personName",
            t.details->>'postLevel' AS "postLevel", t.details->>'postRank' AS "postRank",
            st.department, st.state, st.actor, st.at::text AS "at", st.note
          FROM transaction_steps st JOIN transactions t ON t.id = st.transaction_id JOIN units u ON u.id = t.unit_id
            LEFT JOIN seats s ON s.id = t.seat_id LEFT JOIN persons p ON p.id = s.person_id
          WHERE ${where}
            ${filter.kind ? sql`AND t.kind = ${filter.kind}` : sql``}
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
        const transactionState = await decideHeld(tx, audit, caller, step.transaction_id, input.confirm);
        return { id, state, transactionState };
      });
    },

    controlList,

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
        return controlList(caller, tx);
      });
    },
  };
}
