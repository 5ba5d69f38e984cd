import { z } from 'zod';
import { isoDate } from '../../shared/http.ts';

export const auditQuery = z.object({
  actor: z.string().max(128).optional().describe('操作人（用户名，或 cli:… / system:…）'),
  entity: z.string().max(64).optional().describe('对象类型，如 user、dataset'),
  action: z.string().max(64).optional().describe('操作，如 login、login_failed、create、import'),
  from: isoDate.optional().describe('起始日期（含）'),
  to: isoDate.optional().describe('截止日期（含）'),
  page: z.coerce.number().int().min(1, { error: '应为正整数' }).default(1),
  pageSize: z.coerce.number().int().min(1).max(500, { error: '应为1至500的整数' }).default(50),
});

const entrySchema = z.object({
  seq: z.number().int().describe('序号（连续）'),
  at: z.string().describe('时间（ISO 8601，UTC）'),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityKey: z.string().nullable(),
  regionCode: z.string().nullable(),
  documentNo: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  details: z.unknown(),
});

export const auditPageSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(entrySchema).describe('由新到旧'),
});

const link = z.object({ seq: z.number().int(), hash: z.string() });

export const auditStatusSchema = z
  .discriminatedUnion('ok', [
    z.object({
      ok: z.literal(true),
      entries: z.number().int().describe('审计记录条数'),
      head: link.nullable().describe('链头'),
      checkpoint: link.nullable().describe('链头检查点'),
    }),
    z.object({
      ok: z.literal(false),
      seq: z.number().int().describe('第一条有问题的记录'),
      reason: z.string(),
    }),
  ])
  .describe('审计链校验结果');
