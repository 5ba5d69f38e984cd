import { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { downloadResponse, errorResponses, rowId, sendDownload } from '../../shared/http.ts';
import { callerOf } from '../auth/auth.plugin.ts';
import { EVIDENCE_FILES, EVIDENCE_LIMIT, receiveEvidence } from '../findings/findings.upload.ts';
import { ProposalInputError } from './proposals.errors.ts';
import {
  appraisalBody,
  checkBody,
  consultBody,
  decideBody,
  idParams,
  implementBody,
  listQuery,
  proposalDetailSchema,
  proposalListSchema,
  submitBody,
} from './proposals.schemas.ts';
import { createProposalsService, type ProposalsDeps } from './proposals.service.ts';

export const proposalsRoutes: FastifyPluginAsyncZod<ProposalsDeps> = async (app, deps) => {
  const proposals = createProposalsService(deps);
  await app.register(fastifyMultipart, {
    limits: { fileSize: EVIDENCE_LIMIT, files: EVIDENCE_FILES, fields: 2, parts: EVIDENCE_FILES + 2 },
    throwFileSizeLimit: true,
  });
  const tags = ['proposals'];
  const detail = { 200: proposalDetailSchema, ...errorResponses };

  app.get(
    '/api/proposals',
    {
      config: { access: ['register.read'] },
      schema: {
        tags,
        summary: '动议事项列表（本人管辖区划；单位联络员只见本单位提出的）',
        querystring: listQuery,
        response: { 200: proposalListSchema, ...errorResponses },
      },
    },
    (request) => proposals.list(callerOf(request), request.query),
  );

  app.post(
    '/api/proposals',
    {
      config: { access: ['proposals.submit'] },
      schema: {
        tags,
        summary:
          '提出动议：调整什么（设立、撤销、合并、分设、更名、升格/降格、加挂牌子、合署、职责调整、编制核增/核减/划转、领导职数、三定修订）和理由',
        body: submitBody,
        response: { 201: proposalDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await proposals.submit(callerOf(request), request.body)),
  );

  app.get(
    '/api/proposals/:id',
    {
      config: { access: ['register.read'] },
      schema: {
        tags,
        summary: '动议事项：事项、论证、意见、材料、决定、过程检查和全程记录',
        params: idParams,
        response: detail,
      },
    },
    (request) => proposals.detail(callerOf(request), request.params.id),
  );

  app.post(
    '/api/proposals/:id/appraisal',
    {
      config: { access: ['proposals.manage'] },
      schema: {
        tags,
        summary: '论证：合理性、必要性、可行性的评分（0–100）和意见',
        params: idParams,
        body: appraisalBody,
        response: detail,
      },
    },
    (request) => proposals.appraise(callerOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/proposals/:id/consultations',
    {
      config: { access: ['proposals.manage'] },
      schema: {
        tags,
        summary: '征求意见：记录一个部门的意见',
        params: idParams,
        body: consultBody,
        response: detail,
      },
    },
    (request) => proposals.consult(callerOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/proposals/:id/files',
    {
      config: { access: ['proposals.manage'] },
      schema: {
        tags,
        summary: '上传调研报告等材料（multipart，字段 files；记录 SM3 摘要）',
        params: idParams,
        consumes: ['multipart/form-data'],
        response: detail,
      },
    },
    async (request) => {
      const files = await receiveEvidence(request);
      if (files.length !== 1) throw new ProposalInputError('请一次上传一个文件');
      const [file] = files;
      return proposals.addFile(callerOf(request), request.params.id, {
        fileName: file!.fileName,
        contentType: file!.mediaType,
        content: file!.content,
      });
    },
  );

  app.get(
    '/api/proposals/:id/files/:fileId',
    {
      config: { access: ['register.read'] },
      schema: {
        tags,
        summary: '下载材料',
        params: idParams.extend({ fileId: rowId() }),
        response: { 200: downloadResponse('材料原件', ['application/octet-stream']), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await proposals.file(callerOf(request), request.params.id, request.params.fileId);
      reply.header('x-content-type-options', 'nosniff');
      return sendDownload(reply, {
        stream: Readable.from([file.content]),
        contentType: file.contentType,
        filename: file.fileName,
        asciiFilename: `proposal-file-${request.params.fileId}`,
      });
    },
  );

  app.post(
    '/api/proposals/:id/decision',
    {
      config: { access: ['proposals.manage'] },
      schema: {
        tags,
        summary: '审议决定：同意、修改后同意（列明修改后的事项）、不同意、暂缓；会议、日期和文号',
        params: idParams,
        body: decideBody,
        response: detail,
      },
    },
    (request) => proposals.decide(callerOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/proposals/:id/implementation',
    {
      config: { access: ['proposals.manage'] },
      schema: {
        tags,
        summary: '组织实施：按生效日期一次写入机构沿革和编制、职数台账（任何一项不能实施则全部不写）',
        params: idParams,
        body: implementBody,
        response: detail,
      },
    },
    (request) => proposals.implement(callerOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/proposals/:id/checklist',
    {
      config: { access: ['proposals.manage'] },
      schema: {
        tags,
        summary: '过程检查：核对 12 个方面中的一项',
        params: idParams,
        body: checkBody,
        response: detail,
      },
    },
    (request) => proposals.check(callerOf(request), request.params.id, request.body),
  );
};
