import { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayOf } from '../../shared/dates.ts';
import {
  downloadResponse,
  errorResponses,
  isoDate,
  MEDIA_TYPES,
  sendDownload,
  plainText,
  rowId,
} from '../../shared/http.ts';
import { EXPORT_LIMIT, findingsWorkbook } from './findings.export.ts';
import { callerOf } from '../auth/auth.plugin.ts';
import {
  detailSchema,
  evidenceSchema,
  findingSchema,
  idParams,
  listQuery,
  noticeSchema,
  registerBody,
} from './findings.schemas.ts';
import { EVIDENCE_FILES, EVIDENCE_LIMIT, receiveEvidence } from './findings.upload.ts';
import { createNoticeService, noticeDocx } from './findings.notice.ts';
import { createFindingsService, type FindingsDeps } from './findings.service.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const text = plainText;

function sendFile(
  reply: FastifyReply,
  content: Buffer,
  contentType: string,
  filename: string,
  ascii: string,
) {
  return sendDownload(reply, {
    stream: Readable.from([content]),
    contentType,
    filename,
    asciiFilename: ascii,
  });
}

export const findingsRoutes: FastifyPluginAsyncZod<FindingsDeps> = async (app, deps) => {
  const findings = createFindingsService(deps);
  const notices = createNoticeService(deps);
  await app.register(fastifyMultipart, {
    limits: { fileSize: EVIDENCE_LIMIT, files: EVIDENCE_FILES, fields: 2, parts: EVIDENCE_FILES + 2 },
    throwFileSizeLimit: true,
  });
  const tags = ['findings'];

  app.post(
    '/api/findings',
    {
      config: { access: ['findings.manage'] },
      schema: {
        tags,
        summary: '挂号建账：从预警或其他来源登记问题',
        body: registerBody,
        response: { 201: findingSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await findings.register(callerOf(request), request.body)),
  );

  app.get(
    '/api/findings',
    {
      config: { access: ['register.read'] },
      schema: {
        tags,
        summary: '问题台账（本区划及下级，单位联络员仅本单位）',
        querystring: listQuery,
        response: {
          200: z.object({
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
            items: z.array(findingSchema),
          }),
          ...errorResponses,
        },
      },
    },
    (request) => findings.list(callerOf(request), request.query),
  );

  app.get(
    '/api/findings/export',
    {
      config: { access: ['register.read'] },
      schema: {
        tags,
        summary: '问题台账导出（Excel，筛选条件同列表）',
        querystring: listQuery.omit({ page: true, pageSize: true }),
        response: { 200: downloadResponse('问题台账 .xlsx', [MEDIA_TYPES.xlsx]), ...errorResponses },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const list = await findings.list(caller, { ...request.query, page: 1, pageSize: EXPORT_LIMIT });
      const today = todayOf(deps.clock);
      const content = await findingsWorkbook(
        `问题台账（导出日期 ${today}，共 ${list.total} 条）`,
        list.items,
        list.total > list.items.length,
      );
      return sendFile(reply, content, MEDIA_TYPES.xlsx, `问题台账-${today}.xlsx`, `findings-${today}.xlsx`);
    },
  );

  app.get(
    '/api/findings/summary',
    {
      config: { access: ['register.read'] },
      schema: {
        tags,
        summary: '问题台账统计：按状态、单位、月份',
        response: {
          200: z.object({
            total: z.number().int(),
            overdue: z.number().int(),
            byState: z.array(z.object({ state: z.string(), count: z.number().int() })),
            byUnit: z.array(
              z.object({
                unitCode: z.string(),
                unitName: z.string().nullable(),
                open: z.number().int(),
                closed: z.number().int(),
              }),
            ),
            byMonth: z.array(
              z.object({ month: z.string(), registered: z.number().int(), closed: z.number().int() }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    (request) => findings.summary(callerOf(request)),
  );

  app.get(
    '/api/findings/reminders',
    {
      config: { access: ['register.read'] },
      schema: {
        tags,
        summary: '我的提醒：逾期、即将到期、退回、待核验的问题',
        response: {
          200: z.array(
            z.object({
              kind: z.enum(['overdue', 'due_soon', 'returned', 'to_verify', 'deferral_ended', 'reopened']),
              findingId: z.number().int(),
              number: z.string(),
              unitCode: z.string().nullable(),
              category: z.string(),
              deadline: z.string(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    (request) => findings.reminders(callerOf(request)),
  );

  app.get(
    '/api/findings/:id',
    {
      config: { access: ['register.read'] },
      schema: {
        tags,
        summary: '问题详情：经过、整改措施、佐证材料',
        params: idParams,
        response: { 200: detailSchema, ...errorResponses },
      },
    },
    (request) => findings.get(callerOf(request), request.params.id),
  );

  app.post(
    '/api/findings/:id/rectification',
    {
      config: { access: ['findings.rectify'] },
      schema: {
        tags,
        summary: '报送整改措施；submit 为 true 时同时提交核验',
        params: idParams,
        body: z.object({ measures: text(5000), submit: z.boolean().default(false) }),
        response: { 200: findingSchema, ...errorResponses },
      },
    },
    (request) => findings.rectify(callerOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/findings/:id/evidence',
    {
      config: { access: ['findings.rectify'] },
      schema: {
        tags,
        summary: '上传佐证材料（multipart，字段 files；同名文件保存为新版本，记录 SM3 摘要）',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: { 201: z.array(evidenceSchema), ...errorResponses },
      },
    },
    async (request, reply) => {
      const files = await receiveEvidence(request);
      return reply.code(201).send(await findings.addEvidence(callerOf(request), request.params.id, files));
    },
  );

  app.get(
    '/api/findings/:id/evidence/:evidenceId',
    {
      config: { access: ['register.read'] },
      schema: {
        tags,
        summary: '下载佐证材料',
        params: idParams.extend({ evidenceId: rowId() }),
        response: { 200: downloadResponse('佐证材料原件', ['application/octet-stream']), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await findings.evidenceFile(
        callerOf(request),
        request.params.id,
        request.params.evidenceId,
      );
      reply.header('x-content-sm3', file.sm3).header('x-content-type-options', 'nosniff');
      return sendFile(
        reply,
        file.content,
        file.mediaType,
        file.fileName,
        `evidence-${request.params.evidenceId}`,
      );
    },
  );

  app.post(
    '/api/findings/:id/verification',
    {
      config: { access: ['findings.manage'] },
      schema: {
        tags,
        summary: '对号结账：核验通过则销号，未通过则退回整改（核验人须不同于登记人）',
        params: idParams,
        body: z.object({ passed: z.boolean(), note: text(2000).default('') }),
        response: { 200: findingSchema, ...errorResponses },
      },
    },
    (request) => findings.verify(callerOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/findings/:id/deferral',
    {
      config: { access: ['findings.manage'] },
      schema: {
        tags,
        summary: '暂缓整改（须说明理由与暂缓至日期）',
        params: idParams,
        body: z.object({ reason: text(2000), until: isoDate }),
        response: { 200: findingSchema, ...errorResponses },
      },
    },
    (request) => findings.defer(callerOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/findings/:id/resumption',
    {
      config: { access: ['findings.manage'] },
      schema: {
        tags,
        summary: '结束暂缓，恢复整改（可重定整改期限）',
        params: idParams,
        body: z.object({ note: text(2000).optional(), deadline: isoDate.optional() }),
        response: { 200: findingSchema, ...errorResponses },
      },
    },
    (request) => findings.resume(callerOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/findings/:id/reopening',
    {
      config: { access: ['findings.manage'] },
      schema: {
        tags,
        summary: '重新打开已销号的问题（须说明理由）',
        params: idParams,
        body: z.object({ reason: text(2000) }),
        response: { 200: findingSchema, ...errorResponses },
      },
    },
    (request) => findings.reopen(callerOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/finding-notices',
    {
      config: { access: ['findings.manage'] },
      schema: {
        tags,
        summary: '下发整改通知书（生成文号）',
        body: z.object({
          unitCode: text(64),
          findingIds: z.array(rowId()).min(1).max(200),
          deadline: isoDate.optional(),
        }),
        response: { 201: noticeSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await notices.issue(callerOf(request), request.body)),
  );

  app.get(
    '/api/finding-notices',
    {
      config: { access: ['register.read'] },
      schema: {
        tags,
        summary: '整改通知书列表',
        querystring: z.object({ unit: text(64).optional() }),
        response: {
          200: z.array(
            z.object({
              id: z.number().int(),
              documentNo: z.string(),
              unitCode: z.string(),
              issuedOn: z.string(),
              deadline: z.string(),
              findings: z.number().int(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    (request) => notices.list(callerOf(request), request.query.unit),
  );

  app.get(
    '/api/finding-notices/:id/docx',
    {
      config: { access: ['register.read'] },
      schema: {
        tags,
        summary: '整改通知书（Word 文档）',
        params: idParams,
        response: { 200: downloadResponse('整改通知书 .docx', [DOCX]), ...errorResponses },
      },
    },
    async (request, reply) => {
      const notice = await notices.get(callerOf(request), request.params.id);
      const content = await noticeDocx(notice);
      return sendFile(
        reply,
        content,
        DOCX,
        `整改通知书-${notice.documentNo}.docx`,
        `notice-${notice.id}.docx`,
      );
    },
  );
};
