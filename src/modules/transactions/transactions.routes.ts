import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import {
  downloadResponse,
  errorResponses,
  isoDate,
  sendDownload,
  plainText,
  rowId,
} from '../../shared/http.ts';
import { approvalNotice, transactionForm } from './transactions.documents.ts';
import { callerOf } from '../auth/auth.plugin.ts';
import { CHANNELS } from './transactions.model.ts';
import { createTransactionsService, type TransactionsDeps } from './transactions.service.ts';

const idParams = z.object({ id: rowId() });
const text = plainText;
const channel = z.enum(Object.keys(CHANNELS) as [keyof typeof CHANNELS, ...(keyof typeof CHANNELS)[]]);

const planSchema = z.object({
  id: z.number().int(),
  unitCode: z.string(),
  year: z.number().int(),
  state: z.string().describe('submitted 待审批、approved 已批准、rejected 已退回'),
  reason: z.string(),
  decisionNote: z.string().nullable(),
  documentNo: z.string().nullable(),
  lines: z.array(
    z.object({
      id: z.number().int(),
      quotaKind: z.string(),
      channel: z.string(),
      requested: z.number().int().describe('申请数'),
      approved: z.number().int().nullable().describe('核准数'),
      granted: z.number().int().describe('已核准用编（未过期）'),
      used: z.number().int().describe('已入编'),
    }),
  ),
});

/** What a transaction that writes a seat answers (入编, 调动). */
const seated = z.object({
  transactionId: z.number().int(),
  seatId: z.number().int(),
  approvalNumber: z.string().nullable(),
  unitCode: z.string(),
  findingId: z.number().int().nullable().describe('越权办理时登记的问题'),
});

/** A 用编核准 as listed, its state as of today. */
const approvalRow = z.object({
  id: z.number().int(),
  number: z.string(),
  unitCode: z.string(),
  quotaKind: z.string(),
  channel: z.string(),
  personName: z.string().nullable(),
  state: z.string().describe('reserved 待入编、used 已入编、expired 已过期、cancelled 已撤销'),
  approvedOn: z.string(),
  expiresOn: z.string(),
  usedOn: z.string().nullable(),
  cancelledOn: z.string().nullable().describe('撤销日期：自该日起不再占用空编'),
  cancelReason: z.string().nullable(),
  planLineId: z.number().int(),
});

const approvalSchema = z.object({
  id: z.number().int(),
  number: z.string().describe('用编核准文号（编制使用通知单）'),
  unitId: z.number().int(),
  quotaKind: z.string(),
  channel: z.string(),
});

export const transactionsRoutes: FastifyPluginAsyncZod<TransactionsDeps> = async (app, deps) => {
  const flows = createTransactionsService(deps);
  const tags = ['transactions'];

  app.post(
    '/api/staffing-plans',
    {
      config: { access: ['flows.apply'] },
      schema: {
        tags,
        summary: '申报年度用编计划（按编制类型与补充渠道）',
        body: z.object({
          unitCode: text(64),
          year: z.number().int().min(2000).max(2100),
          reason: text(2000).min(1, { error: '请说明用编理由' }),
          lines: z
            .array(
              z.object({
                quotaKind: text(32),
                channel,
                requested: z.number().int().min(1).max(10_000),
                reason: text(500).optional(),
              }),
            )
            .min(1)
            .max(50),
        }),
        response: { 201: planSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await flows.applyPlan(callerOf(request), request.body)),
  );

  app.get(
    '/api/staffing-plans',
    {
      config: { access: ['register.read'] },
      schema: {
        tags,
        summary: '用编计划列表（本区划及下级，单位联络员仅本单位）',
        querystring: z.object({
          unit: text(64).optional(),
          year: z.coerce.number().int().min(2000).max(2100).optional(),
          state: z.enum(['submitted', 'approved', 'rejected']).optional(),
        }),
        response: { 200: z.array(planSchema), ...errorResponses },
      },
    },
    (request) => flows.listPlans(callerOf(request), request.query),
  );

  app.get(
    '/api/quota-use-approvals',
    {
      config: { access: ['register.read'] },
      schema: {
        tags,
        summary: '用编核准列表（状态按今天：待入编、已入编、已过期）',
        querystring: z.object({
          unit: text(64).optional(),
          state: z.enum(['reserved', 'used', 'expired', 'cancelled']).optional(),
        }),
        response: { 200: z.array(approvalRow), ...errorResponses },
      },
    },
    (request) => flows.listApprovals(callerOf(request), request.query),
  );

  app.get(
    '/api/staffing-plans/:id',
    {
      config: { access: ['register.read'] },
      schema: {
        tags,
        summary: '用编计划及其执行情况',
        params: idParams,
        response: { 200: planSchema, ...errorResponses },
      },
    },
    (request) => flows.getPlan(callerOf(request), request.params.id),
  );

  app.post(
    '/api/staffing-plans/:id/decision',
    {
      config: { access: ['flows.approve'] },
      schema: {
        tags,
        summary: '审批用编计划：全部或部分核准（不超过空编），或退回',
        params: idParams,
        body: z.object({
          approve: z.boolean(),
          lines: z
            .array(z.object({ id: rowId(), approved: z.number().int().min(0) }))
            .max(50)
            .optional(),
          note: text(2000).optional(),
          documentNo: text(200).optional(),
        }),
        response: { 200: planSchema, ...errorResponses },
      },
    },
    (request) => flows.decidePlan(callerOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/staffing-plans/:id/amendments',
    {
      config: { access: ['flows.approve'] },
      schema: {
        tags,
        summary: '调整已批准的用编计划（记录理由与文号）',
        params: idParams,
        body: z.object({
          lines: z
            .array(z.object({ id: rowId(), approved: z.number().int().min(0) }))
            .min(1)
            .max(50),
          reason: text(2000).min(1, { error: '请说明调整理由' }),
          documentNo: text(200).min(1, { error: '请填写调整文号' }),
        }),
        response: { 200: planSchema, ...errorResponses },
      },
    },
    (request) => flows.amendPlan(callerOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/quota-use-approvals',
    {
      config: { access: ['flows.approve'] },
      schema: {
        tags,
        summary: '用编核准：依据用编计划占用一个空编，至入编或过期',
        body: z.object({
          planLineId: rowId(),
          personName: text(50).optional(),
          validDays: z.number().int().min(1).max(730).optional().describe('有效天数，默认180'),
        }),
        response: { 201: approvalSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await flows.grantApproval(callerOf(request), request.body)),
  );

  app.post(
    '/api/quota-use-approvals/:id/cancel',
    {
      config: { access: ['flows.approve'] },
      schema: {
        tags,
        summary: '撤销用编核准（仅限未使用、未过期的）：自撤销日期起不再占用空编',
        params: idParams,
        body: z.object({
          cancelledOn: isoDate.describe('撤销日期（核准日期至今天之间）'),
          reason: text(2000).min(1, { error: '请说明撤销理由' }),
        }),
        response: { 200: approvalRow, ...errorResponses, 409: errorResponses[400] },
      },
    },
    (request) => flows.cancelApproval(callerOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/transactions/enter',
    {
      config: { access: ['flows.approve'] },
      schema: {
        tags,
        summary: '入编：依据用编核准写入实名制席位；超编、一人多编、混编混岗等事前拦截',
        body: z.object({
          approvalId: rowId().optional(),
          planLineId: rowId().optional(),
          idNumber: text(18),
          name: text(50),
          category: text(32),
          enteredOn: isoDate,
          education: text(20).optional(),
          documentNo: text(200).optional(),
          unitCode: text(64).optional().describe('无用编核准（越权办理）时：单位'),
          quotaKind: text(32).optional().describe('无用编核准（越权办理）时：编制类型'),
          channel: channel.optional().describe('无用编核准（越权办理）时：进入方式'),
          override: z
            .object({ reason: text(2000), documentNo: text(200) })
            .optional()
            .describe('越权办理（须有越权办理权限）：理由与依据文件文号；放行后登记为问题'),
        }),
        response: {
          201: seated,
          ...errorResponses,
          409: errorResponses[400],
        },
      },
    },
    async (request, reply) => reply.code(201).send(await flows.enter(callerOf(request), request.body)),
  );

  app.post(
    '/api/transactions/appoint',
    {
      config: { access: ['flows.approve'] },
      schema: {
        tags,
        summary: '任职：在编人员任领导职务，待组织部审批后写入；超职数、超规格事前拦截，待审批的任职占用职数',
        body: z.object({
          seatId: rowId(),
          postLevel: text(32),
          postRank: text(32),
          postUnitCode: text(64).optional(),
          validFrom: isoDate,
          documentNo: text(200),
          override: z
            .object({ reason: text(2000), documentNo: text(200) })
            .optional()
            .describe('越权办理（须有越权办理权限）：理由与依据文件文号；放行后登记为问题'),
        }),
        response: {
          201: z.object({
            transactionId: z.number().int(),
            seatId: z.number().int(),
            findingId: z.number().int().nullable(),
            state: z.literal('pending').describe('待组织部审批'),
          }),
          ...errorResponses,
          409: errorResponses[400],
        },
      },
    },
    async (request, reply) => reply.code(201).send(await flows.appoint(callerOf(request), request.body)),
  );

  const done = z.object({ transactionId: z.number().int(), seatId: z.number().int() });
  const refusals = { ...errorResponses, 409: errorResponses[400] };

  app.post(
    '/api/transactions/exit',
    {
      config: { access: ['flows.approve'] },
      schema: {
        tags,
        summary: '出编：退休、调出、辞职、辞退、死亡、开除（席位于该日结束）',
        body: z.object({
          seatId: rowId(),
          exitType: z.enum(['retire', 'transfer_out', 'resign', 'dismiss', 'death', 'expel']),
          exitedOn: isoDate,
          documentNo: text(200),
        }),
        response: { 201: done, ...refusals },
      },
    },
    async (request, reply) => reply.code(201).send(await flows.exit(callerOf(request), request.body)),
  );

  app.post(
    '/api/transactions/transfer',
    {
      config: { access: ['flows.approve'] },
      schema: {
        tags,
        summary: '调动：原单位出编、新单位依据用编核准入编，同日办理，事前检查',
        body: z.object({
          seatId: rowId(),
          approvalId: rowId().describe('调入单位的用编核准'),
          category: text(32).optional(),
          enteredOn: isoDate,
          documentNo: text(200),
          override: z.object({ reason: text(2000), documentNo: text(200) }).optional(),
        }),
        response: {
          201: seated,
          ...refusals,
        },
      },
    },
    async (request, reply) => reply.code(201).send(await flows.transfer(callerOf(request), request.body)),
  );

  app.post(
    '/api/transactions/status',
    {
      config: { access: ['flows.approve'] },
      schema: {
        tags,
        summary: '在岗状态变更（长期病休、挂职、待分配、离岗创业、在岗），自某日起',
        body: z.object({
          seatId: rowId(),
          status: z.enum(['on_post', 'sick_leave', 'attached', 'awaiting', 'startup_leave']),
          validFrom: isoDate,
          documentNo: text(200),
        }),
        response: { 201: done, ...refusals },
      },
    },
    async (request, reply) => reply.code(201).send(await flows.setStatus(callerOf(request), request.body)),
  );

  app.get(
    '/api/transaction-steps',
    {
      config: { access: ['flows.confirm', 'flows.approve'] },
      schema: {
        tags,
        summary: '部门办理环节（部门查询账号只见本部门的环节）',
        querystring: z.object({
          state: z.enum(['pending', 'confirmed', 'returned']).optional(),
          transactionId: rowId().optional(),
          kind: z.enum(['enter', 'transfer', 'exit', 'appoint', 'remove']).optional(),
        }),
        response: {
          200: z.array(
            z.object({
              id: z.number().int(),
              transactionId: z.number().int(),
              kind: z.string(),
              transactionState: z
                .string()
                .describe('completed 已办结、pending 待组织部审批（任免）、returned 已退回（任免，未写入）'),
              unitCode: z.string(),
              effectiveOn: z.string(),
              issuedNo: z.string().nullable(),
              documentNo: z.string().nullable(),
              seatId: z.number().int().nullable(),
              personName: z.string().nullable(),
              postLevel: z.string().nullable().describe('任免：领导职务'),
              postRank: z.string().nullable().describe('任职：职务层次'),
              department: z.string().describe('organization 组织部、hr 人社、finance 财政'),
              state: z.string().describe('pending 待办、confirmed 已确认、returned 已退回'),
              actor: z.string().nullable(),
              at: z.string().nullable(),
              note: z.string().nullable(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    (request) => flows.steps(callerOf(request), request.query),
  );

  app.post(
    '/api/transaction-steps/:id/decision',
    {
      config: { access: ['flows.confirm'] },
      schema: {
        tags,
        summary:
          '确认或退回本部门的办理环节（财政确认即工资统发已调整；组织部确认任免时再次检查并写入，退回则不写入）',
        params: idParams,
        body: z.object({ confirm: z.boolean(), note: text(2000).optional() }),
        response: {
          200: z.object({
            id: z.number().int(),
            state: z.string(),
            transactionState: z.string().describe('completed 已办结（任免已写入）、returned 已退回'),
          }),
          ...refusals,
        },
      },
    },
    (request) => flows.decideStep(callerOf(request), request.params.id, request.body),
  );

  const controlled = z.array(
    z.object({
      unitCode: z.string(),
      unitName: z.string().nullable(),
      reason: z.string(),
      documentNo: z.string(),
      addedBy: z.string(),
      addedAt: z.string(),
    }),
  );
  const unitParams = z.object({ unitCode: text(64) });

  app.get(
    '/api/control-list',
    {
      config: { access: ['register.read'] },
      schema: { tags, summary: '用编事项管控清单', response: { 200: controlled, ...errorResponses } },
    },
    (request) => flows.controlList(callerOf(request)),
  );

  app.put(
    '/api/control-list/:unitCode',
    {
      config: { access: ['flows.approve'] },
      schema: {
        tags,
        summary: '将单位列入用编事项管控清单（其入编须先办理用编核准）',
        params: unitParams,
        body: z.object({ reason: text(500), documentNo: text(200) }),
        response: { 200: controlled, ...refusals },
      },
    },
    (request) => flows.setControlled(callerOf(request), request.params.unitCode, request.body),
  );

  app.delete(
    '/api/control-list/:unitCode',
    {
      config: { access: ['flows.approve'] },
      schema: {
        tags,
        summary: '将单位移出用编事项管控清单',
        params: unitParams,
        response: { 200: controlled, ...refusals },
      },
    },
    (request) => flows.setControlled(callerOf(request), request.params.unitCode, null),
  );

  app.post(
    '/api/transactions/remove',
    {
      config: { access: ['flows.approve'] },
      schema: {
        tags,
        summary: '免职：席位上的领导职务于该日结束，待组织部审批后写入',
        body: z.object({ seatId: rowId(), validFrom: isoDate, documentNo: text(200) }),
        response: {
          201: done.extend({ state: z.literal('pending').describe('待组织部审批') }),
          ...refusals,
        },
      },
    },
    async (request, reply) => reply.code(201).send(await flows.remove(callerOf(request), request.body)),
  );

  app.post(
    '/api/secondments',
    {
      config: { access: ['flows.approve'] },
      schema: {
        tags,
        summary: '借调：从编制所在单位借调到另一单位，至结束日期',
        body: z.object({
          seatId: rowId(),
          toUnitCode: text(64),
          startOn: isoDate,
          endOn: isoDate,
          documentNo: text(200),
        }),
        response: {
          201: z.object({ transactionId: z.number().int(), secondmentId: z.number().int() }),
          ...refusals,
        },
      },
    },
    async (request, reply) => reply.code(201).send(await flows.second(callerOf(request), request.body)),
  );

  app.post(
    '/api/secondments/:id/end',
    {
      config: { access: ['flows.approve'] },
      schema: {
        tags,
        summary: '借调延期（extendTo）或归还（returnedOn）',
        params: idParams,
        body: z.object({
          extendTo: isoDate.optional(),
          returnedOn: isoDate.optional(),
          documentNo: text(200),
        }),
        response: {
          200: z.object({ transactionId: z.number().int(), secondmentId: z.number().int() }),
          ...refusals,
        },
      },
    },
    (request) => flows.endSecondment(callerOf(request), request.params.id, request.body),
  );

  const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  const sendDocx = (reply: FastifyReply, file: { content: Buffer; fileName: string }, ascii: string) =>
    sendDownload(reply, {
      stream: Readable.from([file.content]),
      contentType: DOCX,
      filename: file.fileName,
      asciiFilename: ascii,
    });

  app.get(
    '/api/quota-use-approvals/:id/docx',
    {
      config: { access: ['register.read'] },
      schema: {
        tags,
        summary: '编制使用通知单（Word 文档）',
        params: idParams,
        response: { 200: downloadResponse('编制使用通知单 .docx', [DOCX]), ...errorResponses },
      },
    },
    async (request, reply) =>
      sendDocx(
        reply,
        await approvalNotice(deps.database.db, callerOf(request), request.params.id),
        `approval-${request.params.id}.docx`,
      ),
  );

  app.get(
    '/api/transactions/:id/docx',
    {
      config: { access: ['register.read'] },
      schema: {
        tags,
        summary: '入编审批表或出编通知单（Word 文档）',
        params: idParams,
        response: { 200: downloadResponse('入编审批表 / 出编通知单 .docx', [DOCX]), ...errorResponses },
      },
    },
    async (request, reply) =>
      sendDocx(
        reply,
        await transactionForm(deps.database.db, deps.idCipher, callerOf(request), request.params.id),
        `transaction-${request.params.id}.docx`,
      ),
  );
};
