import { type Db, query, sql } from '../../db/database.ts';
import { chineseDate } from '../../shared/dates.ts';
import { type Block, renderDocx } from '../../shared/docx.ts';
import type { Caller } from '../auth/caller.ts';
import { can } from '../auth/caller.ts';
import type { IdCipher } from '../identity/id-cipher.ts';
import { CATEGORIES, EXIT_TYPES, QUOTA_KINDS } from '../interchange/dataset.spec.ts';
import { scopeFilter } from '../org/org.scope.ts';
import { unitNameSql } from '../org/org.sql.ts';
import { FlowNotFoundError } from './transactions.errors.ts';
import { CHANNELS } from './transactions.model.ts';

/**
 * The forms the 编办 issues, as Word documents rendered from what was recorded: the 编制使用通知单
 * of a 用编核准 (its 文号 is the approval's number), the 入编审批表 of an 入编 or 调动, and the 出编
 * 通知单 of an 出编 (numbered when the transaction was written).
 */

const label = (values: Record<string, string>, key: string) => values[key] ?? key;

const office = (regionName: string) => `${regionName}机构编制委员会办公室`;

function heading(regionName: string, title: string, number: string): Block[] {
  return [
    { kind: 'paragraph', text: office(regionName), align: 'center', bold: true, size: 22 },
    { kind: 'paragraph', text: title, align: 'center', bold: true, size: 22 },
    { kind: 'paragraph', text: number, align: 'center' },
  ];
}

/** 编制使用通知单 of a 用编核准 within the caller's scope. */
export async function approvalNotice(db: Db, caller: Caller, id: number) {
  const { cte, where } = scopeFilter(caller.scope, 'a');
  const [a] = await query<{
    number: string;
    region_name: string;
    unit_code: string;
    unit_name: string;
    quota_kind: string;
    channel: string;
    person_name: string | null;
    approved_on: string;
    expires_on: string;
    plan_id: number;
    plan_year: number;
    approved_by: string;
  }>(
    db,
    sql`${cte} SELECT a.number, r.name AS region_name, u.code AS unit_code,
        ${unitNameSql('u.id')} AS unit_name,
        a.quota_kind, a.channel, a.person_name, a.approved_on::text, a.expires_on::text, p.id AS plan_id,
        p.year AS plan_year, us.display_name AS approved_by
      FROM quota_use_approvals a JOIN units u ON u.id = a.unit_id JOIN regions r ON r.code = a.region_code
      JOIN staffing_plan_lines l ON l.id = a.plan_line_id JOIN staffing_plans p ON p.id = l.plan_id
      JOIN users us ON us.id = a.approved_by
      WHERE a.id = ${id} AND ${where}`,
  );
  if (!a) throw new FlowNotFoundError('用编核准', id);
  const kind = label(QUOTA_KINDS, a.quota_kind);
  const content = await renderDocx({
    title: `编制使用通知单 ${a.number}`,
    creator: office(a.region_name),
    blocks: [
      ...heading(a.region_name, '编制使用通知单', a.number),
      { kind: 'paragraph', text: `${a.unit_name}（${a.unit_code}）：` },
      {
        kind: 'paragraph',
        indent: true,
        text:
          `根据你单位${a.plan_year}年度用编计划（第${a.plan_id}号），经审核，同意你单位使用${kind}1名，` +
          `用于${label(CHANNELS, a.channel)}${a.person_name ? `（${a.person_name}）` : ''}。` +
          `本通知有效期至${chineseDate(a.expires_on)}，逾期未办理入编手续的自动失效，所占空编予以释放。`,
      },
      {
        kind: 'table',
        header: ['单位', '编制类型', '补充渠道', '核准日期', '有效期至'],
        rows: [[a.unit_name, kind, label(CHANNELS, a.channel), a.approved_on, a.expires_on]],
      },
      { kind: 'paragraph', text: office(a.region_name), align: 'right' },
      { kind: 'paragraph', text: chineseDate(a.approved_on), align: 'right' },
      { kind: 'paragraph', text: `经办人：${a.approved_by}`, size: 12 },
    ],
  });
  return { content, fileName: `编制使用通知单-${a.number}.docx` };
}

/** 入编审批表 (入编, 调动) or 出编通知单 (出编) of a transaction within the caller's scope. */
export async function transactionForm(db: Db, idCipher: IdCipher, caller: Caller, id: number) {
  const { cte, where } = scopeFilter(caller.scope, 't');
  const [t] = await query<{
    kind: string;
    issued_no: string | null;
    region_name: string;
    unit_code: string;
    unit_name: string;
    effective_on: string;
    document_no: string | null;
    actor: string;
    person_name: string;
    gender: string;
    birth_date: string;
    id_cipher: string;
    id_masked: string;
    quota_kind: string;
    category: string;
    entry_type: string;
    exit_type: string | null;
    approval_no: string | null;
  }>(
    db,
    sql`${cte} SELECT t.kind, t.issued_no, r.name AS region_name, u.code AS unit_code,
        ${unitNameSql('s.unit_id')} AS unit_name,
        t.effective_on::text, t.document_no, t.actor, p.name AS person_name, p.gender, p.birth_date::text,
        p.id_cipher, p.id_masked, s.quota_kind, s.category, s.entry_type, s.exit_type, s.approval_no
      FROM transactions t JOIN seats s ON s.id = t.seat_id JOIN persons p ON p.id = s.person_id
      JOIN units u ON u.id = s.unit_id JOIN regions r ON r.code = t.region_code
      WHERE t.id = ${id} AND ${where} AND t.kind IN ('enter', 'transfer', 'exit')`,
  );
  if (!t || !t.issued_no) throw new FlowNotFoundError('入编或出编办理记录', id);
  const idNumber = can(caller, 'id_number.read') ? idCipher.reveal(t.id_cipher) : t.id_masked;
  const person: [string, string][] = [
    ['姓名', t.person_name],
    ['性别', t.gender === 'male' ? '男' : '女'],
    ['出生日期', t.birth_date],
    ['公民身份号码', idNumber],
    ['单位', `${t.unit_name}（${t.unit_code}）`],
    ['编制类型', label(QUOTA_KINDS, t.quota_kind)],
    ['人员类别', label(CATEGORIES, t.category)],
  ];
  const exiting = t.kind === 'exit';
  const title = exiting ? '出编通知单' : '入编审批表';
  const facts: [string, string][] = exiting
    ? [
        ['出编方式', label(EXIT_TYPES, t.exit_type ?? '')],
        ['出编日期', t.effective_on],
        ['依据文件', t.document_no ?? ''],
      ]
    : [
        ['进入方式', t.kind === 'transfer' ? '调入' : label(CHANNELS, t.entry_type)],
        ['入编日期', t.effective_on],
        ['用编核准文号', t.approval_no ?? '（越权办理，已登记问题台账）'],
        ['依据文件', t.document_no ?? ''],
      ];
  const content = await renderDocx({
    title: `${title} ${t.issued_no}`,
    creator: office(t.region_name),
    blocks: [
      ...heading(t.region_name, title, t.issued_no),
      { kind: 'table', header: ['项目', '内容'], rows: [...person, ...facts] },
      {
        kind: 'paragraph',
        indent: true,
        text: exiting
          ? `上述人员自${chineseDate(t.effective_on)}起出编，请于实名制系统中同步核减，并办理工资、社保相关手续。`
          : `经审核，同意上述人员自${chineseDate(t.effective_on)}起入编。`,
      },
      { kind: 'paragraph', text: office(t.region_name), align: 'right' },
      { kind: 'paragraph', text: chineseDate(t.effective_on), align: 'right' },
      { kind: 'paragraph', text: `经办人：${t.actor}`, size: 12 },
    ],
  });
  return { content, fileName: `${title}-${t.issued_no}.docx` };
}
