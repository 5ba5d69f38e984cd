import { type Db, query, sql } from '../../db/database.ts';
import { findUnitByCode, type UnitRecord } from '../org/org.repository.ts';
import { regionWithin } from '../org/org.scope.ts';
import { unitActiveOn } from '../org/org.sql.ts';
import { quotaKindLabel } from '../warnings/warnings.sql.ts';
import { lockFigure } from '../transactions/transactions.flow.ts';
import { codesOf } from './proposals.describe.ts';
import { ChangeRefusedError } from './proposals.errors.ts';
import {
  anyReservedOn,
  leadersOf,
  lowestFrom,
  peopleFrom,
  pendingAppointmentsTo,
  reservedOn,
} from './proposals.figures.ts';
import { ADMINISTRATIVE_TOTAL_KINDS, rankDirection, RESERVE } from './proposals.model.ts';
import { POST_LEVELS, QUOTA_KINDS } from '../establishment/establishment.rules.ts';
import type { Change } from './proposals.schemas.ts';

/**
 * 组织实施: a decided proposal's changes written as dated unit versions and ledger rows, each linked
 * to the proposal and carrying the decision's 文号, in the caller's transaction. Each change is
 * checked against the data as they stand on the effective date — including what the changes before
 * it in the same proposal wrote — and the first that cannot be applied throws ChangeRefusedError, so
 * the transaction writes nothing. Quota moved between units (划转, 撤销, 合并, 分设) is one balanced
 * pair of rows; quota taken back goes to the region's reserve (机动编制), and quota drawn from it
 * comes out of it.
 *
 * Before anything is read, `lockAll` takes every lock the proposal needs, in one order: the code of
 * each unit it sets up, the rows of the units it names (by id), the figure of every quota kind and
 * post level of those units (the keys the business flows take, ADR 11) and the region's reserve.
 * What a change takes away must suffice from its date on, not only on it (proposals.figures.ts).
 */

export interface ApplyContext {
  proposalId: number;
  regionCode: string;
  documentNo: string;
  effectiveOn: string;
}

interface VersionRow {
  id: number;
  valid_from: string | null;
  name: string;
  kind: string;
  rank: string | null;
  public_class: string | null;
  funding: string | null;
  reference_managed: boolean;
  parent_id: number | null;
  division_cap: number | null;
  alias_names: string[];
  sort_order: number | null;
  co_located_with: number | null;
  proposal_id: number | null;
}

/** An advisory lock for the rest of the transaction (a unit code being set up, the reserve). */
async function lock(tx: Db, key: string) {
  await query(tx, sql`SELECT pg_advisory_xact_lock(hashtext(${key}))`);
}

async function versionOn(tx: Db, unitId: number, on: string): Promise<VersionRow | undefined> {
  const [row] = await query<VersionRow>(
    tx,
    sql`SELECT id, valid_from::text AS valid_from, name, kind, rank, public_class, funding, reference_managed,
        parent_id, division_cap, alias_names, sort_order, co_located_with, proposal_id
      FROM unit_versions WHERE unit_id = ${unitId} AND (valid_from IS NULL OR valid_from <= ${on}::date)
      ORDER BY valid_from DESC NULLS LAST LIMIT 1`,
  );
  return row;
}

/** reserve(region, kind, D): the region's 机动编制 of a kind on a date. */
export async function reserveOn(tx: Db, regionCode: string, kind: string, on: string) {
  const [row] = await query<{ sum: number }>(
    tx,
    sql`SELECT coalesce(sum(amount), 0)::int AS sum FROM reserve_ledger
      WHERE region_code = ${regionCode} AND kind = ${kind} AND effective_on <= ${on}::date`,
  );
  return row?.sum ?? 0;
}

export function createApplier(tx: Db, context: ApplyContext) {
  const { proposalId, regionCode, documentNo, effectiveOn: on } = context;
  /** The change being applied, which a refusal names. */
  let current: { seq: number; change: Change } = {
    seq: 0,
    change: { kind: 'rename', unitCode: '', name: '' },
  };
  const refuse = (reason: string) => new ChangeRefusedError(current.seq, current.change.kind, reason);

  async function unitOf(code: string, mustBeActive = true): Promise<UnitRecord> {
    const unit = await findUnitByCode(tx, code);
    if (!unit || !(await regionWithin(tx, unit.regionCode, regionCode)))
      throw refuse(`机构 ${code} 不在本区划`);
    if (mustBeActive) {
      const [row] = await query<{ active: boolean }>(
        tx,
        sql`SELECT ${unitActiveOn('u', on)} AS active FROM units u WHERE u.id = ${unit.id}`,
      );
      if (!row?.active) throw refuse(`机构 ${code} 在 ${on} 不存续`);
    }
    return unit;
  }

  /**
   * The ledger keeps one row per unit, kind, day and document: a proposal adjusts a unit's kind once,
   * and two proposals under the same 文号 on the same day cannot both adjust it.
   */
  async function clash(table: 'quota_ledger' | 'post_ledger', unit: UnitRecord, what: string) {
    const [row] = await query<{ proposal_id: number | null }>(
      tx,
      sql`SELECT proposal_id FROM ${sql.raw(table)} WHERE unit_id = ${unit.id} AND effective_on = ${on}::date
        AND document_no = ${documentNo} LIMIT 1`,
    );
    return row?.proposal_id === proposalId
      ? refuse(`${unit.code} 的${what}在本动议中已调整过一次：同一机构同一类型的调整请合并为一项`)
      : refuse(`${unit.code} 的${what}在 ${on} 已有文号 ${documentNo} 的调整记录：请以另一日期或文号实施`);
  }

  async function quotaRow(unit: UnitRecord, kind: string, amount: number, change: string) {
    const written = await query(
      tx,
      sql`INSERT INTO quota_ledger (region_code, unit_id, kind, amount, effective_on, document_no, proposal_id, change)
        VALUES (${unit.regionCode}, ${unit.id}, ${kind}, ${amount}, ${on}, ${documentNo}, ${proposalId}, ${change})
        ON CONFLICT DO NOTHING RETURNING id`,
    );
    if (written.length === 0) throw await clash('quota_ledger', unit, quotaKindLabel[kind] ?? kind);
  }

  async function reserveRow(kind: string, amount: number) {
    await query(
      tx,
      sql`INSERT INTO reserve_ledger (region_code, kind, amount, effective_on, document_no, proposal_id)
        VALUES (${regionCode}, ${kind}, ${amount}, ${on}, ${documentNo}, ${proposalId})`,
    );
  }

  async function postRow(unit: UnitRecord, level: string, amount: number) {
    const written = await query(
      tx,
      sql`INSERT INTO post_ledger (region_code, unit_id, level, amount, effective_on, document_no, proposal_id, change)
        VALUES (${unit.regionCode}, ${unit.id}, ${level}, ${amount}, ${on}, ${documentNo}, ${proposalId}, 'posts')
        ON CONFLICT DO NOTHING RETURNING id`,
    );
    if (written.length === 0) throw await clash('post_ledger', unit, '领导职数');
  }

  /** A new version of the unit from the effective date: the one in force with `patch` applied. */
  async function revise(unit: UnitRecord, patch: Partial<VersionRow>) {
    const current = await versionOn(tx, unit.id, on);
    if (!current) throw refuse(`机构 ${unit.code} 在 ${on} 尚无记录`);
    const [later] = await query<{ valid_from: string }>(
      tx,
      sql`SELECT valid_from::text FROM unit_versions WHERE unit_id = ${unit.id} AND valid_from > ${on}::date
        ORDER BY valid_from LIMIT 1`,
    );
    if (later) throw refuse(`${unit.code} 在 ${later.valid_from} 已有沿革记录，本项须在该日或之后生效`);
    const next = { ...current, ...patch };
    if (current.valid_from === on) {
      if (current.proposal_id !== proposalId)
        throw refuse(`${unit.code} 在 ${on} 已有另一沿革记录，同一日不能再作调整`);
      // Another change of this proposal already began a version on this day: it is amended.
      await query(
        tx,
        sql`UPDATE unit_versions SET name = ${next.name}, rank = ${next.rank}, alias_names = ${sql.param(next.alias_names)}::text[],
            co_located_with = ${next.co_located_with}, proposal_id = ${proposalId}
          WHERE id = ${current.id}`,
      );
      return;
    }
    await query(
      tx,
      sql`INSERT INTO unit_versions (unit_id, region_code, valid_from, name, kind, rank, public_class, funding,
          reference_managed, parent_id, division_cap, alias_names, sort_order, co_located_with, proposal_id)
        VALUES (${unit.id}, ${unit.regionCode}, ${on}, ${next.name}, ${next.kind}, ${next.rank}, ${next.public_class},
          ${next.funding}, ${next.reference_managed}, ${next.parent_id}, ${next.division_cap},
          ${sql.param(next.alias_names)}::text[], ${next.sort_order}, ${next.co_located_with}, ${proposalId})`,
    );
  }

  async function establish(input: Extract<Change, { kind: 'establish' }>['unit']) {
    if (await findUnitByCode(tx, input.code)) throw refuse(`机构代码 ${input.code} 已被使用`);
    const parent = input.parentCode ? await unitOf(input.parentCode) : null;
    const unitRegion = parent?.regionCode ?? regionCode;
    const [created] = await query<{ id: number }>(
      tx,
      sql`INSERT INTO units (code, region_code, established_on, document_no)
        VALUES (${input.code}, ${unitRegion}, ${on}, ${documentNo}) RETURNING id`,
    );
    await query(
      tx,
      sql`INSERT INTO unit_versions (unit_id, region_code, valid_from, name, kind, rank, public_class, funding, parent_id, proposal_id)
        VALUES (${created!.id}, ${unitRegion}, ${on}, ${input.name}, ${input.kind}, ${input.rank ?? null},
          ${input.publicClass ?? null}, ${input.funding ?? null}, ${parent?.id ?? null}, ${proposalId})`,
    );
    return (await findUnitByCode(tx, input.code))!;
  }

  /**
   * 撤销/合并: its people placed first (nobody seated from the date on), no unit left under it, no
   * vacancy reserved nor post awaiting 组织部; the quota to the successor or the reserve, the posts
   * ended, its duties ended with it.
   */
  async function wind(unit: UnitRecord, quotaTo: string) {
    const people = await peopleFrom(tx, unit.id, null, on);
    if (people > 0) throw refuse(`${unit.code} 尚有在编人员 ${people} 名，须先安置`);
    const [children] = await query<{ n: number }>(
      tx,
      sql`SELECT count(DISTINCT c.id)::int AS n FROM unit_versions cv JOIN units c ON c.id = cv.unit_id
        WHERE cv.parent_id = ${unit.id} AND ${unitActiveOn('c', on)}
          AND cv.id = (SELECT x.id FROM unit_versions x WHERE x.unit_id = c.id
            AND (x.valid_from IS NULL OR x.valid_from <= ${on}::date) ORDER BY x.valid_from DESC NULLS LAST LIMIT 1)`,
    );
    if ((children?.n ?? 0) > 0)
      throw refuse(`${unit.code} 尚有下属或内设机构 ${children!.n} 个，须先撤销或划转`);
    const reserved = await anyReservedOn(tx, unit.id, on);
    if (reserved > 0) throw refuse(`${unit.code} 尚有已核准待入编 ${reserved} 名，须先撤销用编核准`);
    const pending = await pendingAppointmentsTo(tx, unit.id);
    if (pending > 0) throw refuse(`${unit.code} 尚有待组织部审批的任免 ${pending} 件，须先办结`);
    const successor = quotaTo === RESERVE ? null : await unitOf(quotaTo);
    if (successor?.id === unit.id) throw refuse('编制不能划给机构自己');
    const held = await query<{ kind: string; sum: number }>(
      tx,
      sql`SELECT kind, sum(amount)::int AS sum FROM quota_ledger
        WHERE unit_id = ${unit.id} AND effective_on <= ${on}::date GROUP BY kind HAVING sum(amount) <> 0 ORDER BY kind`,
    );
    for (const { kind, sum } of held) {
      await quotaRow(unit, kind, -sum, successor ? 'transfer' : 'reserve');
      if (successor) await quotaRow(successor, kind, sum, 'transfer');
      else await reserveRow(kind, sum);
    }
    const posts = await query<{ level: string; sum: number }>(
      tx,
      sql`SELECT level, sum(amount)::int AS sum FROM post_ledger
        WHERE unit_id = ${unit.id} AND effective_on <= ${on}::date GROUP BY level HAVING sum(amount) <> 0 ORDER BY level`,
    );
    for (const { level, sum } of posts) await postRow(unit, level, -sum);
    await query(
      tx,
      sql`UPDATE duties SET valid_to = ${on}, ended_by = 'abolish'
        WHERE unit_id = ${unit.id} AND valid_from <= ${on}::date AND (valid_to IS NULL OR valid_to > ${on}::date)`,
    );
    await query(tx, sql`UPDATE units SET abolished_on = ${on} WHERE id = ${unit.id}`);
  }

  /** Moves quota from one unit to another: both rows or neither; never below what the giver needs. */
  async function transfer(from: UnitRecord, to: UnitRecord, kind: string, amount: number) {
    if (from.id === to.id) throw refuse('划出与划入不能是同一机构');
    await cut(from, kind, amount);
    await quotaRow(from, kind, -amount, 'transfer');
    await quotaRow(to, kind, amount, 'transfer');
  }

  /**
   * Whether `amount` may leave the unit's quota of a kind: it has it on every date from the effective
   * one, and what stays holds everyone who may sit from then and the vacancies reserved.
   */
  async function cut(unit: UnitRecord, kind: string, amount: number) {
    const { onDate, lowest } = await lowestFrom(
      tx,
      'quota_ledger',
      { column: 'unit_id', value: unit.id },
      { column: 'kind', value: kind },
      on,
    );
    const people = await peopleFrom(tx, unit.id, kind, on);
    const reserved = await reservedOn(tx, unit.id, kind, on);
    const label = quotaKindLabel[kind] ?? kind;
    const later = lowest < onDate ? `（${on} 之后最少 ${lowest} 名）` : '';
    if (lowest < amount) throw refuse(`${unit.code} ${label}核定 ${onDate} 名${later}，不足 ${amount} 名`);
    if (lowest - amount < people + reserved)
      throw refuse(
        `${unit.code} ${label}实有 ${people} 名${reserved > 0 ? `、已核准待入编 ${reserved} 名` : ''}，` +
          `减少 ${amount} 名后核定 ${lowest - amount} 名将超编`,
      );
  }

  /** Whether the reserve holds `amount` of a kind on every date from the effective one. */
  async function drawReserve(kind: string, amount: number) {
    const { onDate, lowest } = await lowestFrom(
      tx,
      'reserve_ledger',
      { column: 'region_code', value: regionCode },
      { column: 'kind', value: kind },
      on,
    );
    const later = lowest < onDate ? `（${on} 之后最少 ${lowest} 名）` : '';
    if (lowest < amount)
      throw refuse(`本区划${quotaKindLabel[kind]}机动编制 ${onDate} 名${later}，不足 ${amount} 名`);
    await reserveRow(kind, -amount);
  }

  async function apply(seq: number, change: Change): Promise<void> {
    current = { seq, change };
    switch (change.kind) {
      case 'establish':
        await establish(change.unit);
        return;
      case 'abolish':
        await wind(await unitOf(change.unitCode), change.quotaTo);
        return;
      case 'merge':
        await wind(await unitOf(change.unitCode), change.intoCode);
        return;
      case 'split': {
        const from = await unitOf(change.fromCode);
        const created = await establish(change.unit);
        for (const line of change.quotas) await transfer(from, created, line.quotaKind, line.amount);
        return;
      }
      case 'rename':
        await revise(await unitOf(change.unitCode), { name: change.name });
        return;
      case 'upgrade':
      case 'downgrade': {
        const unit = await unitOf(change.unitCode);
        const current = await versionOn(tx, unit.id, on);
        const direction = rankDirection(current?.rank ?? null, change.rank);
        const wanted = change.kind === 'upgrade' ? 'up' : 'down';
        if (direction !== wanted && direction !== 'unknown')
          throw refuse(
            `${unit.code} 现为 ${current?.rank ?? '无规格'}，${change.rank} 不是${change.kind === 'upgrade' ? '升格' : '降格'}`,
          );
        await revise(unit, { rank: change.rank });
        return;
      }
      case 'alias': {
        const unit = await unitOf(change.unitCode);
        const names = (await versionOn(tx, unit.id, on))?.alias_names ?? [];
        if (change.action === 'add' && names.includes(change.name))
          throw refuse(`${unit.code} 已加挂“${change.name}”`);
        if (change.action === 'remove' && !names.includes(change.name))
          throw refuse(`${unit.code} 未加挂“${change.name}”`);
        const next =
          change.action === 'add' ? [...names, change.name] : names.filter((n) => n !== change.name);
        await revise(unit, { alias_names: next });
        return;
      }
      case 'co_locate': {
        const unit = await unitOf(change.unitCode);
        const partner = await unitOf(change.withCode);
        if (unit.id === partner.id) throw refuse('不能与自身合署');
        await revise(unit, { co_located_with: partner.id });
        return;
      }
      case 'duties':
        await duties(change);
        return;
      case 'quota_increase': {
        const unit = await unitOf(change.unitCode);
        if (change.source === RESERVE) {
          await drawReserve(change.quotaKind, change.amount);
          await quotaRow(unit, change.quotaKind, change.amount, 'reserve');
          return;
        }
        if (ADMINISTRATIVE_TOTAL_KINDS.includes(change.quotaKind) && !change.upperDocumentNo)
          throw refuse(
            `${quotaKindLabel[change.quotaKind]}总量不得突破：新增须有上级机构编制部门批准文号，或使用机动编制`,
          );
        await quotaRow(unit, change.quotaKind, change.amount, 'increase');
        return;
      }
      case 'quota_decrease': {
        const unit = await unitOf(change.unitCode);
        await cut(unit, change.quotaKind, change.amount);
        if (change.to === RESERVE) {
          await quotaRow(unit, change.quotaKind, -change.amount, 'reserve');
          await reserveRow(change.quotaKind, change.amount);
        } else await quotaRow(unit, change.quotaKind, -change.amount, 'decrease');
        return;
      }
      case 'quota_transfer': {
        const from = await unitOf(change.fromCode);
        const to = await unitOf(change.toCode);
        await transfer(from, to, change.quotaKind, change.amount);
        return;
      }
      case 'posts': {
        const unit = await unitOf(change.unitCode);
        if (change.amount < 0) {
          const { onDate, lowest } = await lowestFrom(
            tx,
            'post_ledger',
            { column: 'unit_id', value: unit.id },
            { column: 'level', value: change.level },
            on,
          );
          const { leaders, pending } = await leadersOf(tx, unit.id, change.level, on);
          const held = leaders + pending;
          if (lowest + change.amount < held)
            throw refuse(
              `${unit.code} 现有职数 ${onDate} 名，实配 ${leaders} 名${pending > 0 ? `、待组织部审批 ${pending} 名` : ''}，` +
                `不能核减 ${-change.amount} 名`,
            );
        }
        await postRow(unit, change.level, change.amount);
        return;
      }
      case 'charter': {
        const unit = await unitOf(change.unitCode);
        const [clash] = await query<{ id: number }>(
          tx,
          sql`SELECT id FROM charters WHERE unit_id = ${unit.id} AND issued_on = ${on}::date`,
        );
        if (clash) throw refuse(`${unit.code} 在 ${on} 已有三定规定`);
        await query(
          tx,
          sql`INSERT INTO charters (region_code, unit_id, issued_on, document_no, functions, divisions, proposal_id)
            VALUES (${unit.regionCode}, ${unit.id}, ${on}, ${documentNo}, ${change.functions},
              ${sql.param(change.divisions)}::text[], ${proposalId})`,
        );
        return;
      }
    }
  }

  /** 权责清单: add a duty, move or devolve one to another unit, or cancel one — each dated. */
  async function duties(change: Extract<Change, { kind: 'duties' }>) {
    const unit = await unitOf(change.unitCode);
    if (change.action === 'add') {
      if (!change.name || !change.category) throw refuse('新增事项须有名称和类别');
      await query(
        tx,
        sql`INSERT INTO duties (region_code, unit_id, name, category, basis, valid_from, proposal_id)
          VALUES (${unit.regionCode}, ${unit.id}, ${change.name}, ${change.category}, ${change.basis ?? null}, ${on}, ${proposalId})`,
      );
      return;
    }
    const [duty] = await query<{ id: number; name: string; category: string; basis: string | null }>(
      tx,
      sql`SELECT id, name, category, basis FROM duties WHERE id = ${change.dutyId ?? 0} AND unit_id = ${unit.id}
        AND valid_from <= ${on}::date AND (valid_to IS NULL OR valid_to > ${on}::date) FOR UPDATE`,
    );
    if (!duty) throw refuse(`${unit.code} 在 ${on} 没有该事项（${change.dutyId ?? '未指定'}）`);
    await query(
      tx,
      sql`UPDATE duties SET valid_to = ${on}, ended_by = ${change.action} WHERE id = ${duty.id}`,
    );
    if (change.action === 'cancel') return;
    if (!change.toUnitCode) throw refuse('划转或下放须指明承接机构');
    const to = await unitOf(change.toUnitCode);
    await query(
      tx,
      sql`INSERT INTO duties (region_code, unit_id, name, category, basis, valid_from, origin_id, proposal_id)
        VALUES (${to.regionCode}, ${to.id}, ${duty.name}, ${duty.category}, ${duty.basis}, ${on}, ${duty.id}, ${proposalId})`,
    );
  }

  /**
   * Every lock the changes need, before anything is read, always in the same order (so two proposals,
   * or a proposal and a 调动, cannot wait on each other in a circle): the codes of the units set up,
   * the rows of the units named (by id), then each named unit's figures by unit id and key, then the
   * region's reserve.
   */
  async function lockAll(changes: readonly Change[]) {
    const creates = new Set(changes.flatMap((c) => codesOf(c).creates));
    const named = [...new Set(changes.flatMap((c) => codesOf(c).refers))].filter((c) => !creates.has(c));
    for (const code of [...creates].sort()) await lock(tx, `unit-code:${code}`);
    const rows = await query<{ id: number }>(
      tx,
      sql`SELECT id FROM units WHERE code = ANY(${sql.param(named)}::text[]) ORDER BY id FOR NO KEY UPDATE`,
    );
    const keys = [...QUOTA_KINDS, ...POST_LEVELS.map((level) => `post:${level}`)].sort();
    // The business flows' own key (ADR 11), so a proposal and a hire or an appointment serialise.
    for (const { id } of rows) for (const key of keys) await lockFigure(tx, id, key);
    for (const kind of [...QUOTA_KINDS].sort()) await lock(tx, `reserve:${regionCode}:${kind}`);
  }

  return { apply, lockAll };
}
