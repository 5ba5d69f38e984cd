import { z } from 'zod';
import { isoDate, plainText, rowId } from '../../shared/http.ts';
import { FINDING_SOURCES, FINDING_STATES, type FindingSource, SEVERITIES } from './findings.model.ts';

/** The shapes the 问题台账 routes take and give. */

export const idParams = z.object({ id: rowId().describe('问题编号（内部）') });
const text = plainText;

export const findingSchema = z.object({
  id: z.number().int(),
  number: z.string().describe('台账编号，如 WT2026-0001'),
  regionCode: z.string(),
  unitId: z.number().int().nullable(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  source: z
    .string()
    .describe(
      '来源：warning 预警、inspection 监督检查、evaluation 评估、department 部门移送、patrol 巡察线索、manual 手工',
    ),
  sourceRef: z.string().nullable().describe('来源文号或线索编号'),
  warningId: z.number().int().nullable(),
  rule: z.string().nullable().describe('预警规则代码'),
  category: z.string().describe('问题类别'),
  severity: z.string(),
  description: z.string(),
  state: z
    .enum(FINDING_STATES)
    .describe('registered 挂号建账、rectifying 整改中、verifying 待核验、closed 已销号、deferred 暂缓'),
  deadline: z.string().describe('整改期限'),
  overdue: z.boolean().describe('已逾期'),
  responsibleUserId: z.number().int().nullable(),
  responsibleName: z.string().nullable().describe('整改责任人'),
  registeredBy: z.number().int(),
  registeredByName: z.string(),
  registeredOn: z.string(),
  measures: z.string().nullable().describe('整改措施'),
  verifiedBy: z.number().int().nullable(),
  closedOn: z.string().nullable(),
  deferredUntil: z.string().nullable(),
  deferredReason: z.string().nullable(),
});

export const evidenceSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  version: z.number().int().describe('同名文件的第几版'),
  mediaType: z.string(),
  size: z.number().int(),
  sm3: z.string().describe('文件内容的 SM3 摘要（十六进制）'),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});

export const detailSchema = findingSchema.extend({
  events: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      actor: z.string(),
      action: z.string(),
      fromState: z.string().nullable(),
      toState: z.string(),
      note: z.string().nullable(),
    }),
  ),
  evidence: z.array(evidenceSchema),
});

/** Registered by hand: every source but an override, which the flow that was let through registers. */
const REGISTERED_SOURCES = FINDING_SOURCES.filter((s) => s !== 'override') as [
  FindingSource,
  ...FindingSource[],
];

export const registerBody = z.object({
  source: z.enum(REGISTERED_SOURCES),
  warningId: rowId().optional().describe('来源为预警时：预警编号'),
  unitCode: text(64).optional(),
  category: text(100).optional().describe('问题类别，或预警规则代码'),
  severity: z.enum(SEVERITIES).optional(),
  description: text(2000).optional(),
  sourceRef: text(200).optional(),
  deadline: isoDate.optional().describe('整改期限，默认按严重程度：违规30日、风险60日、提示90日'),
  responsibleUserId: rowId().optional().describe('整改责任人账号，默认该单位的联络员'),
});

export const listQuery = z.object({
  state: z.enum(FINDING_STATES).optional(),
  unit: text(64).optional(),
  source: z.enum(FINDING_SOURCES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  warningId: rowId().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const noticeSchema = z.object({
  id: z.number().int(),
  documentNo: z.string().describe('文号'),
  regionCode: z.string(),
  regionName: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  issuedOn: z.string(),
  deadline: z.string(),
  issuedBy: z.string(),
  findings: z.array(
    z.object({
      number: z.string(),
      category: z.string(),
      severity: z.string(),
      description: z.string(),
      deadline: z.string(),
    }),
  ),
});
