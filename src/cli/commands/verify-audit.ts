import { resolve } from 'node:path';
import { checkpointPathFor, verifyAudit } from '../../modules/audit/audit.service.ts';
import { type Command, UsageError } from '../cli.ts';

const usage = 'bianzhi verify-audit [--checkpoint <链头检查点文件>]';

export const verifyAuditCommand: Command = {
  name: 'verify-audit',
  usage,
  summary: '校验审计日志（序号、哈希链、变更明细、链头检查点），报告第一条被改动的记录',
  options: { checkpoint: { type: 'string' } },
  async run({ values, positionals }, context) {
    if (positionals.length > 0) throw new UsageError(`多余的参数: ${positionals.join(' ')}\n用法: ${usage}`);
    const { database, keys } = await context.open();
    try {
      // An exported checkpoint (from a backup or a report) can stand in for the one beside the database.
      const checkpointPath =
        typeof values.checkpoint === 'string'
          ? resolve(values.checkpoint)
          : checkpointPathFor(database, context.io.env);
      const result = await verifyAudit(database.db, keys, checkpointPath);
      if (!result.ok) {
        context.io.stderr.write(`审计日志校验未通过：${result.reason}\n`);
        return 1;
      }
      context.io.stdout.write(
        result.head
          ? `审计日志完整：共 ${result.entries} 条，链头 seq=${result.head.seq}\n`
          : '审计日志完整：共 0 条\n',
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};
