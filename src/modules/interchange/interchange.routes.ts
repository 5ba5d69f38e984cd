import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  downloadResponse,
  errorResponses,
  errorSchema,
  MEDIA_TYPES,
  sendDownload,
} from '../../shared/http.ts';
import { callerOf } from '../auth/auth.plugin.ts';
import { sizeText } from './interchange.errors.ts';
import {
  exportQuery,
  importAcceptedSchema,
  importJobSchema,
  importQuery,
  jobParams,
  reportQuery,
  uploadBody,
} from './interchange.schemas.ts';
import { createInterchangeService, type InterchangeDeps } from './interchange.service.ts';
import { MAX_UPLOAD_FILES } from './interchange.upload.ts';

export const interchangeRoutes: FastifyPluginAsyncZod<InterchangeDeps> = async (app, deps) => {
  const service = createInterchangeService(deps);
  await app.register(fastifyMultipart, {
    limits: { fileSize: deps.uploadLimit, files: MAX_UPLOAD_FILES, fields: 5, parts: MAX_UPLOAD_FILES + 5 },
  });
  // Any other body reaches the upload handler, which answers 400 in Chinese rather than Fastify's 415.
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  app.post(
    '/api/imports',
    {
      config: { access: ['register.write'] },
      schema: {
        tags: ['interchange'],
        summary: '上传并导入数据集（后台任务）',
        description:
          '以 multipart/form-data 上传：字段 files 中放一个 .xlsx 工作簿，或若干 .csv 文件（文件名即数据文件名）。' +
          '数据集先全部校验，有任何错误则不写入；通过则在一个事务中写入并记一条审计记录。' +
          `导入在后台逐个运行：立即返回任务编号，用 GET /api/imports/{jobId} 查看进度与结果。上传合计不超过 ${sizeText(deps.uploadLimit)}。`,
        consumes: ['multipart/form-data'],
        querystring: importQuery,
        body: uploadBody,
        response: { 202: importAcceptedSchema, ...errorResponses, 413: errorSchema },
      },
    },
    async (request, reply) =>
      reply.code(202).send(await service.startImport(callerOf(request), request, request.query)),
  );

  app.get(
    '/api/imports/:jobId',
    {
      config: { access: ['register.write'] },
      schema: {
        tags: ['interchange'],
        summary: '导入任务：状态、进度，结束后的结果',
        params: jobParams,
        response: { 200: importJobSchema, ...errorResponses },
      },
    },
    (request) => service.importJob(callerOf(request), request.params.jobId),
  );

  app.get(
    '/api/imports/:jobId/report',
    {
      config: { access: ['register.write'] },
      schema: {
        tags: ['interchange'],
        summary: '被拒绝的导入的错误报告（下载）',
        description: '任务结束且发现错误时可下载；任务未结束或没有错误时返回 409。',
        params: jobParams,
        querystring: reportQuery,
        response: {
          200: downloadResponse('错误报告文件（导入错误报告.xlsx 或 .json）', [
            MEDIA_TYPES.xlsx,
            MEDIA_TYPES.json,
          ]),
          ...errorResponses,
          409: errorSchema,
        },
      },
    },
    async (request, reply) =>
      sendDownload(
        reply,
        await service.importReport(callerOf(request), request.params.jobId, request.query.format),
      ),
  );

  app.get(
    '/api/export',
    {
      config: { access: ['export'] },
      schema: {
        tags: ['interchange'],
        summary: '按交换格式导出数据（下载）',
        description:
          '导出为一个 .xlsx 工作簿，或 CSV 文件夹的 .zip 压缩包（数据量超过工作表行数上限时用 zip）。' +
          '导出本区划及下级区划的数据；导出文件含完整的公民身份号码，仅限编办管理员、编办业务员。',
        querystring: exportQuery,
        response: {
          200: downloadResponse('导出的数据集（.xlsx 或 .zip）', [MEDIA_TYPES.xlsx, MEDIA_TYPES.zip]),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => sendDownload(reply, await service.exportData(callerOf(request), request.query)),
  );
};
