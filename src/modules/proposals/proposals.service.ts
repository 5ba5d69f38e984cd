import { createHash } from 'node:crypto';
import { type Database, type Db, query, sql } from '../../db/database.ts';
import { type Clock, todayOf } from '../../shared/dates.ts';
import type { AuditRecorder, AuditTrail } from '../audit/audit.service.ts';
import type { Caller } from '../auth/caller.ts';
import { findUnitByCode } from '../org/org.repository.ts';
import { regionWithin, unitVisible } from '../org/org.scope.ts';
import { regionScope, unitNameSql } from '../org/org.sql.ts';
import { createApplier } from './proposals.apply.ts';
import { codesOf, describeChange } from './proposals.describe.ts';
import {
  ProposalFileNotFoundError,
  ProposalInputError,
  ProposalNotFoundError,
  ProposalStateError,
} from './proposals.errors.ts';
import {
  ASPECTS,
  type AspectCheck,
  CHANGE_KIND_LABELS,
  type DecisionOutcome,
  mayTake,
  missingAspects,
  type ProposalState,
  stateAfterDecision,
} from './proposals.model.ts';
import type { Change } from './proposals.schemas.ts';

export interface ProposalsDeps {
  database: Database;
  audit: AuditTrail;
  clock: Clock;
}

export interface SubmitInput {
  regionCode?: string | undefined;
  title: string;
  reason: string;
  sponsorUnitCode?: string | undefined;
  changes: Change[];
}

export interface DecideInput {
  outcome: DecisionOutcome;
  meeting: string;
  decidedOn: string;
  documentNo?: string | undefined;
  note?: string | undefined;
  changes?: Change[] | undefined;
}

export interface ProposalFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

interface ProposalRow {
  id: number;
  number: string;
  regionCode: string;
  title: string;
  reason: string;
  sponsorUnitId: number | null;
  sponsorUnitCode: string | null;
  sponsorUnitName: string | null;
  state: ProposalState;
  submittedBy: string;
  submittedOn: string;
  appraisal: Record<string, { score: number; opinion: string }> | null;
  appraisedOn: string | null;
  outcome: DecisionOutcome | null;
  meeting: string | null;
  decidedOn: string | null;
  documentNo: string | null;
  decisionNote: string | null;
  effectiveOn: string | null;
  implementedOn: string | null;
  checklist: Record<string, AspectCheck>;
}

const proposalColumns = sql`p.id, p.number, p.region_code AS "regionCode", p.title, p.reason,
  p.sponsor_unit_id AS "sponsorUnitId", su.code AS "sponsorUnitCode", ${unitNameSql('p.sponsor_unit_id')} AS "sponsorUnitName",
  p.state, u.username AS "submittedBy", p.submitted_on::text AS "submittedOn", p.appraisal,
  p.appraised_on::text AS "appraisedOn", p.outcome, p.meeting, p.decided_on::text AS "decidedOn",
  p.document_no AS "documentNo", p.decision_note AS "decisionNote", p.effective_on::text AS "effectiveOn",
  p.implemented_on::text AS "implementedOn", p.checklist`;

const proposalFrom = sql`FROM proposals p JOIN users u ON u.id = p.submitted_by
  LEFT JOIN units su ON su.id = p.sponsor_unit_id`;

function publicOf(row: ProposalRow) {
  const { checklist, sponsorUnitId: _sponsor, ...rest } = row;
  return { ...rest, missingAspects: missingAspects(row.state, checklist).length };
}

/** 动议 → 论证 → 审议决定 → 组织实施, each step recorded; only implementation writes units and ledgers. */
export function createProposalsService(deps: ProposalsDeps) {
  const db = deps.database.db;
  const today = () => todayOf(deps.clock);
  const now = () => deps.clock().toISOString();

  /** A caller sees the proposals of their region scope; a liaison only those their unit moved. */
  async function proposalFor(tx: Db, caller: Caller, id: number, lock = false): Promise<ProposalRow> {
    const [row] = await query<ProposalRow>(
      tx,
      sql`SELECT ${proposalColumns} ${proposalFrom} WHERE p.id = ${id} ${lock ? sql`FOR UPDATE OF p` : sql``}`,
    );
    if (!row || !(await visible(tx, caller, row))) throw new ProposalNotFoundError(id);
    return row;
  }

  async function visible(tx: Db, caller: Caller, row: Pick<ProposalRow, 'regionCode' | 'sponsorUnitId'>) {
    if (
      caller.scope.unitIds &&
      (row.sponsorUnitId === null || !caller.scope.unitIds.includes(row.sponsorUnitId))
    )
      return false;
    return regionWithin(tx, row.regionCode, caller.scope.regionCode);
  }

  async function changesOf(tx: Db, id: number) {
    return query<{ seq: number; kind: Change['kind']; payload: Change; superseded: string | null }>(
      tx,
      sql`SELECT seq, kind, payload, superseded::text AS superseded FROM proposal_changes
        WHERE proposal_id = ${id} ORDER BY superseded NULLS FIRST, seq`,
    );
  }

  /**
   * Every unit a change names exists in the proposal's region, or is set up by a change before it;
   * a unit's liaison names only the units in their charge.
   */
  async function checkCodes(tx: Db, caller: Caller, regionCode: string, changes: readonly Change[]) {
    const created = new Set<string>();
    for (const [index, change] of changes.entries()) {
      const { refers, creates } = codesOf(change);
      const which = `第 ${index + 1} 项（${CHANGE_KIND_LABELS[change.kind]}）`;
      for (const code of refers) {
        if (created.has(code)) continue;
        const unit = await findUnitByCode(tx, code);
        if (!unit || !(await regionWithin(tx, unit.regionCode, regionCode)))
          throw new ProposalInputError(`${which}：本区划没有机构 ${code}`);
        if (caller.scope.unitIds && !caller.scope.unitIds.includes(unit.id))
          throw new ProposalInputError(
            `${which}：单位联络员只能就本单位及所属机构提出动议，${code} 不在其列`,
          );
      }
      for (const code of creates) created.add(code);
    }
  }

  async function writeChanges(tx: Db, id: number, changes: readonly Change[]) {
    for (const [index, change] of changes.entries())
      await query(
        tx,
        sql`INSERT INTO proposal_changes (proposal_id, seq, kind, payload)
          VALUES (${id}, ${index + 1}, ${change.kind}, ${JSON.stringify(change)}::jsonb)`,
      );
  }

  async function step(
    tx: Db,
    audit: AuditRecorder,
    caller: Caller,
    proposal: Pick<ProposalRow, 'id' | 'number' | 'regionCode'>,
    action: string,
    from: ProposalState | null,
    to: ProposalState | null,
    details: Record<string, unknown>,
    documentNo?: string | null,
  ) {
    await query(
      tx,
      sql`INSERT INTO proposal_events (proposal_id, at, actor, action, from_state, to_state, details)
        VALUES (${proposal.id}, ${now()}, ${caller.actor}, ${action}, ${from}, ${to}, ${JSON.stringify(details)}::jsonb)`,
    );
    await audit.record({
      actor: caller.actor,
      action: `proposal.${action}`,
      entity: 'proposals',
      entityKey: proposal.number,
      regionCode: proposal.regionCode,
      documentNo: documentNo ?? null,
      details: { from, to, ...details },
    });
  }

  function requireState(
    row: ProposalRow,
    action: 'appraise' | 'consult' | 'decide' | 'implement',
    what: string,
  ) {
    if (!mayTake(action, row.state)) throw new ProposalStateError(row.state, what);
  }

  return {
    /** 动议: by the 编办 for its region, or by a unit's liaison for their own unit. */
    async submit(caller: Caller, input: SubmitInput) {
      return deps.audit.transaction(db, async (tx, audit) => {
        const regionCode = input.regionCode ?? caller.scope.regionCode;
        if (!(await regionWithin(tx, regionCode, caller.scope.regionCode)))
          throw new ProposalInputError(`区划 ${regionCode} 不在本人管辖范围`);
        const sponsorCode = input.sponsorUnitCode ?? null;
        if (caller.scope.unitIds && !sponsorCode)
          throw new ProposalInputError('单位联络员提出动议须注明提出单位（本单位）');
        const sponsor = sponsorCode ? await findUnitByCode(tx, sponsorCode) : null;
        if (sponsorCode && (!sponsor || !(await unitVisible(tx, caller.scope, sponsor))))
          throw new ProposalInputError(`提出单位不存在或不在本人管辖范围：${sponsorCode}`);
        await checkCodes(tx, caller, regionCode, input.changes);
        const submittedOn = today();
        const year = submittedOn.slice(0, 4);
        await query(tx, sql`SELECT pg_advisory_xact_lock(hashtext(${`proposals:${regionCode}`}))`);
        const [next] = await query<{ serial: number }>(
          tx,
          sql`SELECT coalesce(max(substring(number FROM 8)::int), 0) + 1 AS serial FROM proposals
            WHERE region_code = ${regionCode} AND number LIKE ${`DY${year}-%`}`,
        );
        const number = `DY${year}-${String(next?.serial ?? 1).padStart(4, '0')}`;
        const [row] = await query<{ id: number }>(
          tx,
          sql`INSERT INTO proposals (number, region_code, title, reason, sponsor_unit_id, state, submitted_by,
              submitted_on, checklist, updated_at)
            VALUES (${number}, ${regionCode}, ${input.title}, ${input.reason}, ${sponsor?.id ?? null}, 'submitted',
              ${caller.userId}, ${submittedOn}, '{}'::jsonb, ${now()})
            RETURNING id`,
        );
        const id = row!.id;
        await writeChanges(tx, id, input.changes);
        await step(tx, audit, caller, { id, number, regionCode }, 'submit', null, 'submitted', {
          title: input.title,
          items: input.changes.map(describeChange),
        });
        return this.detailIn(tx, caller, id);
      });
    },

    /** 论证: the 编办's scores and opinions on 合理性、必要性、可行性 (may be revised until the decision). */
    appraise(caller: Caller, id: number, appraisal: Record<string, { score: number; opinion: string }>) {
      return deps.audit.transaction(db, async (tx, audit) => {
        const row = await proposalFor(tx, caller, id, true);
        requireState(row, 'appraise', '论证');
        await query(
          tx,
          sql`UPDATE proposals SET state = 'appraised', appraisal = ${JSON.stringify(appraisal)}::jsonb,
            appraised_on = ${today()}, updated_at = ${now()} WHERE id = ${id}`,
        );
        await step(tx, audit, caller, row, 'appraise', row.state, 'appraised', { appraisal });
        return this.detailIn(tx, caller, id);
      });
    },

    /** 征求意见: a department's opinion, recorded during the appraisal. */
    consult(caller: Caller, id: number, input: { department: string; opinion: string }) {
      return deps.audit.transaction(db, async (tx, audit) => {
        const row = await proposalFor(tx, caller, id, true);
        requireState(row, 'consult', '征求意见');
        await query(
          tx,
          sql`INSERT INTO proposal_consultations (proposal_id, department, opinion, recorded_on, actor)
            VALUES (${id}, ${input.department}, ${input.opinion}, ${today()}, ${caller.actor})`,
        );
        await step(tx, audit, caller, row, 'consult', null, null, input);
        return this.detailIn(tx, caller, id);
      });
    },

    /** 调研报告 and other papers, kept whole with their SM3 digest. */
    addFile(caller: Caller, id: number, file: ProposalFile) {
      return deps.audit.transaction(db, async (tx, audit) => {
        const row = await proposalFor(tx, caller, id, true);
        if (row.state === 'implemented' || row.state === 'rejected')
          throw new ProposalStateError(row.state, '添加材料');
        const sm3 = createHash('sm3').update(file.content).digest('hex');
        await query(
          tx,
          sql`INSERT INTO proposal_files (proposal_id, file_name, content_type, size, sm3, content, uploaded_at, actor)
            VALUES (${id}, ${file.fileName}, ${file.contentType}, ${file.content.length}, ${sm3}, ${file.content},
              ${now()}, ${caller.actor})`,
        );
        await step(tx, audit, caller, row, 'file', null, null, { fileName: file.fileName, sm3 });
        return this.detailIn(tx, caller, id);
      });
    },

    async file(caller: Caller, id: number, fileId: number) {
      await proposalFor(db, caller, id);
      const [row] = await query<{ file_name: string; content_type: string; content: Uint8Array }>(
        db,
        sql`SELECT file_name, content_type, content FROM proposal_files WHERE id = ${fileId} AND proposal_id = ${id}`,
      );
      if (!row) throw new ProposalFileNotFoundError(fileId);
      return { fileName: row.file_name, contentType: row.content_type, content: Buffer.from(row.content) };
    },

    /**
     * 审议决定: approved or amended (with the 文号; an amendment replaces the changes, the replaced
     * kept), rejected, or deferred (decided again later). Nothing is written to units or ledgers.
     */
    decide(caller: Caller, id: number, input: DecideInput) {
      return deps.audit.transaction(db, async (tx, audit) => {
        const row = await proposalFor(tx, caller, id, true);
        requireState(row, 'decide', '审议决定');
        const binding = input.outcome === 'approved' || input.outcome === 'amended';
        if (binding && !input.documentNo) throw new ProposalInputError('同意或修改后同意须有决定文号');
        if (input.outcome === 'amended' && !input.changes?.length)
          throw new ProposalInputError('修改后同意须列明修改后的事项');
        if (input.outcome !== 'amended' && input.changes)
          throw new ProposalInputError('只有修改后同意可以修改事项');
        if (input.decidedOn > today())
          throw new ProposalInputError(`决定日期 ${input.decidedOn} 晚于今日：请在会议之后记录`);
        if (input.decidedOn < row.submittedOn)
          throw new ProposalInputError(`决定日期 ${input.decidedOn} 早于动议日期 ${row.submittedOn}`);
        if (input.changes) {
          await checkCodes(tx, caller, row.regionCode, input.changes);
          await query(
            tx,
            sql`UPDATE proposal_changes SET superseded = ${input.decidedOn} WHERE proposal_id = ${id} AND superseded IS NULL`,
          );
          await writeChanges(tx, id, input.changes);
        }
        const to = stateAfterDecision(input.outcome);
        await query(
          tx,
          sql`UPDATE proposals SET state = ${to}, outcome = ${input.outcome}, meeting = ${input.meeting},
            decided_on = ${input.decidedOn}, document_no = ${input.documentNo ?? null},
            decision_note = ${input.note ?? null}, updated_at = ${now()} WHERE id = ${id}`,
        );
        await step(
          tx,
          audit,
          caller,
          row,
          'decide',
          row.state,
          to,
          {
            outcome: input.outcome,
            meeting: input.meeting,
            decidedOn: input.decidedOn,
            note: input.note ?? null,
            ...(input.changes ? { items: input.changes.map(describeChange) } : {}),
          },
          input.documentNo,
        );
        return this.detailIn(tx, caller, id);
      });
    },

    /**
     * 组织实施: every change of the decided proposal applied as of the effective date in this one
     * transaction; the first that cannot be applied refuses the whole (nothing written).
     */
    implement(caller: Caller, id: number, input: { effectiveOn: string }) {
      return deps.audit.transaction(db, async (tx, audit) => {
        const row = await proposalFor(tx, caller, id, true);
        requireState(row, 'implement', '组织实施');
        if (input.effectiveOn < row.decidedOn!)
          throw new ProposalInputError(`生效日期 ${input.effectiveOn} 早于决定日期 ${row.decidedOn}`);
        const changes = (await changesOf(tx, id)).filter((c) => c.superseded === null);
        const applier = createApplier(tx, {
          proposalId: id,
          regionCode: row.regionCode,
          documentNo: row.documentNo!,
          effectiveOn: input.effectiveOn,
        });
        await applier.lockAll(changes.map((c) => c.payload));
        for (const change of changes) await applier.apply(change.seq, change.payload);
        await query(
          tx,
          sql`UPDATE proposals SET state = 'implemented', effective_on = ${input.effectiveOn},
            implemented_on = ${today()}, updated_at = ${now()} WHERE id = ${id}`,
        );
        await step(
          tx,
          audit,
          caller,
          row,
          'implement',
          row.state,
          'implemented',
          { effectiveOn: input.effectiveOn, items: changes.map((c) => describeChange(c.payload)) },
          row.documentNo,
        );
        return this.detailIn(tx, caller, id);
      });
    },

    /** The 12-aspect process check: an aspect ticked (or unticked) with a note, by whom and when. */
    check(
      caller: Caller,
      id: number,
      input: { aspect: string; checked: boolean; note?: string | undefined },
    ) {
      return deps.audit.transaction(db, async (tx, audit) => {
        const row = await proposalFor(tx, caller, id, true);
        const entry: AspectCheck = { checked: input.checked, note: input.note, by: caller.actor, at: now() };
        await query(
          tx,
          sql`UPDATE proposals SET checklist = checklist || ${JSON.stringify({ [input.aspect]: entry })}::jsonb,
            updated_at = ${now()} WHERE id = ${id}`,
        );
        await step(tx, audit, caller, row, 'check', null, null, { aspect: input.aspect, ...entry });
        return this.detailIn(tx, caller, id);
      });
    },

    async list(caller: Caller, filter: { state?: ProposalState | undefined; region?: string | undefined }) {
      const regionCode = filter.region ?? caller.scope.regionCode;
      if (!(await regionWithin(db, regionCode, caller.scope.regionCode))) return { items: [] };
      const rows = await query<ProposalRow>(
        db,
        sql`WITH RECURSIVE ${regionScope(regionCode, true)}
          SELECT ${proposalColumns} ${proposalFrom}
          WHERE p.region_code IN (SELECT code FROM scope)
            ${filter.state ? sql`AND p.state = ${filter.state}` : sql``}
            ${caller.scope.unitIds ? sql`AND p.sponsor_unit_id = ANY(${sql.param(caller.scope.unitIds)}::int[])` : sql``}
          ORDER BY p.submitted_on DESC, p.id DESC LIMIT 500`,
      );
      return { items: rows.map(publicOf) };
    },

    detail(caller: Caller, id: number) {
      return this.detailIn(db, caller, id);
    },

    async detailIn(tx: Db, caller: Caller, id: number) {
      const row = await proposalFor(tx, caller, id);
      const changes = await changesOf(tx, id);
      const missing = new Set(missingAspects(row.state, row.checklist).map((a) => a.code));
      const consultations = await query<{
        department: string;
        opinion: string;
        recordedOn: string;
        actor: string;
      }>(
        tx,
        sql`SELECT department, opinion, recorded_on::text AS "recordedOn", actor FROM proposal_consultations
          WHERE proposal_id = ${id} ORDER BY id`,
      );
      const files = await query<{
        id: number;
        fileName: string;
        size: number;
        sm3: string;
        uploadedAt: string;
        actor: string;
      }>(
        tx,
        sql`SELECT id, file_name AS "fileName", size, sm3, uploaded_at::text AS "uploadedAt", actor FROM proposal_files
          WHERE proposal_id = ${id} ORDER BY id`,
      );
      const events = await query<{
        at: string;
        actor: string;
        action: string;
        fromState: string | null;
        toState: string | null;
        details: unknown;
      }>(
        tx,
        sql`SELECT at::text AS at, actor, action, from_state AS "fromState", to_state AS "toState", details
          FROM proposal_events WHERE proposal_id = ${id} ORDER BY id`,
      );
      return {
        proposal: publicOf(row),
        changes: changes
          .filter((c) => c.superseded === null)
          .map((c) => ({
            seq: c.seq,
            kind: c.kind,
            label: CHANGE_KIND_LABELS[c.kind],
            summary: describeChange(c.payload),
            payload: c.payload,
          })),
        superseded: changes
          .filter((c) => c.superseded !== null)
          .map((c) => ({ seq: c.seq, kind: c.kind, summary: describeChange(c.payload) })),
        checklist: ASPECTS.map((a) => {
          const entry = row.checklist[a.code];
          return {
            ...a,
            checked: entry?.checked ?? false,
            note: entry?.note ?? null,
            by: entry?.by ?? null,
            at: entry?.at ?? null,
            missing: missing.has(a.code),
          };
        }),
        consultations,
        files,
        events,
      };
    },
  };
}

export type ProposalsService = ReturnType<typeof createProposalsService>;
