import { z } from 'zod';
import { asOfQuery, isoDate } from '../../shared/http.ts';
import { postLevelSchema, quotaKindSchema } from '../establishment/establishment.schemas.ts';

export const seatsQuery = asOfQuery.extend({
  page: z.coerce
    .number({ error: '应为正整数' })
    .int({ error: '应为正整数' })
    .min(1, { error: '应为正整数' })
    .default(1),
  pageSize: z.coerce
    .number({ error: '应为1至500的整数' })
    .int({ error: '应为1至500的整数' })
    .min(1, { error: '应为1至500的整数' })
    .max(500, { error: '应为1至500的整数' })
    .default(50),
});

/** A person as the API shows them: the ID number in full only to the roles that may see it. */
const personSchema = z.object({
  name: z.string(),
  gender: z.string(),
  birthDate: isoDate,
  idNumber: z
    .string()
    .describe('公民身份号码：有权查看完整号码的角色（编办管理员、编办业务员）为完整号码，其余为脱敏号码'),
  idMasked: z.string().describe('脱敏的公民身份号码'),
  retirementGroup: z.string(),
  education: z.string().nullable(),
  major: z.string().nullable(),
  ethnicity: z.string().nullable(),
  politicalStatus: z.string().nullable(),
  title: z.string().nullable(),
});

export const seatSchema = z.object({
  unitCode: z.string(),
  quotaKind: quotaKindSchema,
  category: z.string().describe('人员类别'),
  enteredOn: isoDate,
  entryType: z.string(),
  approvalNo: z.string().nullable(),
  workUnitCode: z.string().nullable().describe('工作所在单位；空为编制所在单位'),
  exitedOn: isoDate.nullable(),
  exitType: z.string().nullable(),
  status: z.string().describe('在岗状态'),
  person: personSchema,
  post: z
    .object({
      level: postLevelSchema,
      unitCode: z.string(),
      rank: z.string().nullable(),
      since: isoDate.nullable(),
    })
    .nullable()
    .describe('当日担任的领导职务'),
});

export const seatPageSchema = z.object({
  unitCode: z.string(),
  asOf: isoDate,
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(seatSchema),
});
