import type { Readable } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { type Clock, todayOf } from './dates.ts';
import { DomainError, type DomainErrorKind } from './domain-error.ts';

/** What the route plugins are given: the database and the clock "as of" defaults to. */
export interface ApiDeps {
  db: Db;
  clock: Clock;
}

/** A calendar date PostgreSQL accepts too (year 0001 to 9999). */
export const isoDate = z.iso
  .date({ error: '应为有效日期（YYYY-MM-DD）' })
  .refine((date) => date >= '0001-01-01', '应为有效日期（YYYY-MM-DD，年份 0001–9999）');

export const asOfQuery = z.object({
  asOf: isoDate.optional().describe('查询日期（YYYY-MM-DD），默认今天'),
});

/** The date a request asks about, or today. */
export function asOfOr(asOf: string | undefined, clock: Clock): string {
  return asOf ?? todayOf(clock);
}

/** A row id: a positive 32-bit integer, so a larger number is a 400, never a database error. */
export const rowId = () => z.coerce.number().int().positive().max(2_147_483_647);

/** Free text up to `max` characters, without the NUL character PostgreSQL cannot store. */
export const plainText = (max: number) =>
  z
    .string()
    .max(max, { error: `不超过${max}字` })
    .refine((value) => !value.includes('\u0000'), { error: '不能含空字符' });

export const codeParams = z.object({ code: z.string().min(1).max(64).describe('代码') });

export const errorSchema = z
  .object({
    code: z.string().describe('稳定的错误代码，如 org.unit_not_found'),
    message: z.string().describe('中文说明'),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .describe('错误');

/** The error responses every protected route may give (401 without a session, 403 without the right). */
export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  500: errorSchema,
} as const;

/** A file the client downloads: streamed, never held in memory whole. */
export interface Download {
  stream: Readable;
  contentType: string;
  /** The name the browser saves it under (may be Chinese). */
  filename: string;
  /** The same in ASCII, for clients that do not read RFC 5987's `filename*`. */
  asciiFilename: string;
}

export const MEDIA_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
  json: 'application/json; charset=utf-8',
} as const;

/** A 200 response that is a file: documented as binary in the OpenAPI document, never serialised. */
export function downloadResponse(description: string, mediaTypes: string[]) {
  const binary = z.any().meta({ type: 'string', format: 'binary' });
  return {
    description,
    content: Object.fromEntries(mediaTypes.map((type) => [type.split(';')[0]!, { schema: binary }])),
  };
}

/**
 * `attachment` with the name twice: plain ASCII for old clients, and UTF-8 per RFC 5987 / RFC 6266
 * (`filename*=UTF-8''…`), which every current browser prefers, so a Chinese name arrives intact.
 */
export function contentDisposition(filename: string, asciiFilename: string): string {
  const ascii = asciiFilename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function sendDownload(reply: FastifyReply, download: Download) {
  return reply
    .type(download.contentType)
    .header('content-disposition', contentDisposition(download.filename, download.asciiFilename))
    .send(download.stream);
}

const STATUS_OF: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  locked: 423,
};

const PART_LABEL: Record<string, string> = {
  querystring: '查询参数',
  params: '路径参数',
  body: '请求体',
  headers: '请求头',
};

/** Turns anything a handler throws into `{ code, message }` with a Chinese message; never a crash. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const part = PART_LABEL[error.validationContext ?? ''] ?? '请求';
    const issues = error.validation.map((issue) => ({
      path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
      message: issue.message ?? '无效',
    }));
    const detail = issues.map((issue) => `${issue.path || part} ${issue.message}`).join('；');
    return reply.code(400).send({ code: 'request.invalid', message: `${part}有误：${detail}`, issues });
  }
  if (error instanceof DomainError)
    return reply.code(STATUS_OF[error.kind]).send({ code: error.code, message: error.message });
  if (!isResponseSerializationError(error) && error.statusCode && error.statusCode < 500)
    return reply
      .code(error.statusCode)
      .send({ code: 'request.invalid', message: `请求有误（${error.message}）` });
  request.log.error({ err: error }, 'request failed');
  return reply.code(500).send({ code: 'internal', message: '服务器内部错误，请稍后重试或联系管理员' });
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply) {
  return reply
    .code(404)
    .send({ code: 'route.not_found', message: `接口不存在：${request.method} ${request.url.split('?')[0]}` });
}
