import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Multipart } from '@fastify/multipart';
import { DomainError } from '../../shared/domain-error.ts';
import { openCsvFolder } from './csv-source.ts';
import { FILES, fileSpec } from './dataset.spec.ts';
import {
  DuplicateUploadFileError,
  EmptyUploadError,
  MalformedUploadError,
  MixedUploadError,
  NotMultipartError,
  TooManyPartsError,
  UnknownUploadFileError,
  UploadFieldError,
  UploadFileTypeError,
  UploadTooLargeError,
} from './interchange.errors.ts';
import type { DatasetSource } from './source.ts';
import { openWorkbook } from './xlsx-source.ts';

/** The form field that carries the dataset's files. */
export const UPLOAD_FIELD = 'files';

/** A dataset has at most one CSV file per kind of file. */
export const MAX_UPLOAD_FILES = FILES.length;

/** What an upload is read from: a Fastify request with @fastify/multipart registered is one. */
export interface MultipartRequest {
  isMultipart(): boolean;
  parts(): AsyncIterableIterator<Multipart>;
}

/** A dataset received into a folder of the server's own. */
export interface UploadedDataset {
  format: 'csv' | 'xlsx';
  /** The folder of CSV files, or the workbook. */
  path: string;
  /** The files as the client named them. */
  names: string[];
}

/**
 * Streams the files of a multipart upload into `folder`: one `.xlsx` workbook, or CSV files named
 * after the dataset's files (`units.csv` …). Nothing is held in memory whole; past `limit` bytes in
 * all, the upload stops with 413. A name that cannot be part of a dataset stops it with 400 before
 * its bytes are read.
 */
export async function receiveUpload(
  request: MultipartRequest,
  folder: string,
  limit: number,
): Promise<UploadedDataset> {
  if (!request.isMultipart()) throw new NotMultipartError();
  await mkdir(folder, { recursive: true });
  const names: string[] = [];
  let format: UploadedDataset['format'] | undefined;
  let workbook = '';
  const received = { bytes: 0 };
  const parts = request.parts();
  for (;;) {
    const step = await parts.next().catch((error: unknown) => {
      throw uploadError(error, limit);
    });
    if (step.done) break;
    const part = step.value;
    if (part.type !== 'file' || part.fieldname !== UPLOAD_FIELD) throw new UploadFieldError(part.fieldname);
    // Typed as a string, but a part sent as a file without a name (application/octet-stream) has none.
    const name = (part.filename ?? '').trim();
    const kind = /\.xlsx$/i.test(name) ? 'xlsx' : /\.csv$/i.test(name) ? 'csv' : undefined;
    if (!kind) throw new UploadFileTypeError(name);
    if (format === 'xlsx' || (format && kind !== format)) throw new MixedUploadError();
    format = kind;
    let target: string;
    if (kind === 'xlsx') {
      workbook = join(folder, safeFileName(name));
      target = workbook;
    } else {
      const spec = fileSpec(name.replace(/\.csv$/i, ''));
      if (!spec) throw new UnknownUploadFileError(name);
      target = join(folder, `${spec.name}.csv`);
      if (names.some((taken) => taken.replace(/\.csv$/i, '') === spec.name))
        throw new DuplicateUploadFileError(name);
    }
    names.push(name);
    await save(part.file, target, received, limit);
  }
  if (!format) throw new EmptyUploadError();
  return { format, path: format === 'xlsx' ? workbook : folder, names };
}

/** The dataset as the importer reads it, named in the audit log by what the client sent. */
export function openUpload(upload: UploadedDataset): DatasetSource {
  const source = upload.format === 'xlsx' ? openWorkbook(upload.path) : openCsvFolder(upload.path);
  return { ...source, path: `上传：${upload.names.join('、')}` };
}

async function save(
  file: Readable & { truncated?: boolean },
  target: string,
  received: { bytes: number },
  limit: number,
): Promise<void> {
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received.bytes += chunk.length;
      done(received.bytes > limit ? new UploadTooLargeError(limit) : null, chunk);
    },
  });
  try {
    await pipeline(file, count, createWriteStream(target));
  } catch (error) {
    // The disk's errors are the server's (500); the stream's are a broken upload.
    if (error instanceof DomainError || (error as NodeJS.ErrnoException).syscall) throw error;
    throw new MalformedUploadError();
  }
  // Busboy stops a file at its own limit without an error, marking it truncated.
  if (file.truncated) throw new UploadTooLargeError(limit);
}

/** @fastify/multipart's errors (English, 406/413/500) as ours. */
function uploadError(error: unknown, limit: number): Error {
  if (error instanceof DomainError) return error;
  switch ((error as { code?: string }).code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new UploadTooLargeError(limit);
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new TooManyPartsError(MAX_UPLOAD_FILES);
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new NotMultipartError();
    default:
      return new MalformedUploadError();
  }
}

/** A client's file name as a name in our folder: no separators or characters a file system refuses. */
function safeFileName(name: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_');
  return cleaned.length > 120 ? `${cleaned.slice(0, 115)}.xlsx` : cleaned;
}
