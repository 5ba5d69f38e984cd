import type { SQL } from 'drizzle-orm';
import { type Db, query, sql } from '../../db/database.ts';
import { monthIndex } from '../../shared/dates.ts';
import type { Caller } from '../auth/caller.ts';
import { QUOTA_KINDS } from '../interchange/dataset.spec.ts';
import { scopeFilter } from '../org/org.scope.ts';
import { quotaKindLabel } from '../warnings/warnings.sql.ts';
import {
  FlowConflictError,
  FlowInputError,
  FlowNotFoundError,
  NoVacancyError,
} from './transactions.errors.ts';
import type { FlowContext } from './transactions.flow.ts';
import { CHANNELS, type Channel } from './transactions.model.ts';
import { forecastVacancy } from './vacancy.forecast.ts';
import { forecastInput } from './vacancy.repository.ts';

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

export interface PlanLineRow {
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

/** A plan line in the caller's scope, with how many 用编核准 it has granted that still hold today. */
export async function planLine(tx: Db, caller: Caller, lineId: number, today: string): Promise<PlanLineRow> {
  const { cte, where } = scopeFilter(caller.scope, 'p');
  const [line] = await query<PlanLineRow>(
    tx,
    sql`${cte} SELECT l.id, l.plan_id, p.unit_id, p.region_code, p.year, p.state, l.quota_kind, l.channel, l.approved,
        (SELECT count(*) FROM quota_use_approvals a WHERE a.plan_line_id = l.id AND a.state <> 'cancelled'
          AND NOT (a.state = 'reserved' AND a.expires_on < ${today}::date))::int AS granted
      FROM staffing_plan_lines l JOIN staffing_plans p ON p.id = l.plan_id
      WHERE l.id = ${lineId} AND ${where}`,
  );
  if (!line) throw new FlowNotFoundError('用编计划明细', lineId);
  return line;
}

/** Plans in the caller's scope meeting `condition` (on `p`, the plan, and `u`, its unit), with their lines: two queries. */
async function readPlans(tx: Db, caller: Caller, condition: SQL, today: string) {
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
          AND NOT (a.state = 'reserved' AND a.expires_on < ${today}::date))::int AS granted,
        (SELECT count(*) FROM quota_use_approvals a WHERE a.plan_line_id = l.id AND a.state = 'used')::int AS used
      FROM staffing_plan_lines l WHERE l.plan_id = ANY(${`{${plans.map((p) => p.id).join(',')}}`}::int[])
      ORDER BY l.id`,
  );
  return plans.map((plan) => ({
    ...plan,
    lines: lines.filter((l) => l.planId === plan.id).map(({ planId, ...line }) => (void planId, line)),
  }));
}

/**
 * A unit's figures by kind now and at the end of a plan's year, as 用编分析 forecasts them: statutory
 * retirements up to then, approvals expiring, and approved plans' hires not yet granted (a plan being
 * decided is not approved yet, so its own lines are not among them). A past year's end is now.
 */
async function yearEndForecast(
  tx: Db,
  unit: { id: number; region_code: string },
  year: number,
  today: string,
) {
  const months = Math.max(monthIndex(`${year}-12`) - monthIndex(today), 0);
  const input = await forecastInput(tx, { regionCode: unit.region_code, unitIds: [unit.id] }, today, months);
  const { now, points } = forecastVacancy(input);
  const then = points.at(-1)?.kinds ?? now;
  const none = { approved: 0, headcount: 0, reserved: 0, planned: 0, vacancy: 0, available: 0 };
  return (kind: string) => ({
    now: now.find((k) => k.kind === kind) ?? { kind, ...none },
    then: then.find((k) => k.kind === kind) ?? { kind, ...none },
  });
}

/** 用编计划: a unit applies for its year's hires; the 编办 decides them, and amends an approved plan. */
export function createPlanFlows(ctx: FlowContext) {
  const { deps, db, today, now, visibleUnit } = ctx;

  async function getPlan(caller: Caller, id: number, tx: Db = db) {
    const [plan] = await readPlans(tx, caller, sql`p.id = ${id}`, today());
    if (!plan) throw new FlowNotFoundError('用编计划', id);
    return plan;
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
        return getPlan(caller, plan!.id, tx);
      });
    },

    getPlan,

    /** Plans in the caller's scope, newest year first, with their lines' figures. */
    listPlans(caller: Caller, filter: { unit?: string; year?: number; state?: string }) {
      const conditions = [sql`TRUE`];
      if (filter.unit) conditions.push(sql`u.code = ${filter.unit}`);
      if (filter.year) conditions.push(sql`p.year = ${filter.year}`);
      if (filter.state) conditions.push(sql`p.state = ${filter.state}`);
      return readPlans(db, caller, sql.join(conditions, sql` AND `), today());
    },

    /** 用编核准 in the caller's scope: each with its state as of today (a reserved one past its date is expired). */
    /**
     * The 编办's decision: all or part of each line, never more than asked nor than the unit's
     * vacancy of the kind forecast for the end of the plan's year.
     */
    async decidePlan(caller: Caller, id: number, decision: PlanDecision) {
      return deps.audit.transaction(db, async (tx, audit) => {
        const plan = await getPlan(caller, id, tx);
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
        if (decision.approve) {
          const forecast = await yearEndForecast(tx, unit!, plan.year, today());
          for (const [kind, total] of byKind) {
            const { now, then } = forecast(kind);
            if (total > Math.max(then.available, 0))
              throw new NoVacancyError(
                `${plan.unitCode} ${quotaKindLabel[kind]}至 ${plan.year} 年末预测可用空编 ${Math.max(then.available, 0)} 名` +
                  `（核定 ${then.approved}、届时在编 ${then.headcount}（现有 ${now.headcount}，其间退休等减员 ${now.headcount - then.headcount}）、` +
                  `已核准待入编 ${then.reserved}、其他已批计划未核准 ${then.planned}），不能核准 ${total} 名`,
              );
          }
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
        return getPlan(caller, id, tx);
      });
    },

    /** A change to an approved plan: recorded with its reason and document; never below what was already granted. */
    async amendPlan(
      caller: Caller,
      id: number,
      input: { lines: { id: number; approved: number }[]; reason: string; documentNo: string },
    ) {
      return deps.audit.transaction(db, async (tx, audit) => {
        const plan = await getPlan(caller, id, tx);
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
        return getPlan(caller, id, tx);
      });
    },
  };
}
