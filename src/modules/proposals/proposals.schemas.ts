import { z } from 'zod';
import { isoDate, plainText, rowId } from '../../shared/http.ts';
import { FUNDINGS, PUBLIC_CLASSES, RANKS, UNIT_KINDS } from '../interchange/dataset.spec.ts';
import { POST_LEVELS, QUOTA_KINDS } from '../establishment/establishment.rules.ts';
import { DEPARTMENTS } from '../users/roles.ts';
import {
  APPRAISAL_CRITERIA,
  ASPECTS,
  CHANGE_KINDS,
  DECISION_OUTCOMES,
  PROPOSAL_STATES,
} from './proposals.model.ts';

/** The shapes the 动议事项 routes take and give, and the payload of each kind of change. */

const text = plainText;
const keys = (enumeration: Record<string, string>) =>
  z.enum(Object.keys(enumeration) as [string, ...string[]]);

export const idParams = z.object({ id: rowId().describe('动议事项编号（内部）') });

const unitCode = text(64).describe('机构代码');
const quotaKind = z.enum(QUOTA_KINDS).describe('编制类型');
const amount = z.number().int().positive().max(100_000).describe('数量');

/** A unit a proposal sets up (设立, or the new unit of 分设). */
const newUnit = z.object({
  code: unitCode,
  name: text(200).describe('机构名称'),
  kind: keys(UNIT_KINDS).describe('机构类别'),
  rank: keys(RANKS).optional().describe('机构规格'),
  parentCode: unitCode.optional().describe('上级机构代码'),
  publicClass: keys(PUBLIC_CLASSES).optional(),
  funding: keys(FUNDINGS).optional(),
});

const quotaLine = z.object({ quotaKind, amount });

export const changeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('establish'), unit: newUnit }),
  z.object({
    kind: z.literal('abolish'),
    unitCode,
    quotaTo: z
      .union([z.literal('reserve'), unitCode])
      .describe('撤销机构编制的去向：承接机构代码，或 reserve 收回机动编制'),
  }),
  z.object({
    kind: z.literal('merge'),
    unitCode: unitCode.describe('被合并的机构'),
    intoCode: unitCode.describe('合并后的机构（承接其编制）'),
  }),
  z.object({
    kind: z.literal('split'),
    fromCode: unitCode.describe('分设出的原机构'),
    unit: newUnit,
    quotas: z.array(quotaLine).max(6).describe('从原机构划入新机构的编制'),
  }),
  z.object({ kind: z.literal('rename'), unitCode, name: text(200) }),
  z.object({ kind: z.literal('upgrade'), unitCode, rank: keys(RANKS) }),
  z.object({ kind: z.literal('downgrade'), unitCode, rank: keys(RANKS) }),
  z.object({
    kind: z.literal('alias'),
    unitCode,
    name: text(200).describe('加挂的牌子'),
    action: z.enum(['add', 'remove']),
  }),
  z.object({ kind: z.literal('co_locate'), unitCode, withCode: unitCode.describe('合署办公的机构') }),
  z.object({
    kind: z.literal('duties'),
    unitCode,
    action: z.enum(['add', 'move', 'devolve', 'cancel']).describe('增加、划转、下放、取消'),
    dutyId: rowId().optional().describe('划转、下放、取消的事项'),
    name: text(300).optional().describe('新增事项名称'),
    category: text(50).optional().describe('事项类别，如 行政许可'),
    basis: text(500).optional().describe('设定依据'),
    toUnitCode: unitCode.optional().describe('划转或下放到的机构'),
  }),
  z.object({
    kind: z.literal('quota_increase'),
    unitCode,
    quotaKind,
    amount,
    source: z.enum(['new', 'reserve']).describe('new 新增（行政编制须有上级文件）、reserve 使用机动编制'),
    upperDocumentNo: text(100).optional().describe('上级机构编制部门批准文号'),
  }),
  z.object({
    kind: z.literal('quota_decrease'),
    unitCode,
    quotaKind,
    amount,
    to: z.enum(['reserve', 'cut']).describe('reserve 收回机动编制、cut 核销'),
  }),
  z.object({ kind: z.literal('quota_transfer'), fromCode: unitCode, toCode: unitCode, quotaKind, amount }),
  z.object({
    kind: z.literal('posts'),
    unitCode,
    level: z.enum(POST_LEVELS),
    amount: z
      .number()
      .int()
      .min(-100)
      .max(100)
      .refine((n) => n !== 0, '职数调整不能为 0'),
  }),
  z.object({
    kind: z.literal('charter'),
    unitCode,
    functions: text(20_000).describe('主要职责'),
    divisions: z.array(text(200)).max(100).describe('内设机构'),
  }),
]);
export type Change = z.infer<typeof changeSchema>;

// Every kind of change has its schema (a kind added to the model but not here fails to compile).
const _everyKind: Record<(typeof CHANGE_KINDS)[number], true> = Object.fromEntries(
  changeSchema.options.map((option) => [option.shape.kind.value, true]),
) as Record<(typeof CHANGE_KINDS)[number], true>;
void _everyKind;

export const submitBody = z.object({
  regionCode: text(12).optional().describe('区划代码；默认为提出人所在区划'),
  title: text(200).describe('动议事项名称'),
  reason: text(5_000).describe('动议理由'),
  sponsorUnitCode: unitCode.optional().describe('提出单位；不填为编办'),
  changes: z.array(changeSchema).min(1).max(50),
});

const criterion = z.object({
  score: z.number().int().min(0).max(100),
  opinion: text(5_000),
});
export const appraisalBody = z.object(
  Object.fromEntries(APPRAISAL_CRITERIA.map((c) => [c, criterion])) as Record<
    (typeof APPRAISAL_CRITERIA)[number],
    typeof criterion
  >,
);

export const consultBody = z.object({
  department: z.union([z.enum(DEPARTMENTS), text(50)]).describe('征求意见的部门'),
  opinion: text(5_000),
});

export const decideBody = z.object({
  outcome: z.enum(DECISION_OUTCOMES),
  meeting: text(200).describe('会议，如 县编委2026年第3次会议'),
  decidedOn: isoDate,
  documentNo: text(100).optional().describe('决定文号（同意、修改后同意时必填）'),
  note: text(5_000).optional(),
  changes: z.array(changeSchema).min(1).max(50).optional().describe('修改后同意时的事项'),
});

export const implementBody = z.object({
  effectiveOn: isoDate.describe('生效日期'),
});

export const checkBody = z.object({
  aspect: z.enum(ASPECTS.map((a) => a.code) as [string, ...string[]]),
  checked: z.boolean(),
  note: text(1_000).optional(),
});

export const listQuery = z.object({
  state: z.enum(PROPOSAL_STATES).optional(),
  region: text(12).optional(),
});

const aspectSchema = z.object({
  code: z.string(),
  step: z.string(),
  label: z.string(),
  checked: z.boolean(),
  note: z.string().nullable(),
  by: z.string().nullable(),
  at: z.string().nullable(),
  missing: z.boolean().describe('所处环节已过而未核对'),
});

export const proposalSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  regionCode: z.string(),
  title: z.string(),
  reason: z.string(),
  sponsorUnitCode: z.string().nullable(),
  sponsorUnitName: z.string().nullable(),
  state: z.enum(PROPOSAL_STATES),
  submittedBy: z.string(),
  submittedOn: z.string(),
  appraisal: z
    .record(z.string(), z.object({ score: z.number(), opinion: z.string() }))
    .nullable()
    .describe('合理性、必要性、可行性'),
  appraisedOn: z.string().nullable(),
  outcome: z.enum(DECISION_OUTCOMES).nullable(),
  meeting: z.string().nullable(),
  decidedOn: z.string().nullable(),
  documentNo: z.string().nullable(),
  decisionNote: z.string().nullable(),
  effectiveOn: z.string().nullable(),
  implementedOn: z.string().nullable(),
  missingAspects: z.number().int().describe('过程检查缺项数'),
});

export const proposalDetailSchema = z.object({
  proposal: proposalSchema,
  changes: z.array(
    z.object({
      seq: z.number().int(),
      kind: z.string(),
      label: z.string(),
      summary: z.string(),
      payload: z.unknown(),
    }),
  ),
  superseded: z.array(z.object({ seq: z.number().int(), kind: z.string(), summary: z.string() })),
  checklist: z.array(aspectSchema),
  consultations: z.array(
    z.object({ department: z.string(), opinion: z.string(), recordedOn: z.string(), actor: z.string() }),
  ),
  files: z.array(
    z.object({
      id: z.number().int(),
      fileName: z.string(),
      size: z.number().int(),
      sm3: z.string(),
      uploadedAt: z.string(),
      actor: z.string(),
    }),
  ),
  events: z.array(
    z.object({
      at: z.string(),
      actor: z.string(),
      action: z.string(),
      fromState: z.string().nullable(),
      toState: z.string().nullable(),
      details: z.unknown(),
    }),
  ),
});

export const proposalListSchema = z.object({ items: z.array(proposalSchema) });
