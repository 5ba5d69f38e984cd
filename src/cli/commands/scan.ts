import { rules } from '../../modules/warnings/warnings.registry.ts';
import { scanAll } from '../../modules/warnings/warnings.service.ts';
import type { Warning } from '../../modules/warnings/warning.types.ts';
import { isIsoDate, isPeriod } from '../../shared/dates.ts';
import { type Command, UsageError } from '../cli.ts';

const usage = 'bianzhi scan --as-of YYYY-MM-DD [--period YYYY-MM] [--format json|table]';

function table(asOf: string, period: string, warnings: Warning[]): string {
  const names = new Map(rules.map((r) => [r.code, r.name]));
  const lines = [`预警扫描：截至 ${asOf}，所属期 ${period}，共 ${warnings.length} 条`];
  if (warnings.length > 0) lines.push(['规则', '名称', '等级', '对象', '说明'].join('\t'));
  for (const w of warnings) {
    const subject = [w.regionCode, w.unitCode, w.quotaKind, w.postLevel, w.idNumber]
      .filter(Boolean)
      .join(' ');
    lines.push([w.rule, names.get(w.rule) ?? '', w.severity, subject, w.message].join('\t'));
  }
  return `${lines.join('\n')}\n`;
}

export const scanCommand: Command = {
  name: 'scan',
  usage,
  summary: `按 RULES.md 的全部 ${rules.length} 条规则扫描预警（${rules.map((r) => r.code).join('、')}）`,
  options: { 'as-of': { type: 'string' }, period: { type: 'string' }, format: { type: 'string' } },
  async run({ values, positionals }, context) {
    if (positionals.length > 0) throw new UsageError(`多余的参数: ${positionals.join(' ')}\n用法: ${usage}`);
    const asOf = values['as-of'];
    if (typeof asOf !== 'string' || !isIsoDate(asOf))
      throw new UsageError(`--as-of 应为日期 YYYY-MM-DD\n用法: ${usage}`);
    const period = values.period ?? asOf.slice(0, 7);
    if (typeof period !== 'string' || !isPeriod(period))
      throw new UsageError(`--period 应为 YYYY-MM\n用法: ${usage}`);
    const format = values.format ?? 'json';
    if (format !== 'json' && format !== 'table')
      throw new UsageError(`--format 只能是 json 或 table\n用法: ${usage}`);
    const opened = await context.open();
    try {
      const warnings = await scanAll(opened.database, opened.idCipher, { asOf, period });
      context.io.stdout.write(
        format === 'json' ? `${JSON.stringify({ asOf, period, warnings })}\n` : table(asOf, period, warnings),
      );
      return 0;
    } finally {
      await opened.database.close();
    }
  },
};
