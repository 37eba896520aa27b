/**
 * The preview server's locks without a browser: Host, token, fixed paths, methods; what it
 * serves with the right ones (the page, the viewers from node_modules, the outputs in memory,
 * the state as server-sent events).
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetTable } from '../../src/preview/assets.js';
import { startPreviewServer, type PreviewServer } from '../../src/preview/server.js';

function request(port: number, rawPath: string, options: { headers?: Record<string, string>; method?: string; until?: string } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => {
        body += c;
        // An event stream stays open: stop reading once the awaited text came.
        if (options.until && body.includes(options.until)) {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        }
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', (e) => (options.until ? undefined : reject(e)));
    req.end();
  });
}

describe('preview server', () => {
  let server: PreviewServer;
  let state = { build: 1 };
  const pdf = new TextEncoder().encode('%PDF-1.7 test bytes');
  beforeAll(async () => {
    server = await startPreviewServer({
      port: 0,
      assets: assetTable(),
      token: 'test-token-0123456789abcdef',
      content: { state: () => JSON.stringify(state), output: (f) => (f === 'pdf' ? pdf : undefined) },
    });
  });
  afterAll(() => server.close());

  it('listens on 127.0.0.1 and prints the token in the URL', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=test-token-0123456789abcdef`);
  });

  it('with the token: the page (and a cookie for its own requests), the viewers, the outputs', async () => {
    const page = await request(server.port, '/?token=test-token-0123456789abcdef');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script type="module" src="/app.js">');
    expect(page.headers['set-cookie']?.[0]).toMatch(new RegExp(`^briefpack_preview_${server.port}=test-token-0123456789abcdef; HttpOnly; SameSite=Strict`));
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const cookie = { Cookie: `briefpack_preview_${server.port}=test-token-0123456789abcdef` };
    const viewer = await request(server.port, '/vendor/pdf.mjs', { headers: cookie });
    expect(viewer.status).toBe(200);
    expect(viewer.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(viewer.body).toContain('GlobalWorkerOptions');
    expect((await request(server.port, '/out/brief.pdf', { headers: cookie })).body).toBe('%PDF-1.7 test bytes');
    // No good build of the DOCX yet: nothing to serve.
    expect((await request(server.port, '/out/brief.docx', { headers: cookie })).status).toBe(404);
    const events = await request(server.port, '/events', { headers: cookie, until: '\n\n' });
    expect(events.headers['content-type']).toBe('text/event-stream');
    expect(events.body).toContain(`event: state\ndata: {"build":1}\n\n`);
  });

  it('tells open pages when the state changes', async () => {
    const cookie = { Cookie: `briefpack_preview_${server.port}=test-token-0123456789abcdef` };
    const stream = request(server.port, '/events', { headers: cookie, until: '"build":2' });
    await new Promise((r) => setTimeout(r, 100));
    state = { build: 2 };
    server.notify();
    expect((await stream).body).toContain('data: {"build":2}');
  });

  it.each([
    ['a path outside the table', '/../../etc/passwd', {}, 404],
    ['an encoded escape', '/..%2f..%2fetc%2fpasswd', {}, 404],
    ['a viewer path with ..', '/vendor/../../../package.json', {}, 404],
    ['a source file', '/src/preview/server.ts', {}, 404],
    ['a missing token', '/', { noToken: true }, 403],
    ['a wrong token', '/?token=test-token-0123456789abcdeX', { noToken: true }, 403],
    ['a wrong Host (DNS rebinding)', '/', { Host: 'attacker.example' }, 403],
    ['a wrong Host with the right port', '/', { Host: 'attacker.example:PORT' }, 403],
  ])('refuses %s', async (_what, rawPath, extra, status) => {
    const headers: Record<string, string> = {};
    if (!('noToken' in extra)) headers.Cookie = `briefpack_preview_${server.port}=test-token-0123456789abcdef`;
    if ('Host' in extra) headers.Host = String(extra.Host).replace('PORT', String(server.port));
    const r = await request(server.port, rawPath, { headers });
    expect(r.status).toBe(status);
    expect(r.body).not.toMatch(/root:|"name": "briefpack"|startPreviewServer/);
  });

  it('answers only GET and HEAD', async () => {
    const cookie = { Cookie: `briefpack_preview_${server.port}=test-token-0123456789abcdef` };
    expect((await request(server.port, '/state.json', { headers: cookie, method: 'POST' })).status).toBe(405);
    expect((await request(server.port, '/state.json', { headers: cookie, method: 'HEAD' })).status).toBe(200);
  });
});
