// The web application (web/): built into web/dist, which the server serves (src/modules/web).
// `npm run dev:web` serves it with hot reload and sends /api to a running server (BIANZHI_URL).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** Writes `.br` and `.gz` beside each text asset, which the server sends to browsers that accept them. */
function precompress(): Plugin {
  const brotli = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'bianzhi-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? '';
      const names = Object.keys(bundle).filter((name) => /\.(js|css|html|svg|json)$/.test(name));
      await Promise.all(
        names.map(async (name) => {
          const path = join(dir, name);
          const data = await readFile(path);
          if (data.length < 1024) return;
          await writeFile(`${path}.gz`, await gz(data, { level: 9 }));
          await writeFile(
            `${path}.br`,
            await brotli(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }),
          );
        }),
      );
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('web', import.meta.url)),
  // React's automatic JSX runtime through esbuild: no Babel, no extra plugin to install.
  esbuild: { jsx: 'automatic' },
  plugins: [precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // AntD is ~1 MB before compression; it is one cached chunk shared by every page.
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      // AntD marks its modules "use client" for React Server Components, which a client bundle ignores.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      output: {
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(react|react-dom|scheduler|react-router|@tanstack)\//.test(id)) return 'react';
          if (/node_modules\/(antd|@ant-design|@rc-component|rc-[^/]+|dayjs)\//.test(id)) return 'antd';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.BIANZHI_URL ?? 'http://127.0.0.1:3000' } },
  },
});
