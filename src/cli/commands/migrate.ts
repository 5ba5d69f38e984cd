import type { Command } from '../cli.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  usage: 'bianzhi migrate',
  summary: '将数据库结构升级到最新版本',
  options: {},
  async run(_parsed, context) {
    const { database } = await context.open();
    await database.close();
    context.io.stdout.write(
      `数据库结构已是最新（${database.kind === 'postgres' ? 'PostgreSQL' : '嵌入式数据库'}）\n`,
    );
    return 0;
  },
};
