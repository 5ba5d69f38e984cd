import { DomainError } from '../../shared/domain-error.ts';
import { FILES } from './dataset.spec.ts';

const DATASET_FILES = FILES.map((f) => `${f.name}.csv`).join('、');

export class NotMultipartError extends DomainError {
  constructor() {
    super(
      'interchange.upload_not_multipart',
      '请以 multipart/form-data 表单上传数据集：文件放在字段 files 中',
      'invalid',
    );
  }
}

export class MalformedUploadError extends DomainError {
  constructor() {
    super(
      'interchange.upload_malformed',
      '上传的表单不完整或格式有误（multipart/form-data），请重新上传',
      'invalid',
    );
  }
}

export class UploadFieldError extends DomainError {
  constructor(field: string) {
    super('interchange.upload_field', `表单中只应有文件字段 files，不应有「${field}」`, 'invalid');
  }
}

export class UploadFileTypeError extends DomainError {
  constructor(filename: string) {
    super(
      'interchange.upload_file_type',
      filename
        ? `只接受一个 .xlsx 工作簿或若干 .csv 文件，不接受「${filename}」`
        : '上传的文件缺少文件名：CSV 文件的名称就是数据文件名（如 units.csv）',
      'invalid',
    );
  }
}

export class MixedUploadError extends DomainError {
  constructor() {
    super(
      'interchange.upload_mixed',
      '一次只能上传一个 .xlsx 工作簿，或若干 .csv 文件，不能混合上传',
      'invalid',
    );
  }
}

export class UnknownUploadFileError extends DomainError {
  constructor(filename: string) {
    super(
      'interchange.upload_unknown_file',
      `未知的数据文件「${filename}」：CSV 文件名应为 ${DATASET_FILES} 之一`,
      'invalid',
    );
  }
}

export class DuplicateUploadFileError extends DomainError {
  constructor(filename: string) {
    super('interchange.upload_duplicate_file', `数据文件「${filename}」上传了不止一次`, 'invalid');
  }
}

export class EmptyUploadError extends DomainError {
  constructor() {
    super(
      'interchange.upload_empty',
      '请上传数据集：一个 .xlsx 工作簿或若干 .csv 文件，放在表单字段 files 中',
      'invalid',
    );
  }
}

export class TooManyPartsError extends DomainError {
  constructor(files: number) {
    super('interchange.upload_too_many_files', `一次最多上传 ${files} 个文件`, 'invalid');
  }
}

export class UploadTooLargeError extends DomainError {
  constructor(limit: number) {
    super(
      'interchange.upload_too_large',
      `上传的数据集超过 ${sizeText(limit)}：更大的数据集请在服务器上用命令行 bianzhi import 导入`,
      'too_large',
    );
  }
}

export class ImportJobNotFoundError extends DomainError {
  constructor(id: string) {
    super('interchange.job_not_found', `导入任务 ${id} 不存在或已过期`, 'not_found');
  }
}

export class ImportNotFinishedError extends DomainError {
  constructor() {
    super('interchange.job_not_finished', '导入任务尚未结束：结束后才有错误报告', 'conflict');
  }
}

export class NoErrorReportError extends DomainError {
  constructor() {
    super('interchange.no_error_report', '该导入任务没有发现数据错误，没有错误报告', 'conflict');
  }
}

export class ExportForbiddenError extends DomainError {
  constructor() {
    super('interchange.export_forbidden', '无权导出：导出的数据含完整的公民身份号码', 'forbidden');
  }
}

export function sizeText(bytes: number): string {
  if (bytes >= 1 << 30) return `${+(bytes / (1 << 30)).toFixed(1)} GB`;
  if (bytes >= 1 << 20) return `${+(bytes / (1 << 20)).toFixed(1)} MB`;
  if (bytes >= 1 << 10) return `${+(bytes / (1 << 10)).toFixed(1)} KB`;
  return `${bytes} 字节`;
}
