import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { type Database, type Db, query, sql } from '../../db/database.ts';
import { type Clock, todayOf } from '../../shared/dates.ts';
import type { AuditRecorder, AuditTrail } from '../audit/audit.service.ts';
import { type Caller, can } from '../auth/caller.ts';
import { findUnitByCode } from '../org/org.repository.ts';
import { regionWithin, unitVisible } from '../org/org.scope.ts';
import { rules } from '../warnings/warnings.registry.ts';
import {
  EvidenceNotFoundError,
  FindingInputError,
  FindingStateError,
  FindingUnitNotFoundError,
  SameVerifierError,
  WarningAlreadyTakenError,
  WarningNotFoundError,
} from './findings.errors.ts';
import {
  DEADLINE_DAYS,
  defaultDeadline,
  type FindingAction,
  type FindingSeverity,
  type FindingSource,
  type FindingState,
  nextState,
} from './findings.model.ts';
import {
  eventsOf,
  evidenceOf,
  type FindingFilter,
  type FindingRecord,
  findingCounts,
  findingFor,
  listFindings,
  remindersFor,
} from './findings.repository.ts';

export interface FindingsDeps {
  database: Database;
  audit: AuditTrail;
  clock: Clock;
}

export interface RegisterInput {
  source: FindingSource;
  /** For a finding from a warning: the stored warning; unit, rule, severity and description follow from it. */
  warningId?: number;
  unitCode?: string;
  category?: string;
  severity?: FindingSeverity;
  description?: string;
  /** 文号 of the referral, the inspection report, the 巡察 lead … */
  sourceRef?: string;
  deadline?: string;
  responsibleUserId?: number;
}

export interface EvidenceFile {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

const ruleByCode = new Map(rules.map((rule) => [rule.code, rule]));

interface Subject {
  regionCode: string;
  unitId: number | null;
  unitCode: string | null;
  rule: string | null;
  category: string;
  severity: FindingSeverity;
  description: string;
  warningId: number | null;
}

/** Records one step of a finding: its event row and its audit entry, in the caller's transaction. */
async function recordStep(
  tx: Db,
  audit: AuditRecorder,
  step: {
    finding: Pick<FindingRecord, 'id' | 'number' | 'regionCode'>;
    actor: string;
    userId: number | null;
    action: FindingAction;
    from: FindingState | null;
    to: FindingState;
    note?: string | null;
    details?: Record<string, unknown>;
    now: string;
  },
) {
  await query(
    tx,
    sql`INSERT INTO finding_events (finding_id, at, user_id, actor, action, from_state, to_state, note, details)
      VALUES (${step.finding.id}, ${step.now}, ${step.userId}, ${step.actor}, ${step.action}, ${step.from},
        ${step.to}, ${step.note ?? null}, ${step.details ? JSON.stringify(step.details) : null}::jsonb)`,
  );
  await audit.record({
    actor: step.actor,
    action: `finding.${step.action}`,
    entity: 'findings',
    entityKey: step.finding.number,
    regionCode: step.finding.regionCode,
    before: step.from === null ? null : { state: step.from },
    after: { state: step.to },
    details: { ...(step.note ? { note: step.note } : {}), ...step.details },
  });
}

/**
 * Locks the closed findings a scan may reopen, before the scan takes the audit chain's lock: a
 * reopening by hand takes the finding's row, then the chain, so the scan must take them in that
 * order too.
 */
export async function lockReopenableFindings(tx: Db) {
  await query(
    tx,
    sql`SELECT id FROM findings WHERE state = 'closed' AND warning_id IS NOT NULL ORDER BY id FOR UPDATE`,
  );
}

/**
 * Reopens, as the system, every closed finding whose warning a scan has found again after it was
 * closed (RULES.md "Warnings over time": the warning keeps its identity, so the finding follows it).
 * Called in the transaction that records a scan as of today.
 */
export async function reopenReturnedFindings(tx: Db, audit: AuditRecorder, today: string, now: string) {
  const reopened = await query<{ id: number; number: string; region_code: string; deadline: string }>(
    tx,
    sql`WITH latest AS (
        SELECT DISTINCT ON (f.warning_id) f.id, f.warning_id, f.state, f.closed_on, f.severity
        FROM findings f WHERE f.warning_id IS NOT NULL ORDER BY f.warning_id, f.id DESC
      )
      UPDATE findings f SET state = 'rectifying', closed_on = NULL, verified_by = NULL, updated_at = ${now},
        deadline = ${today}::date + CASE f.severity WHEN '违规' THEN ${DEADLINE_DAYS['违规']}::int
          WHEN '风险' THEN ${DEADLINE_DAYS['风险']}::int ELSE ${DEADLINE_DAYS['提示']}::int END
      FROM latest l JOIN warnings w ON w.id = l.warning_id
      WHERE f.id = l.id AND l.state = 'closed' AND w.resolved_on IS NULL AND w.last_seen_on > l.closed_on
        AND w.last_seen_on = ${today}::date
      RETURNING f.id, f.number, f.region_code, f.deadline::text AS deadline`,
  );
  for (const row of reopened)
    await recordStep(tx, audit, {
      finding: { id: row.id, number: row.number, regionCode: row.region_code },
      actor: 'system',
      userId: null,
      action: 'reopen',
      from: 'closed',
      to: 'rectifying',
      note: '扫描再次发现该预警，问题重新打开',
      details: { deadline: row.deadline },
      now,
    });
  return reopened.length;
}

/** The 问题台账: registration, rectification, verification, closure, deferral, reopening. */
export function createFindingsService(deps: FindingsDeps) {
  const db = deps.database.db;
  const today = () => todayOf(deps.clock);
  const now = () => deps.clock().toISOString();

  async function subjectOf(tx: Db, caller: Caller, input: RegisterInput): Promise<Subject> {
    if (input.source === 'warning') {
      if (input.warningId === undefined) throw new FindingInputError('来源为预警时须指明预警编号');
      const [warning] = await query<{
        id: number;
        rule: string;
        severity: FindingSeverity;
        region_code: string;
        unit_id: number | null;
        unit_code: string | null;
        message: string;
      }>(
        tx,
        // Locked, so two clerks registering the same warning at once cannot both pass the check below.
        sql`SELECT id, rule, severity, region_code, unit_id, unit_code, message FROM warnings
          WHERE id = ${input.warningId} FOR UPDATE`,
      );
      const visible =
        warning && (await unitOrRegionVisible(tx, caller, warning.region_code, warning.unit_id));
      if (!warning || !visible) throw new WarningNotFoundError(input.warningId);
      const [open] = await query<{ number: string }>(
        tx,
        sql`SELECT number FROM findings WHERE warning_id = ${warning.id} AND state <> 'closed' LIMIT 1`,
      );
      if (open) throw new WarningAlreadyTakenError(warning.id, open.number);
      return {
        regionCode: warning.region_code,
        unitId: warning.unit_id,
        unitCode: warning.unit_code,
        rule: warning.rule,
        category: ruleByCode.get(warning.rule)?.name ?? warning.rule,
        severity: input.severity ?? warning.severity,
        description: input.description?.trim() || warning.message,
        warningId: warning.id,
      };
    }
    if (!input.unitCode) throw new FindingInputError('请指明问题所在单位');
    if (!input.category?.trim()) throw new FindingInputError('请填写问题类别');
    if (!input.description?.trim()) throw new FindingInputError('请填写问题描述');
    if (!input.severity) throw new FindingInputError('请选择严重程度');
    const unit = await findUnitByCode(tx, input.unitCode);
    if (!unit || !(await unitVisible(tx, caller.scope, unit)))
      throw new FindingUnitNotFoundError(input.unitCode);
    const rule = ruleByCode.get(input.category.trim());
    return {
      regionCode: unit.regionCode,
      unitId: unit.id,
      unitCode: unit.code,
      rule: rule?.code ?? null,
      category: rule?.name ?? input.category.trim(),
      severity: input.severity,
      description: input.description.trim(),
      warningId: null,
    };
  }

  async function unitOrRegionVisible(tx: Db, caller: Caller, regionCode: string, unitId: number | null) {
    if (caller.scope.unitIds && (unitId === null || !caller.scope.unitIds.includes(unitId))) return false;
    return regionWithin(tx, regionCode, caller.scope.regionCode);
  }

  /**
   * Who answers for the rectification: the named account, which must be able to see the finding (its
   * region at or above the finding's, and bound to no unit or to the finding's), else the unit's liaison.
   */
  async function responsibleFor(tx: Db, subject: Subject, userId: number | undefined) {
    const [user] = await query<{
      id: number;
      display_name: string;
      region_code: string;
      unit_id: number | null;
    }>(
      tx,
      userId !== undefined
        ? sql`SELECT id, display_name, region_code, unit_id FROM users WHERE id = ${userId} AND NOT disabled`
        : sql`SELECT id, display_name, region_code, unit_id FROM users
            WHERE unit_id = ${subject.unitId} AND 'unit_liaison' = ANY(roles) AND NOT disabled ORDER BY id LIMIT 1`,
    );
    if (userId === undefined) return user ?? null;
    const sees =
      user &&
      (user.unit_id === null || user.unit_id === subject.unitId) &&
      (await regionWithin(tx, subject.regionCode, user.region_code));
    if (!sees) throw new FindingInputError(`责任人账号 ${userId} 不存在、已停用或看不到该问题`);
    return user;
  }

  /** Applies a state change to a locked finding: checks it may be taken, writes it, records the step. */
  async function step(
    tx: Db,
    audit: AuditRecorder,
    caller: Caller,
    id: number,
    action: Exclude<FindingAction, 'register'>,
    apply: (
      tx: Db,
      finding: FindingRecord,
    ) => Promise<{ note?: string | null; details?: Record<string, unknown>; set?: SQL }>,
  ) {
    const finding = await findingFor(tx, caller, id, today(), true);
    const to = nextState(finding.state, action);
    if (!to) throw new FindingStateError(finding.number, finding.state, action);
    const { note, details, set } = await apply(tx, finding);
    await query(
      tx,
      sql`UPDATE findings SET state = ${to}, updated_at = ${now()} ${set ? sql`, ${set}` : sql``} WHERE id = ${id}`,
    );
    await recordStep(tx, audit, {
      finding,
      actor: caller.actor,
      userId: caller.userId,
      action,
      from: finding.state,
      to,
      note,
      details,
      now: now(),
    });
    return findingFor(tx, caller, id, today());
  }

  function transition(
    caller: Caller,
    id: number,
    action: Exclude<FindingAction, 'register'>,
    apply: Parameters<typeof step>[5],
  ) {
    return deps.audit.transaction(db, (tx, audit) => step(tx, audit, caller, id, action, apply));
  }

  function verifierCheck(caller: Caller, finding: FindingRecord) {
    if (finding.registeredBy === caller.userId) throw new SameVerifierError(finding.number);
  }

  /** Registers a finding in the caller's transaction (a flow's override registers one with its own write). */
  async function registerIn(tx: Db, audit: AuditRecorder, caller: Caller, input: RegisterInput) {
    const subject = await subjectOf(tx, caller, input);
    const registeredOn = today();
    const deadline = input.deadline ?? defaultDeadline(registeredOn, subject.severity);
    if (deadline < registeredOn)
      throw new FindingInputError(`整改期限 ${deadline} 早于登记日期 ${registeredOn}`);
    const responsible = await responsibleFor(tx, subject, input.responsibleUserId);
    const year = registeredOn.slice(0, 4);
    // One number after another within a region and year, even with two clerks registering at once.
    await query(tx, sql`SELECT pg_advisory_xact_lock(hashtext(${`findings:${subject.regionCode}`}))`);
    const [next] = await query<{ serial: number }>(
      tx,
      sql`SELECT coalesce(max(substring(number FROM 8)::int), 0) + 1 AS serial FROM findings
            WHERE region_code = ${subject.regionCode} AND number LIKE ${`WT${year}-%`}`,
    );
    const number = `WT${year}-${String(next?.serial ?? 1).padStart(4, '0')}`;
    const [row] = await query<{ id: number }>(
      tx,
      sql`INSERT INTO findings (number, region_code, unit_id, unit_code, source, source_ref, warning_id, rule,
              category, severity, description, state, deadline, responsible_user_id, responsible_name,
              registered_by, registered_on, updated_at)
            VALUES (${number}, ${subject.regionCode}, ${subject.unitId}, ${subject.unitCode}, ${input.source},
              ${input.sourceRef ?? null}, ${subject.warningId}, ${subject.rule}, ${subject.category},
              ${subject.severity}, ${subject.description}, 'registered', ${deadline}, ${responsible?.id ?? null},
              ${responsible?.display_name ?? null}, ${caller.userId}, ${registeredOn}, ${now()})
            RETURNING id`,
    );
    const finding = { id: row!.id, number, regionCode: subject.regionCode };
    await recordStep(tx, audit, {
      finding,
      actor: caller.actor,
      userId: caller.userId,
      action: 'register',
      from: null,
      to: 'registered',
      details: {
        source: input.source,
        unitCode: subject.unitCode,
        rule: subject.rule,
        severity: subject.severity,
        deadline,
        ...(subject.warningId !== null ? { warningId: subject.warningId } : {}),
      },
      now: now(),
    });
    return findingFor(tx, caller, row!.id, registeredOn);
  }

  return {
    registerIn,

    register(caller: Caller, input: RegisterInput): Promise<FindingRecord> {
      return deps.audit.transaction(db, (tx, audit) => registerIn(tx, audit, caller, input));
    },

    list: (caller: Caller, filter: FindingFilter) => listFindings(db, caller, filter, today()),

    async get(caller: Caller, id: number) {
      const finding = await findingFor(db, caller, id, today());
      return { ...finding, events: await eventsOf(db, id), evidence: await evidenceOf(db, id) };
    },

    /** The unit reports its measures; with `submit`, hands the finding to the 编办 for verification. */
    async rectify(caller: Caller, id: number, input: { measures: string; submit: boolean }) {
      const measures = input.measures.trim();
      if (!measures) throw new FindingInputError('请填写整改措施');
      return deps.audit.transaction(db, async (tx, audit) => {
        let finding = await step(tx, audit, caller, id, 'rectify', async () => ({
          note: measures,
          set: sql`measures = ${measures}`,
        }));
        if (input.submit)
          finding = await step(tx, audit, caller, id, 'submit', async () => {
            const files = await evidenceOf(tx, id);
            return {
              details: {
                evidence: files.map((f) => ({ fileName: f.fileName, version: f.version, sm3: f.sm3 })),
              },
            };
          });
        return finding;
      });
    },

    /** Keeps evidence files whole, each a new version of its name, hashed with SM3 (the audit entry names the digests). */
    async addEvidence(caller: Caller, id: number, files: EvidenceFile[]) {
      if (files.length === 0) throw new FindingInputError('请选择要上传的佐证材料');
      return deps.audit.transaction(db, async (tx, audit) => {
        const finding = await findingFor(tx, caller, id, today(), true);
        if (finding.state !== 'registered' && finding.state !== 'rectifying')
          throw new FindingStateError(finding.number, finding.state, 'rectify');
        const saved: { fileName: string; version: number; sm3: string; size: number }[] = [];
        for (const file of files) {
          const sm3 = createHash('sm3').update(file.content).digest('hex');
          const [row] = await query<{ version: number }>(
            tx,
            sql`INSERT INTO finding_evidence (finding_id, file_name, version, media_type, size, sm3, content, uploaded_by, uploaded_at)
              SELECT ${id}, ${file.fileName}, coalesce(max(version), 0) + 1, ${file.mediaType}, ${file.content.length},
                ${sm3}, ${file.content}, ${caller.userId}, ${now()}
              FROM finding_evidence WHERE finding_id = ${id} AND file_name = ${file.fileName}
              RETURNING version`,
          );
          saved.push({ fileName: file.fileName, version: row!.version, sm3, size: file.content.length });
        }
        await audit.record({
          actor: caller.actor,
          action: 'finding.evidence',
          entity: 'findings',
          entityKey: finding.number,
          regionCode: finding.regionCode,
          details: { files: saved },
        });
        return evidenceOf(tx, id);
      });
    },

    async evidenceFile(caller: Caller, id: number, evidenceId: number) {
      await findingFor(db, caller, id, today());
      const [row] = await query<{ file_name: string; media_type: string; content: Uint8Array; sm3: string }>(
        db,
        sql`SELECT file_name, media_type, content, sm3 FROM finding_evidence WHERE id = ${evidenceId} AND finding_id = ${id}`,
      );
      if (!row) throw new EvidenceNotFoundError(evidenceId);
      return {
        fileName: row.file_name,
        mediaType: row.media_type,
        content: Buffer.from(row.content),
        sm3: row.sm3,
      };
    },

    /** 对号结账: passed closes the finding (销号下账); not passed sends it back with the reasons. */
    verify(caller: Caller, id: number, input: { passed: boolean; note: string }) {
      const note = input.note.trim();
      if (!input.passed && !note) throw new FindingInputError('退回整改须说明理由');
      return transition(caller, id, input.passed ? 'verify' : 'return', async (_tx, finding) => {
        verifierCheck(caller, finding);
        return {
          note: note || null,
          set: input.passed
            ? sql`verified_by = ${caller.userId}, closed_on = ${today()}`
            : sql`verified_by = NULL`,
        };
      });
    },

    defer(caller: Caller, id: number, input: { reason: string; until: string }) {
      const reason = input.reason.trim();
      if (!reason) throw new FindingInputError('暂缓须说明理由');
      if (input.until <= today()) throw new FindingInputError(`暂缓至 ${input.until} 须晚于今天`);
      return transition(caller, id, 'defer', async () => ({
        note: reason,
        details: { until: input.until },
        set: sql`deferred_until = ${input.until}, deferred_reason = ${reason}`,
      }));
    },

    resume(caller: Caller, id: number, input: { note?: string; deadline?: string }) {
      if (input.deadline && input.deadline < today())
        throw new FindingInputError(`新的整改期限 ${input.deadline} 早于今天`);
      return transition(caller, id, 'resume', async (_tx, finding) => {
        if (!input.deadline && finding.deadline < today())
          throw new FindingInputError(`原整改期限 ${finding.deadline} 已过，恢复整改须重定整改期限`);
        return {
          note: input.note?.trim() || null,
          set: sql`deferred_until = NULL, deferred_reason = NULL
            ${input.deadline ? sql`, deadline = ${input.deadline}` : sql``}`,
        };
      });
    },

    reopen(caller: Caller, id: number, input: { reason: string }) {
      const reason = input.reason.trim();
      if (!reason) throw new FindingInputError('重新打开须说明理由');
      return transition(caller, id, 'reopen', async (tx, finding) => {
        if (finding.warningId !== null) {
          const [open] = await query<{ number: string }>(
            tx,
            sql`SELECT number FROM findings WHERE warning_id = ${finding.warningId} AND state <> 'closed'`,
          );
          if (open) throw new WarningAlreadyTakenError(finding.warningId, open.number);
        }
        const deadline = defaultDeadline(today(), finding.severity as FindingSeverity);
        return {
          note: reason,
          details: { deadline },
          set: sql`closed_on = NULL, verified_by = NULL, deadline = ${deadline}`,
        };
      });
    },

    summary: (caller: Caller) => findingCounts(db, caller, today()),

    reminders: (caller: Caller) => remindersFor(db, caller, can(caller, 'findings.manage'), today()),
  };
}

export type FindingsService = ReturnType<typeof createFindingsService>;
