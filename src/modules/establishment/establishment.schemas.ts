import { z } from 'zod';
import { isoDate } from '../../shared/http.ts';
import { POST_LEVELS, QUOTA_KINDS } from './establishment.rules.ts';

export const quotaKindSchema = z.enum(QUOTA_KINDS).describe('编制类型');
export const postLevelSchema = z.enum(POST_LEVELS).describe('职数类别');

const unitOfFigure = {
  unitCode: z.string(),
  unitName: z.string().nullable().describe('当日名称；当日尚无版本时为空'),
};

export const quotaFigureSchema = z.object({
  ...unitOfFigure,
  kind: quotaKindSchema,
  approved: z.number().int().describe('核定编制'),
  headcount: z.number().int().describe('实有人数'),
  reserved: z.number().int().describe('已核准待入编（用编核准占用）'),
  vacancy: z.number().int().describe('空编 = 核定 − 实有 − 已核准待入编（负数即超编）'),
});

export const postFigureSchema = z.object({
  ...unitOfFigure,
  level: postLevelSchema,
  posts: z.number().int().describe('核定领导职数'),
  leaders: z.number().int().describe('实配领导人数'),
  vacancy: z.number().int().describe('空缺职数（负数即超职数）'),
});

const ledgerEntry = {
  id: z.number().int(),
  amount: z.number().int().describe('增减数（首行为基数）'),
  effectiveOn: isoDate,
  documentNo: z.string().describe('文号'),
};

export const quotaLedgerSchema = z.object({
  unitCode: z.string(),
  entries: z.array(z.object({ kind: quotaKindSchema, ...ledgerEntry })),
});

export const postLedgerSchema = z.object({
  unitCode: z.string(),
  entries: z.array(z.object({ level: postLevelSchema, ...ledgerEntry })),
});

export const regionFiguresSchema = z.object({
  regionCode: z.string(),
  asOf: isoDate,
  figures: z.array(quotaFigureSchema),
});
