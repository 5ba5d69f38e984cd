import { chineseDate, type Clock, todayOf } from '../../shared/dates.ts';
import { regionPrefix } from '../../shared/document-no.ts';
import { renderDocx } from '../../shared/docx.ts';
import type { SQL } from 'drizzle-orm';
import { type Database, type Db, query, sql } from '../../db/database.ts';
import type { AuditTrail } from '../audit/audit.service.ts';
import type { Caller } from '../auth/caller.ts';
import { findUnitByCode } from '../org/org.repository.ts';
import { scopeFilter, unitVisible } from '../org/org.scope.ts';
import { unitNameSql } from '../org/org.sql.ts';
import { FindingInputError, FindingUnitNotFoundError, NoticeNotFoundError } from './findings.errors.ts';

/**
 * 整改通知书: the notice the 编办 sends a unit, with its 文号 (`{区划}编办整改〔年〕N号`, numbered
 * within the region and year), the findings it names and the deadline. Stored as a record; the Word
 * document is generated from it whenever it is asked for, so it always says what was issued.
 */

export interface NoticeInput {
  unitCode: string;
  findingIds: number[];
  /** By default the latest deadline of the findings named. */
  deadline?: string;
}

export interface NoticeRecord {
  id: number;
  documentNo: string;
  regionCode: string;
  regionName: string;
  unitCode: string;
  unitName: string;
  issuedOn: string;
  deadline: string;
  issuedBy: string;
  findings: { number: string; category: string; severity: string; description: string; deadline: string }[];
}

export function documentNoFor(regionName: string, year: number, serial: number): string {
  return `${regionPrefix(regionName)}编办整改〔${year}〕${serial}号`;
}

/** What a notice said when it was issued (`finding_notices.content`). */
type NoticeContent = Pick<NoticeRecord, 'regionName' | 'unitName' | 'issuedBy' | 'findings'>;

async function noticeRecord(db: Db, where: SQL, cte: SQL = sql``): Promise<NoticeRecord | undefined> {
  const [row] = await query<Omit<NoticeRecord, keyof NoticeContent> & { content: NoticeContent }>(
    db,
    sql`${cte} SELECT n.id, n.document_no AS "documentNo", n.region_code AS "regionCode", u.code AS "unitCode",
        n.issued_on::text AS "issuedOn", n.deadline::text AS deadline, n.content
      FROM finding_notices n JOIN units u ON u.id = n.unit_id
      WHERE ${where}`,
  );
  if (!row) return undefined;
  const { content, ...notice } = row;
  return { ...notice, ...content };
}

async function unitNameOf(db: Db, unitId: number): Promise<string> {
  const [row] = await query<{ name: string }>(
    db,
    sql`SELECT ${unitNameSql('u.id')} AS name FROM units u WHERE u.id = ${unitId}`,
  );
  return row?.name ?? '';
}

async function displayNameOf(db: Db, userId: number): Promise<string> {
  const [row] = await query<{ display_name: string }>(
    db,
    sql`SELECT display_name FROM users WHERE id = ${userId}`,
  );
  return row?.display_name ?? '';
}

export function createNoticeService(deps: { database: Database; audit: AuditTrail; clock: Clock }) {
  const db = deps.database.db;

  return {
    async issue(caller: Caller, input: NoticeInput): Promise<NoticeRecord> {
      const ids = [...new Set(input.findingIds)];
      if (ids.length === 0) throw new FindingInputError('整改通知书须至少列明一个问题');
      return deps.audit.transaction(db, async (tx, audit) => {
        const unit = await findUnitByCode(tx, input.unitCode);
        if (!unit || !(await unitVisible(tx, caller.scope, unit)))
          throw new FindingUnitNotFoundError(input.unitCode);
        const named = await query<{ id: number; number: string; state: string; deadline: string }>(
          tx,
          sql`SELECT id, number, state, deadline::text AS deadline FROM findings
            WHERE id = ANY(${`{${ids.join(',')}}`}::int[]) AND unit_id = ${unit.id}`,
        );
        const missing = ids.filter((id) => !named.some((f) => f.id === id));
        if (missing.length > 0)
          throw new FindingInputError(
            `问题 ${missing.join('、')} 不属于单位 ${unit.code}，不能列入其整改通知书`,
          );
        const closed = named.filter((f) => f.state === 'closed');
        if (closed.length > 0)
          throw new FindingInputError(
            `问题 ${closed.map((f) => f.number).join('、')} 已销号，不能再通知整改`,
          );
        const issuedOn = todayOf(deps.clock);
        const deadline =
          input.deadline ??
          named
            .map((f) => f.deadline)
            .sort()
            .at(-1)!;
        if (deadline < issuedOn) throw new FindingInputError(`整改期限 ${deadline} 早于发文日期 ${issuedOn}`);
        const year = Number(issuedOn.slice(0, 4));
        // The issuing office numbers its notices: a city's 编办 writing to a county unit uses the city's numbers.
        const issuing = caller.scope.regionCode;
        await query(tx, sql`SELECT pg_advisory_xact_lock(hashtext(${`notices:${issuing}`}))`);
        const [region] = await query<{ name: string; serial: number }>(
          tx,
          sql`SELECT r.name, (SELECT coalesce(max(serial), 0) + 1 FROM finding_notices
              WHERE issuing_region_code = r.code AND year = ${year})::int AS serial
            FROM regions r WHERE r.code = ${issuing}`,
        );
        const documentNo = documentNoFor(region!.name, year, region!.serial);
        const content: NoticeContent = {
          regionName: region!.name,
          unitName: await unitNameOf(tx, unit.id),
          issuedBy: await displayNameOf(tx, caller.userId),
          findings: await query<NoticeRecord['findings'][number]>(
            tx,
            sql`SELECT number, category, severity, description, deadline::text AS deadline FROM findings
              WHERE id = ANY(${`{${ids.join(',')}}`}::int[]) AND unit_id = ${unit.id} ORDER BY number`,
          ),
        };
        const [row] = await query<{ id: number }>(
          tx,
          sql`INSERT INTO finding_notices (region_code, issuing_region_code, document_no, year, serial, unit_id,
              issued_on, deadline, finding_ids, content, issued_by)
            VALUES (${unit.regionCode}, ${issuing}, ${documentNo}, ${year}, ${region!.serial}, ${unit.id}, ${issuedOn},
              ${deadline}, ${`{${ids.join(',')}}`}::int[], ${JSON.stringify(content)}::jsonb, ${caller.userId})
            RETURNING id`,
        );
        await audit.record({
          actor: caller.actor,
          action: 'finding.notice',
          entity: 'finding_notices',
          entityKey: documentNo,
          regionCode: unit.regionCode,
          documentNo,
          details: { unitCode: unit.code, findings: named.map((f) => f.number).sort(), deadline },
        });
        return (await noticeRecord(tx, sql`n.id = ${row!.id}`))!;
      });
    },

    /** A notice about a unit within the caller's scope, or 404. */
    async get(caller: Caller, id: number): Promise<NoticeRecord> {
      const { cte, where } = scopeFilter(caller.scope, 'n');
      const notice = await noticeRecord(db, sql`n.id = ${id} AND ${where}`, cte);
      if (!notice) throw new NoticeNotFoundError(id);
      return notice;
    },

    async list(caller: Caller, unitCode?: string) {
      const { cte, where } = scopeFilter(caller.scope, 'n');
      return query<{
        id: number;
        documentNo: string;
        unitCode: string;
        issuedOn: string;
        deadline: string;
        findings: number;
      }>(
        db,
        sql`${cte} SELECT n.id, n.document_no AS "documentNo", u.code AS "unitCode", n.issued_on::text AS "issuedOn",
            n.deadline::text AS deadline, cardinality(n.finding_ids) AS findings
          FROM finding_notices n JOIN units u ON u.id = n.unit_id
          WHERE ${where} ${unitCode ? sql`AND u.code = ${unitCode}` : sql``}
          ORDER BY n.issued_on DESC, n.id DESC LIMIT 200`,
      );
    },
  };
}

/** The notice as a Word document (.docx): 文号, addressee, the findings in a table, the deadline. */
export function noticeDocx(notice: NoticeRecord): Promise<Buffer> {
  const office = `${notice.regionName}机构编制委员会办公室`;
  return renderDocx({
    title: `整改通知书 ${notice.documentNo}`,
    creator: office,
    blocks: [
      { kind: 'paragraph', text: office, align: 'center', bold: true, size: 22 },
      { kind: 'paragraph', text: '整改通知书', align: 'center', bold: true, size: 22 },
      { kind: 'paragraph', text: notice.documentNo, align: 'center' },
      { kind: 'paragraph', text: `${notice.unitName}（${notice.unitCode}）：` },
      {
        kind: 'paragraph',
        indent: true,
        text:
          `经机构编制监督检查，你单位存在以下${notice.findings.length}个问题，现予通知。请对照问题逐项整改，` +
          `于${chineseDate(notice.deadline)}前通过机构编制管理平台报送整改措施及佐证材料，逾期未完成的将按规定予以通报。`,
      },
      {
        kind: 'table',
        header: ['序号', '问题编号', '问题类别', '严重程度', '问题描述', '整改期限'],
        rows: notice.findings.map((f, i) => [
          String(i + 1),
          f.number,
          f.category,
          f.severity,
          f.description,
          f.deadline,
        ]),
      },
      { kind: 'paragraph', text: `整改期限：${chineseDate(notice.deadline)}` },
      { kind: 'paragraph', text: office, align: 'right' },
      { kind: 'paragraph', text: chineseDate(notice.issuedOn), align: 'right' },
      { kind: 'paragraph', text: `经办人：${notice.issuedBy}`, size: 12 },
    ],
  });
}
