import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { webPlugin } from './web.plugin.ts';

function builtApp() {
  const root = mkdtempSync(join(tmpdir(), 'bianzhi-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(
    join(root, 'index.html'),
    '<!doctype html><title>机构编制管理平台</title><div id="root"></div>',
  );
  writeFileSync(join(root, 'assets', 'index-AbCd1234.js'), 'console.log(1)');
  writeFileSync(join(root, 'favicon.svg'), '<svg/>');
  return root;
}

async function appServing(root: string) {
  const app = Fastify();
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ code: 'route.not_found', message: `接口不存在：${request.url}` }),
  );
  app.get('/api/health', () => ({ status: 'ok' }));
  await app.register(webPlugin, { root });
  return app;
}

describe('serving the web application', async () => {
  const app = await appServing(builtApp());
  afterAll(() => app.close());

  it('opens a client route from a link or a reload: index.html, revalidated, with a CSP', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/org/units/1129012124568341XK?asOf=2024-07-01',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('机构编制管理平台');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await app.inject({ method: 'GET', url: '/' })).body).toContain('id="root"');
  });

  it('caches hashed assets for good and other files not', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/index-AbCd1234.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('leaves /api to the API: its routes answer, an unknown one is the API’s JSON 404', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toEqual({ status: 'ok' });
    const missing = await app.inject({ method: 'GET', url: '/api/roster?page=1' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'route.not_found' });
  });

  it('says how to build it when web/dist is missing', async () => {
    const bare = await appServing(mkdtempSync(join(tmpdir(), 'bianzhi-web-empty-')));
    const response = await bare.inject({ method: 'GET', url: '/org/tree' });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('npm run build:web');
    await bare.close();
  });
});
