import { createDatasetWriter } from '../../modules/interchange/dataset-writer.ts';
import { exportDataset } from '../../modules/interchange/export.service.ts';
import { isIsoDate } from '../../shared/dates.ts';
import { type Command, UsageError } from '../cli.ts';
import { progressLine } from '../progress.ts';

export const exportCommand: Command = {
  name: 'export',
  usage: 'bianzhi export <文件夹|文件.xlsx> [--as-of YYYY-MM-DD] [--labels zh]',
  summary: '按交换格式导出数据（不带日期时含全部历史，可原样导入）',
  options: { 'as-of': { type: 'string' }, labels: { type: 'string' } },
  async run({ values, positionals }, context) {
    const [path, ...extra] = positionals;
    if (!path || extra.length) throw new UsageError(`请给出导出的文件夹或 .xlsx 文件\n用法: ${this.usage}`);
    const asOf = values['as-of'] as string | undefined;
    if (asOf !== undefined && !isIsoDate(asOf)) throw new UsageError(`--as-of 应为日期 YYYY-MM-DD：${asOf}`);
    const labels = values.labels as string | undefined;
    if (labels !== undefined && labels !== 'zh') throw new UsageError('--labels 只能是 zh');
    const opened = await context.open();
    const progress = progressLine(context.io.stderr);
    try {
      const writer = createDatasetWriter(path, { format: /\.xlsx$/i.test(path) ? 'xlsx' : 'csv' });
      const counts = await exportDataset(opened, writer, {
        asOf: asOf ?? null,
        labels: labels === 'zh' ? 'zh' : null,
        onProgress: ({ file, rows }) => progress.update(`导出 ${file}：${rows.toLocaleString('zh-CN')} 行`),
      });
      progress.done();
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      context.io.stdout.write(
        `已导出到 ${path}：${Object.entries(counts)
          .map(([f, n]) => `${f} ${n}`)
          .join('，')}（共 ${total} 行）\n`,
      );
      return 0;
    } finally {
      progress.done();
      await opened.database.close();
    }
  },
};
