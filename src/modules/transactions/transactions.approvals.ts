import type { SQL } from 'drizzle-orm';
import { type Db, query, sql } from '../../db/database.ts';
import { addDays } from '../../shared/dates.ts';
import { regionPrefix } from '../../shared/document-no.ts';
import type { AuditRecorder } from '../audit/audit.service.ts';
import type { Caller } from '../auth/caller.ts';
import { scopeFilter } from '../org/org.scope.ts';
import { quotaKindLabel } from '../warnings/warnings.sql.ts';
import {
  FlowConflictError,
  FlowInputError,
  FlowNotFoundError,
  NoVacancyError,
} from './transactions.errors.ts';
import { type FlowContext, lockFigure, vacancyOf } from './transactions.flow.ts';
import { planLine } from './transactions.plans.ts';

/** How long a 用编核准 holds its vacancy unless it says otherwise (days). */
export const APPROVAL_VALID_DAYS = 180;

/** Grants a 用编核准 on a plan line, in the caller's transaction, with the unit and kind locked. */
export async function grant(
  ctx: FlowContext,
  tx: Db,
  audit: AuditRecorder,
  caller: Caller,
  input: { planLineId: number; personName?: string; validDays?: number },
) {
  const on = ctx.today();
  const line = await planLine(tx, caller, input.planLineId, on);
  await lockFigure(tx, line.unit_id, line.quota_kind);
  if (line.state !== 'approved')
    throw new FlowConflictError(`用编计划 ${line.plan_id} 尚未批准，不能核准用编`);
  if (line.year !== Number(on.slice(0, 4)))
    throw new FlowConflictError(`用编计划 ${line.plan_id} 是 ${line.year} 年度的，今年不能据以核准用编`);
  // Recounted under the lock: what another clerk granted a moment ago counts.
  const fresh = await planLine(tx, caller, input.planLineId, on);
  if (fresh.granted >= (fresh.approved ?? 0))
    throw new NoVacancyError(
      `用编计划 ${line.plan_id} 的${quotaKindLabel[line.quota_kind]}（${line.channel}）已核准 ${fresh.approved ?? 0} 名，已全部使用`,
    );
  const figures = await vacancyOf(tx, line.unit_id, line.quota_kind, on);
  if (figures.vacancy < 1) {
    const [unit] = await query<{ code: string }>(tx, sql`SELECT code FROM units WHERE id = ${line.unit_id}`);
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

/** A 用编核准 in the caller's scope. */
export async function approvalFor(tx: Db, caller: Caller, id: number) {
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

/** 用编核准: granted on an approved plan line, each reserving one vacancy until used or expired. */
export function createApprovalFlows(ctx: FlowContext) {
  const { deps, db, today } = ctx;

  /** 用编核准 in the caller's scope meeting `condition` (on `a` and its unit `u`), newest first. */
  function readApprovals(tx: Db, caller: Caller, condition: SQL, state?: string) {
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
      cancelledOn: string | null;
      cancelReason: string | null;
      planLineId: number;
    }>(
      tx,
      sql`${cte} SELECT * FROM (
          SELECT a.id, a.number, u.code AS "unitCode", a.quota_kind AS "quotaKind", a.channel,
            a.person_name AS "personName",
            CASE WHEN a.state = 'reserved' AND a.expires_on < ${today()}::date THEN 'expired' ELSE a.state END AS state,
            a.approved_on::text AS "approvedOn", a.expires_on::text AS "expiresOn", a.used_on::text AS "usedOn",
            a.cancelled_on::text AS "cancelledOn", a.cancel_reason AS "cancelReason", a.plan_line_id AS "planLineId"
          FROM quota_use_approvals a JOIN units u ON u.id = a.unit_id
          WHERE ${where} AND ${condition}
        ) x ${state ? sql`WHERE x.state = ${state}` : sql``}
        ORDER BY x."approvedOn" DESC, x.id DESC LIMIT 500`,
    );
  }

  return {
    /** 用编核准 in the caller's scope: each with its state as of today (a reserved one past its date is expired). */
    listApprovals(caller: Caller, filter: { unit?: string; state?: string }) {
      return readApprovals(db, caller, filter.unit ? sql`u.code = ${filter.unit}` : sql`TRUE`, filter.state);
    },

    grantApproval(caller: Caller, input: { planLineId: number; personName?: string; validDays?: number }) {
      return deps.audit.transaction(db, (tx, audit) => grant(ctx, tx, audit, caller, input));
    },

    /**
     * 撤销: a reserved (unused, unexpired) 用编核准 stops reserving its vacancy on `cancelledOn`
     * (between its grant and today); the days before still count it reserved. Audited.
     */
    cancelApproval(caller: Caller, id: number, input: { cancelledOn: string; reason: string }) {
      const reason = input.reason.trim();
      if (!reason) throw new FlowInputError('撤销用编核准须说明理由');
      return deps.audit.transaction(db, async (tx, audit) => {
        const approval = await approvalFor(tx, caller, id);
        await lockFigure(tx, approval.unit_id, approval.quota_kind);
        const [row] = await query<{
          state: string;
          approved_on: string;
          expires_on: string;
          region_code: string;
        }>(
          tx,
          sql`SELECT state, approved_on::text, expires_on::text, region_code FROM quota_use_approvals
            WHERE id = ${id} FOR UPDATE`,
        );
        const on = today();
        if (row!.state !== 'reserved')
          throw new FlowConflictError(
            `用编核准 ${approval.number} 已${row!.state === 'used' ? '使用' : '撤销'}，不能撤销`,
          );
        if (row!.expires_on < on)
          throw new FlowConflictError(`用编核准 ${approval.number} 已于 ${row!.expires_on} 过期，无需撤销`);
        if (input.cancelledOn < row!.approved_on || input.cancelledOn > on)
          throw new FlowInputError(
            `撤销日期 ${input.cancelledOn} 应在核准日期 ${row!.approved_on} 与今天 ${on} 之间`,
          );
        await query(
          tx,
          sql`UPDATE quota_use_approvals SET state = 'cancelled', cancelled_on = ${input.cancelledOn},
            cancel_reason = ${reason}, cancelled_by = ${caller.actor} WHERE id = ${id}`,
        );
        await audit.record({
          actor: caller.actor,
          action: 'approval.cancel',
          entity: 'quota_use_approvals',
          entityKey: approval.number,
          regionCode: row!.region_code,
          documentNo: approval.number,
          details: { cancelledOn: input.cancelledOn, reason },
        });
        const [cancelled] = await readApprovals(tx, caller, sql`a.id = ${id}`);
        return cancelled!;
      });
    },
  };
}
