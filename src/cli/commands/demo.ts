import {
  MAX_SCALE,
  PLANTED_FILE,
  REFERENCE_DATE,
  writeDemoDataset,
} from '../../modules/demo/demo.generator.ts';
import { type Command, UsageError } from '../cli.ts';
import { progressLine } from '../progress.ts';

const usage = 'bianzhi demo --scale N --out <folder>';

export const demoCommand: Command = {
  name: 'demo',
  usage,
  summary: '生成确定性的虚构演示数据集（1 ≈ 一个县，400 ≈ 一个省）',
  options: { scale: { type: 'string' }, out: { type: 'string' } },
  async run({ values, positionals }, context) {
    const { io } = context;
    if (positionals.length > 0) throw new UsageError(`多余的参数: ${positionals.join(' ')}\n用法: ${usage}`);
    const out = values.out;
    if (typeof out !== 'string' || out === '') throw new UsageError(`缺少 --out（输出目录）\n用法: ${usage}`);
    const rawScale = values.scale ?? '1';
    const scale = typeof rawScale === 'string' && /^\d+$/.test(rawScale) ? Number(rawScale) : Number.NaN;
    if (!(scale >= 1 && scale <= MAX_SCALE)) {
      throw new UsageError(`--scale 应为 1 到 ${MAX_SCALE} 的整数: ${String(rawScale)}\n用法: ${usage}`);
    }
    const started = Date.now();
    const progress = progressLine(io.stderr);
    const { counts, planted } = await writeDemoDataset({
      scale,
      out,
      onProgress: (done, total) => progress.update(`生成中：${done}/${total} 个县`),
    }).finally(() => progress.done());
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const rows = Object.entries(counts)
      .map(([file, count]) => `${file} ${count}`)
      .join('，');
    io.stdout.write(
      `已写入 ${out}（基准日 ${REFERENCE_DATE}，用时 ${seconds} 秒）：${rows}；预置预警 ${planted.length} 条，见 ${PLANTED_FILE}\n`,
    );
    return 0;
  },
};
