// Builds the web application (web/ → web/dist) when it has never been built or its sources are
// newer than the build, so `npm start` serves a current UI on a fresh clone without rebuilding
// on every start. `npm run build:web` always builds.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'web', 'dist', 'index.html');
const sources = ['web/src', 'web/public', 'web/index.html', 'vite.config.ts', 'package-lock.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
const changedAt = Math.max(...sources.map((source) => newest(join(root, source))));
if (builtAt >= changedAt) {
  console.log('网页应用已是最新构建（web/dist）');
} else {
  console.log(builtAt === 0 ? '首次启动：正在构建网页应用……' : '网页源码有更新：正在重新构建网页应用……');
  // A production build whoever starts this: under vitest NODE_ENV is 'test', which would bundle React's
  // development build and antd's fixed test ids (every dialog labelled by "test-id").
  process.env.NODE_ENV = 'production';
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  console.log('网页应用已构建（web/dist）');
}
