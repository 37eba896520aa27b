/**
 * The preview's HTTP server: 127.0.0.1 only, and three locks on the door.
 *
 * - Host: only `127.0.0.1:<port>` and `localhost:<port>` are answered, so a web page on
 *   another site cannot reach the server through DNS rebinding (its requests carry its own
 *   host name).
 * - Token: a random token printed with the URL; the first request brings it in the query,
 *   and gets it back as a cookie (HttpOnly, SameSite=Strict) for the page's own requests.
 * - Paths: a fixed table (assets.ts) plus the brief's outputs, held in memory; nothing from
 *   the URL reaches the file system, so `/../../etc/passwd` is just an unknown path.
 *
 * Answers only GET and HEAD. Server-sent events (`/events`) tell the page when a build ended.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Asset } from './assets.js';

export interface PreviewContent {
  /** JSON of the current state (diagnostics, excerpts, versions). */
  state(): string;
  /** The last good output of a format, or undefined before the first good build. */
  output(format: 'pdf' | 'docx'): Uint8Array | undefined;
}

export interface PreviewServerOptions {
  /** 0: a free port. */
  port: number;
  assets: Map<string, Asset>;
  content: PreviewContent;
  /** Given for tests; a fresh random one otherwise. */
  token?: string;
}

export interface PreviewServer {
  url: string;
  port: number;
  token: string;
  /** Tells every open page that the state changed. */
  notify(): void;
  close(): Promise<void>;
}

const OUTPUTS: Record<string, { format: 'pdf' | 'docx'; type: string }> = {
  '/out/brief.pdf': { format: 'pdf', type: 'application/pdf' },
  '/out/brief.docx': { format: 'docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
};

const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  // docx-preview writes <style> elements and loads embedded fonts as blob: URLs.
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'",
};

export function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const token = options.token ?? randomBytes(18).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const clients = new Set<http.ServerResponse>();
  const cache = new Map<string, Buffer>();
  let port = options.port;
  const cookieName = () => `briefpack_preview_${port}`;

  const tokenOk = (given: string | undefined | null) => {
    if (!given) return false;
    const b = Buffer.from(given);
    return b.length === tokenBytes.length && timingSafeEqual(b, tokenBytes);
  };
  const cookieToken = (req: http.IncomingMessage) => {
    const header = req.headers.cookie ?? '';
    for (const part of header.split(';')) {
      const [k, ...v] = part.trim().split('=');
      if (k === cookieName()) return v.join('=');
    }
    return undefined;
  };
  const refuse = (res: http.ServerResponse, status: number, text: string) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`${text}\n`);
  };

  const server = http.createServer((req, res) => {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) return refuse(res, 403, 'briefpack preview: wrong Host header (open the URL briefpack printed)');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'briefpack preview: only GET');
    const url = new URL(req.url ?? '/', `http://${allowedHosts[0]}`);
    const queryToken = url.searchParams.get('token');
    if (!tokenOk(queryToken) && !tokenOk(cookieToken(req))) return refuse(res, 403, 'briefpack preview: missing or wrong token (open the URL briefpack printed)');
    const headers: Record<string, string> = { ...SECURITY_HEADERS };
    if (tokenOk(queryToken)) headers['Set-Cookie'] = `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    // The raw path, not URL-normalised: "/../x" is unknown, never "/x".
    const rawPath = (req.url ?? '/').split('?')[0]!;

    if (rawPath === '/events') {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
      res.write(`retry: 500\nevent: state\ndata: ${options.content.state()}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    if (rawPath === '/state.json') {
      res.writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
      return res.end(options.content.state());
    }
    const output = OUTPUTS[rawPath];
    if (output) {
      const bytes = options.content.output(output.format);
      if (!bytes) return refuse(res, 404, 'briefpack preview: no good build yet');
      res.writeHead(200, { ...headers, 'Content-Type': output.type, 'Content-Length': String(bytes.byteLength) });
      return res.end(req.method === 'HEAD' ? undefined : bytes);
    }
    if (rawPath === '/favicon.ico') {
      res.writeHead(204, headers);
      return res.end();
    }
    const asset = options.assets.get(rawPath);
    if (!asset) return refuse(res, 404, 'briefpack preview: not found');
    let body = asset.body ?? cache.get(rawPath);
    if (!body) {
      body = readFileSync(asset.file!);
      // The page's own files are read afresh (they are small); the viewers and fonts once.
      if (!rawPath.startsWith('/app.') && rawPath !== '/') cache.set(rawPath, body);
    }
    res.writeHead(200, { ...headers, 'Content-Type': asset.type, 'Content-Length': String(body.byteLength) });
    res.end(req.method === 'HEAD' ? undefined : body);
  });

  const heartbeat = setInterval(() => {
    for (const c of clients) c.write(': keep-alive\n\n');
  }, 15_000);
  heartbeat.unref();

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}/?token=${token}`,
        port,
        token,
        notify() {
          const data = options.content.state();
          for (const c of clients) c.write(`event: state\ndata: ${data}\n\n`);
        },
        close() {
          clearInterval(heartbeat);
          for (const c of clients) c.end();
          clients.clear();
          return new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          });
        },
      });
    });
  });
}
