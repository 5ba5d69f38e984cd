import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { declareRoutesPublic } from '../auth/auth.plugin.ts';

export interface WebOptions {
  /** The built web application (default: `web/dist` of this package, made by `npm run build:web`). */
  root?: string;
}

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** Vite names what it emits under `assets/` by content hash: such a file never changes, so it is cached for good. */
const HASHED_ASSET = /[/\\]assets[/\\][^/\\]+-[A-Za-z0-9_-]{8,}(\.[a-z0-9]+)+$/;

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * What the page may do: its own scripts only (Vite emits no inline script), AntD's inline styles,
 * images from itself and `data:`/`blob:` (ECharts, downloads), requests to this server only.
 */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
};

const isApi = (url: string) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>机构编制管理平台</title>
<body style="font-family:sans-serif;padding:48px"><h1>网页应用尚未构建</h1>
<p>请在项目目录运行 <code>npm run build:web</code>（<code>npm start</code> 会自动构建），然后重新启动服务。</p>
<p>接口文档：<a href="/api/docs">/api/docs</a></p></body></html>`;

/**
 * Serves the web application: the files of `web/dist` (hashed assets cached for a year, the rest
 * revalidated), and `index.html` for any other GET outside `/api`, so a client route such as
 * `/org/units/…` opens on reload or from a link. `/api` paths it does not own still get the API's
 * JSON 404. Register it in the root scope, after the API.
 */
export const webPlugin: FastifyPluginAsync<WebOptions> = async (app, options) => {
  const root = options.root ?? DEFAULT_WEB_ROOT;
  // The page and its files are public: the API behind them is what asks for a session.
  declareRoutesPublic(app);
  const built = existsSync(join(root, 'index.html'));

  if (built)
    await app.register(fastifyStatic, {
      root,
      prefix: '/',
      // Routes for the files found at start-up; everything else falls to the handler below.
      wildcard: false,
      index: false,
      cacheControl: false,
      preCompressed: true,
      setHeaders: (reply, path) => {
        if (HASHED_ASSET.test(path)) reply.header('cache-control', IMMUTABLE);
        else {
          reply.header('cache-control', 'no-cache');
          if (/\.html(\.(br|gz))?$/.test(path)) reply.headers(SECURITY_HEADERS);
        }
      },
    });

  const page = (request: FastifyRequest, reply: FastifyReply) => {
    if (isApi(request.url)) return reply.callNotFound();
    if (!built)
      return reply
        .code(503)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(NOT_BUILT);
    return reply.sendFile('index.html');
  };
  app.get('/', { schema: { hide: true } }, page);
  app.get('/*', { schema: { hide: true } }, page);
};
