import { z } from 'zod';
import { isoDate } from '../../shared/http.ts';
import { postFigureSchema, quotaFigureSchema } from '../establishment/establishment.schemas.ts';

export const regionSchema = z.object({
  code: z.string().describe('区划代码'),
  name: z.string(),
  parentCode: z.string().nullable(),
  unitCap: z.number().int().nullable().describe('党政机构限额'),
});

export const unitVersionSchema = z.object({
  validFrom: isoDate.nullable().describe('生效日期；空为自始'),
  name: z.string(),
  kind: z.string().describe('机构类别'),
  rank: z.string().nullable().describe('机构规格'),
  publicClass: z.string().nullable(),
  funding: z.string().nullable(),
  referenceManaged: z.boolean(),
  parentCode: z.string().nullable().describe('上级机构代码'),
  divisionCap: z.number().int().nullable(),
  aliasNames: z.array(z.string()).describe('加挂牌子'),
  sortOrder: z.number().int().nullable().describe('排序号'),
});

const unitIdentity = {
  code: z.string().describe('机构代码'),
  regionCode: z.string(),
  establishedOn: isoDate.nullable(),
  abolishedOn: isoDate.nullable(),
  documentNo: z.string().nullable().describe('批准文号'),
  active: z.boolean().describe('当日是否存续'),
};

export const regionListSchema = z.object({ regions: z.array(regionSchema) });

export const regionUnitsSchema = z.object({
  region: regionSchema,
  asOf: isoDate,
  units: z.array(unitVersionSchema.extend(unitIdentity)),
});

export const unitDetailSchema = z.object({
  asOf: isoDate,
  unit: z.object(unitIdentity),
  current: unitVersionSchema.nullable().describe('当日有效的版本'),
  versions: z.array(unitVersionSchema).describe('全部版本，由早到晚'),
  quotaFigures: z.array(quotaFigureSchema),
  postFigures: z.array(postFigureSchema),
  charters: z
    .array(
      z.object({
        issuedOn: isoDate,
        documentNo: z.string().nullable(),
        functions: z.string().nullable().describe('主要职责'),
        divisions: z.array(z.string()).nullable().describe('内设机构'),
        quota: z.record(z.string(), z.number().int()).describe('印发之日的核定编制，按类型'),
        posts: z.record(z.string(), z.number().int()).describe('印发之日的领导职数，按类别'),
        proposalId: z.number().int().nullable().describe('修订所依据的动议事项'),
      }),
    )
    .describe('三定规定（各版本，由早到晚）'),
});

export const dutiesSchema = z.object({
  asOf: isoDate,
  duties: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      category: z.string().describe('事项类别'),
      basis: z.string().nullable().describe('设定依据'),
      validFrom: z.string(),
      validTo: z.string().nullable(),
      endedBy: z.string().nullable(),
      originUnitCode: z.string().nullable().describe('划入或下放自的机构'),
      originAction: z.string().nullable().describe('move 划入、devolve 下放'),
      proposalId: z.number().int().nullable(),
    }),
  ),
});
