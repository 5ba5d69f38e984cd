import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../shared/domain-error.ts';
import { downloadResponse, errorResponses, MEDIA_TYPES, sendDownload } from '../../shared/http.ts';
import { fileSpec } from './dataset.spec.ts';
import { templateWorkbook } from './interchange.templates.ts';

/** 导入模板: every file in one workbook (`all.xlsx`), or one file (`persons.xlsx`). */
export const templateRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/templates/:file',
    {
      config: { access: ['register.write'] },
      schema: {
        tags: ['interchange'],
        summary: '下载导入模板（中文表头；all.xlsx 为全部文件，或如 persons.xlsx 单个文件）',
        params: z.object({ file: z.string().regex(/^[a-z_]+\.xlsx$/, '应为 all.xlsx 或 <文件名>.xlsx') }),
        response: { 200: downloadResponse('导入模板', [MEDIA_TYPES.xlsx]), ...errorResponses },
      },
    },
    async (request, reply) => {
      const name = request.params.file.replace(/\.xlsx$/, '');
      const spec = name === 'all' ? null : fileSpec(name);
      if (spec === undefined)
        throw new DomainError('interchange.unknown_template', `没有名为「${name}」的数据文件`, 'not_found');
      const stream = new PassThrough();
      stream.end(await templateWorkbook(spec?.name));
      return sendDownload(reply, {
        stream,
        contentType: MEDIA_TYPES.xlsx,
        filename: spec ? `导入模板-${spec.label}.xlsx` : '导入模板.xlsx',
        asciiFilename: `template-${name}.xlsx`,
      });
    },
  );
};
