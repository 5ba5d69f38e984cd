import { existsSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { openCsvFolder } from '../../modules/interchange/csv-source.ts';
import { fileSpec } from '../../modules/interchange/dataset.spec.ts';
import { formatImportError } from '../../modules/interchange/import.errors.ts';
import { type ImportProgress, importDataset } from '../../modules/interchange/import.service.ts';
import { writeErrorReport } from '../../modules/interchange/report-writer.ts';
import type { DatasetSource } from '../../modules/interchange/source.ts';
import { openWorkbook } from '../../modules/interchange/xlsx-source.ts';
import { isIsoDate } from '../../shared/dates.ts';
import { type Command, ReportedError, UsageError } from '../cli.ts';
import { progressLine } from '../progress.ts';

const SHOWN_ERRORS = 50;

export function openDataset(path: string): DatasetSource {
  if (!existsSync(path)) throw new ReportedError(`找不到数据集：${path}`);
  if (statSync(path).isDirectory()) return openCsvFolder(path);
  if (/\.xlsx$/i.test(path)) return openWorkbook(path);
  throw new ReportedError(`数据集应为 CSV 文件夹或 .xlsx 工作簿：${path}`);
}

export const importCommand: Command = {
  name: 'import',
  usage:
    'bianzhi import <文件夹|文件.xlsx> [--dry-run] [--report <文件.json|.xlsx>] [--effective-on YYYY-MM-DD]',
  summary: '校验并导入数据集（全部成功或全部不写入）',
  options: {
    'dry-run': { type: 'boolean' },
    report: { type: 'string' },
    'effective-on': { type: 'string' },
  },
  async run({ values, positionals }, context) {
    const [path, ...extra] = positionals;
    if (!path || extra.length) throw new UsageError(`请给出一个数据集\n用法: ${this.usage}`);
    const effectiveOn = values['effective-on'] as string | undefined;
    if (effectiveOn !== undefined && !isIsoDate(effectiveOn))
      throw new UsageError(`--effective-on 应为日期 YYYY-MM-DD：${effectiveOn}`);
    const report = values.report as string | undefined;
    if (report !== undefined && !/\.(json|xlsx)$/i.test(report))
      throw new UsageError('--report 的文件应以 .json 或 .xlsx 结尾');
    const source = openDataset(path);
    const opened = await context.open();
    const { io } = context;
    const progress = progressLine(io.stderr);
    try {
      const result = await importDataset(opened, source, {
        actor: `cli:${userInfo().username}`,
        dryRun: values['dry-run'] === true,
        effectiveOn,
        onProgress: (p: ImportProgress) => progress.update(describe(p)),
      });
      progress.done();
      if (!result.ok) {
        for (const error of result.errors.slice(0, SHOWN_ERRORS))
          io.stderr.write(`${formatImportError(error)}\n`);
        const more = result.errors.length - SHOWN_ERRORS;
        if (more > 0) io.stderr.write(`……另有 ${more} 处错误\n`);
        io.stderr.write(
          `导入被拒绝：共 ${result.errors.length}${result.truncated ? '+' : ''} 处错误，未写入任何数据。\n`,
        );
        if (report) {
          await writeErrorReport(report, openDataset(path), result.errors);
          io.stderr.write(`错误报告已写入 ${report}\n`);
        }
        return 1;
      }
      for (const [file, counts] of Object.entries(result.counts)) {
        io.stdout.write(
          `${fileSpec(file)?.label ?? file}（${file}）：${counts.rows} 行，新增 ${counts.added}，更新 ${counts.updated}\n`,
        );
      }
      io.stdout.write(
        result.dryRun
          ? '试运行完成：数据集有效，未写入任何数据。\n'
          : `导入完成（审计记录 #${result.auditSeq}）。\n`,
      );
      if (report) {
        await writeErrorReport(report, source, []);
      }
      return 0;
    } finally {
      progress.done();
      await opened.database.close();
    }
  },
};

function describe(p: ImportProgress): string {
  switch (p.phase) {
    case 'read':
      return `读取并校验 ${p.file}：${p.rows.toLocaleString('zh-CN')} 行`;
    case 'check':
      return '检查文件之间的引用和重复……';
    case 'write':
      return `写入 ${p.file}……`;
    case 'done':
      return '完成';
  }
}
