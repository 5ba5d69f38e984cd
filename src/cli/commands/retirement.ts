import {
  isRetirementGroup,
  retirementGroups,
  statutoryRetirement,
} from '../../modules/retirement/retirement.rules.ts';
import { isPeriod } from '../../shared/dates.ts';
import { type Command, UsageError } from '../cli.ts';

const usage = `bianzhi retirement --birth YYYY-MM --group ${retirementGroups.join('|')}`;

export const retirementCommand: Command = {
  name: 'retirement',
  usage,
  summary: '按渐进式延迟法定退休年龄计算退休年龄和退休年月',
  options: { birth: { type: 'string' }, group: { type: 'string' } },
  async run({ values, positionals }, context) {
    const { birth, group } = values;
    if (positionals.length > 0) throw new UsageError(`多余的参数: ${positionals.join(' ')}\n用法: ${usage}`);
    if (typeof birth !== 'string') throw new UsageError(`缺少 --birth（出生年月 YYYY-MM）\n用法: ${usage}`);
    if (!isPeriod(birth)) throw new UsageError(`出生年月应为 YYYY-MM 格式: ${birth}\n用法: ${usage}`);
    if (typeof group !== 'string') throw new UsageError(`缺少 --group（退休类别）\n用法: ${usage}`);
    if (!isRetirementGroup(group))
      throw new UsageError(`退休类别应为 ${retirementGroups.join('、')} 之一: ${group}\n用法: ${usage}`);
    context.io.stdout.write(`${JSON.stringify(statutoryRetirement(birth, group))}\n`);
    return 0;
  },
};
