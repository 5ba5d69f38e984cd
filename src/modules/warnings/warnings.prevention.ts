import { type Db, preparedQuery, sql } from '../../db/database.ts';
import { isIsoDate } from '../../shared/dates.ts';
import { DomainError } from '../../shared/domain-error.ts';
import type { IdCipher } from '../identity/id-cipher.ts';
import { maskIdNumber } from '../identity/id-number.ts';
import { reservingOn } from '../establishment/establishment.repository.ts';
import type { ResolvedProposal, Warning } from './warning.types.ts';
import { rules } from './warnings.registry.ts';
import { revealWarnings } from './warnings.service.ts';

/**
 * Prevention (RULES.md "事前预防"): before a hire, transfer or appointment is written, the warnings
 * of OVER_QUOTA, OVER_POSTS, OVER_RANK, MIXED_POST and DUPLICATE_SEAT that would fire for its subject
 * once it is, and that it adds to. Called inside the transaction that writes, with the unit locked;
 * every lookup is by index for this one subject.
 */

export interface ProposedSeat {
  idNumber: string;
  /** The person's name, for the message when they are not on the roster yet. */
  name?: string;
  unitCode: string;
  quotaKind: string;
  category: string;
  postLevel?: string | null;
  postRank?: string | null;
  postUnitCode?: string | null;
  /** The date D the seat starts. */
  enteredOn: string;
  /** A seat this change ends the same day (a transfer, or the seat an appointment replaces): not counted. */
  endsSeatId?: number;
  /** Approved but unseated hires (用编核准) against the unit and kind, the one being used excluded by the caller. */
  reserved?: number;
  /**
   * Instead of `reserved`: count them here, on the entry date, leaving out the approval being used
   * (0: none) — read with the units and the person, saving the caller a round trip.
   */
  countReserved?: { exceptApproval: number };
  /** Appointments awaiting 组织部 (任免待审批) to the same post unit and level: they hold their posts. */
  reservedPosts?: number;
}

export class ProposalUnitNotFoundError extends DomainError {
  constructor(code: string) {
    super('warnings.unit_not_found', `单位 ${code} 不存在`, 'not_found');
  }
}

export class ProposalInvalidError extends DomainError {
  constructor(message: string) {
    super('warnings.proposal_invalid', message, 'invalid');
  }
}

async function resolve(db: Db, idCipher: IdCipher, proposed: ProposedSeat): Promise<ResolvedProposal> {
  if (!isIsoDate(proposed.enteredOn))
    throw new ProposalInvalidError(`入编日期无效：${proposed.enteredOn}（应为 YYYY-MM-DD）`);
  const reserved = proposed.reserved ?? 0;
  if (!Number.isInteger(reserved) || reserved < 0)
    throw new ProposalInvalidError(`已核准待入编人数应为非负整数：${reserved}`);
  const reservedPosts = proposed.reservedPosts ?? 0;
  if (!Number.isInteger(reservedPosts) || reservedPosts < 0)
    throw new ProposalInvalidError(`待审批任职人数应为非负整数：${reservedPosts}`);
  const codes = [proposed.unitCode, proposed.postUnitCode].filter((c): c is string => !!c);
  // The units by code and the person by the ID number's index, in one round trip.
  const units = await preparedQuery<{
    id: number;
    code: string;
    person_id: number | null;
    id_cipher: string | null;
    name: string | null;
    reserved: number;
  }>(
    db,
    sql`SELECT u.id, u.code, p.id AS person_id, p.id_cipher, p.name,
        ${
          proposed.countReserved
            ? sql`(SELECT count(*) FROM quota_use_approvals a WHERE a.unit_id = u.id AND a.quota_kind = ${proposed.quotaKind}
                AND ${reservingOn('a', proposed.enteredOn)} AND a.id <> ${proposed.countReserved.exceptApproval})::int`
            : sql`0`
        } AS reserved
      FROM units u LEFT JOIN persons p ON p.id_index = ${idCipher.index(proposed.idNumber)}
      WHERE u.code IN (${sql.join(
        codes.map((c) => sql`${c}`),
        sql`, `,
      )})`,
  );
  const idOf = (code: string) => {
    const unit = units.find((u) => u.code === code);
    if (!unit) throw new ProposalUnitNotFoundError(code);
    return unit.id;
  };
  const unitId = idOf(proposed.unitCode);
  const counted = proposed.countReserved ? units.find((u) => u.id === unitId)!.reserved : reserved;
  const found = units[0]!;
  const person =
    found.person_id === null
      ? undefined
      : { id: found.person_id, id_cipher: found.id_cipher!, name: found.name! };
  return {
    asOf: proposed.enteredOn,
    personId: person?.id ?? null,
    idCipher: person?.id_cipher ?? idCipher.protect(proposed.idNumber).idCipher,
    name: person?.name ?? proposed.name ?? maskIdNumber(proposed.idNumber),
    unitId,
    quotaKind: proposed.quotaKind,
    category: proposed.category,
    postLevel: proposed.postLevel ?? null,
    postRank: proposed.postRank ?? null,
    postUnitId: proposed.postUnitCode ? idOf(proposed.postUnitCode) : unitId,
    endsSeatId: proposed.endsSeatId ?? 0,
    reserved: counted,
    reservedPosts,
  };
}

/**
 * The warnings the proposed seat would bring about or add to (none: it may be written), as the scan
 * would report them for that subject once the seat is in, ordered as the scan orders them. Every
 * rule's rows are read in one statement (one round trip, however many rules check).
 */
export async function checkSeat(db: Db, idCipher: IdCipher, proposed: ProposedSeat): Promise<Warning[]> {
  const resolved = await resolve(db, idCipher, proposed);
  const checks = rules.flatMap((rule) => {
    const select = rule.check?.query(resolved);
    return rule.check && select ? [{ check: rule.check, select }] : [];
  });
  if (checks.length === 0) return [];
  const [row] = await preparedQuery<Record<string, unknown>>(
    db,
    sql`SELECT ${sql.join(
      checks.map(
        ({ select }, i) =>
          sql`(SELECT coalesce(json_agg(q), '[]'::json) FROM (${select}) q) AS ${sql.raw(`r${i}`)}`,
      ),
      sql`, `,
    )}`,
  );
  const rowsOf = (value: unknown): unknown[] =>
    (typeof value === 'string' ? JSON.parse(value) : value) as unknown[];
  return checks.flatMap(({ check }, i) =>
    revealWarnings(check.result(resolved, rowsOf(row?.[`r${i}`] ?? [])), idCipher),
  );
}
