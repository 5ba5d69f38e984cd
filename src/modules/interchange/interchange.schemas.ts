import { z } from 'zod';
import { isoDate } from '../../shared/http.ts';
import { jobSchema } from '../jobs/jobs.schemas.ts';
import { SHOWN_ERRORS } from './interchange.service.ts';
import { MAX_UPLOAD_FILES, UPLOAD_FIELD } from './interchange.upload.ts';

const flag = (description: string) =>
  z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe(description);

export const importQuery = z.object({
  dryRun: flag('试运行：完整校验并演练写入，但不保留任何数据（true/false，默认 false）'),
  effectiveOn: isoDate
    .optional()
    .describe('机构与职务变化形成的新版本自哪天生效（YYYY-MM-DD），默认导入当天'),
});

/**
 * The form the upload is: documented for the OpenAPI document only. The handler reads the parts as
 * they stream in, so there is no parsed body to validate.
 */
export const uploadBody = z.unknown().meta({
  type: 'object',
  required: [UPLOAD_FIELD],
  properties: {
    [UPLOAD_FIELD]: {
      type: 'array',
      maxItems: MAX_UPLOAD_FILES,
      items: { type: 'string', format: 'binary' },
      description:
        '一个 .xlsx 工作簿（工作表名即数据文件名），或若干 .csv 文件（文件名即数据文件名，如 units.csv、persons.csv）',
    },
  },
});

export const importAcceptedSchema = z.object({
  jobId: z.string().describe('导入任务编号：用 GET /api/imports/{jobId} 查看进度与结果'),
});

export const jobParams = z.object({ jobId: z.string().min(1).max(64).describe('任务编号') });

export const reportQuery = z.object({
  format: z
    .enum(['json', 'xlsx'])
    .default('xlsx')
    .describe('xlsx：上传文件的副本，出错的单元格标红并附批注，另有错误汇总表；json：错误清单'),
});

const importErrorSchema = z.object({
  file: z.string().describe('CSV 文件名或工作表名'),
  row: z.number().int().describe('行号（表头为第 1 行；0 指整个文件）'),
  column: z.string().nullable().describe('列名；空指整行'),
  value: z.string().nullable(),
  reason: z.string().describe('原因'),
});

const fileCountsSchema = z.object({
  rows: z.number().int().describe('行数'),
  added: z.number().int().describe('新增'),
  updated: z.number().int().describe('更新'),
});

export const importResultSchema = z
  .object({
    ok: z.boolean().describe('是否通过校验（并已写入，试运行除外）；未通过时未写入任何数据'),
    dryRun: z.boolean(),
    counts: z.record(z.string(), fileCountsSchema).describe('按数据文件的行数与新增、更新数'),
    auditSeq: z.number().int().nullable().describe('导入的审计记录序号；未写入时为空'),
    scanJobId: z
      .string()
      .nullable()
      .describe('写入后自动启动的预警扫描任务编号（GET /api/scans/{jobId}）；未写入时为空'),
    errorCount: z.number().int().describe('发现的错误数'),
    truncated: z.boolean().describe('错误过多，只收集了前面的一部分'),
    errors: z.array(importErrorSchema).describe(`前 ${SHOWN_ERRORS} 条错误；全部错误见错误报告`),
  })
  .describe('导入结果（任务结束后才有）');

export const importJobSchema = jobSchema(importResultSchema).describe('导入任务');

export const exportQuery = z.object({
  asOf: isoDate
    .optional()
    .describe('导出该日的状态（YYYY-MM-DD）；不填则导出全部数据，含历史与未来生效的记录，可原样导入'),
  format: z
    .enum(['xlsx', 'zip'])
    .default('xlsx')
    .describe(
      'xlsx：一个工作簿，每个数据文件一个工作表（每表最多 1,048,575 行）；zip：CSV 文件夹的压缩包，适合大数据量',
    ),
  labels: z.enum(['zh']).optional().describe('zh：表头与枚举值用中文名称'),
});
