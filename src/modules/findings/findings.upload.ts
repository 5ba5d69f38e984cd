import type { FastifyRequest } from 'fastify';
import { FindingInputError } from './findings.errors.ts';
import type { EvidenceFile } from './findings.service.ts';

// Evidence files as the browser sends them: their limits, names and media types.

/** The largest evidence file kept (20 MiB) and how many may go in one upload. */
export const EVIDENCE_LIMIT = 20 << 20;
export const EVIDENCE_FILES = 10;

/** The evidence types kept with their own media type; anything else is served as a plain download. */
const EVIDENCE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  ofd: 'application/ofd',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
};

/** The media type an evidence file is kept and served with: by its extension, never the browser's word. */
export function evidenceMediaType(fileName: string): string {
  const extension = fileName.split('.').pop()?.toLowerCase() ?? '';
  return EVIDENCE_TYPES[extension] ?? 'application/octet-stream';
}

/** A file name safe to store and to send back: no path, no control characters, at most 200 characters. */
export function safeEvidenceName(name: string): string {
  return (
    name
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .replace(/[\\/]/g, '_')
      .trim()
      .slice(-200)
  );
}

/** The files of a multipart upload (field `files`), each read whole, with Chinese errors for what is refused. */
export async function receiveEvidence(request: FastifyRequest): Promise<EvidenceFile[]> {
  if (!request.isMultipart()) throw new FindingInputError('请以 multipart/form-data 上传文件（字段 files）');
  const files: EvidenceFile[] = [];
  try {
    for await (const part of request.files()) {
      const content = await part.toBuffer();
      const fileName = safeEvidenceName(part.filename ?? '');
      if (!fileName) throw new FindingInputError('上传的文件缺少文件名');
      files.push({ fileName, mediaType: evidenceMediaType(fileName), content });
    }
  } catch (error) {
    if (error instanceof FindingInputError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new FindingInputError(`单个佐证材料不能超过 ${EVIDENCE_LIMIT >> 20} MB`);
    if (code === 'FST_FILES_LIMIT') throw new FindingInputError(`一次最多上传 ${EVIDENCE_FILES} 个文件`);
    throw new FindingInputError(`上传失败：${(error as Error).message}`);
  }
  return files;
}
