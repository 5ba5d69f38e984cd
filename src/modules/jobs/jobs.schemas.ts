import { z } from 'zod';

export const jobProgressSchema = z
  .object({
    phase: z
      .string()
      .describe('当前阶段：queued 排队；导入为 read 读取校验、check 交叉检查、write 写入、done 完成'),
    file: z.string().optional().describe('正在处理的文件'),
    rows: z.number().int().describe('已读取的行数'),
    percent: z.number().min(0).max(100).optional().describe('估计的完成百分比'),
  })
  .describe('进度');

/** A job as the API shows it, with the result its kind produces. */
export function jobSchema<Result extends z.ZodType>(result: Result) {
  return z.object({
    id: z.string().describe('任务编号'),
    kind: z.string().describe('任务类型'),
    actor: z.string().describe('发起者'),
    status: z
      .enum(['queued', 'running', 'succeeded', 'failed'])
      .describe(
        'queued 排队中、running 运行中、succeeded 已完成（结果见 result）、failed 异常中止（原因见 error）',
      ),
    progress: jobProgressSchema,
    submittedAt: z.iso.datetime().describe('提交时间'),
    startedAt: z.iso.datetime().optional().describe('开始运行时间'),
    finishedAt: z.iso.datetime().optional().describe('结束时间'),
    result: result.optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional().describe('异常中止的原因'),
  });
}
