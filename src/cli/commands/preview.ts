/**
 * `briefpack preview [brief.yaml] [--port N]`: a live preview of one brief in the browser
 * (src/preview/): its PDF and DOCX pages side by side, its diagnostics, rebuilt and reloaded
 * on every save. Serves 127.0.0.1 only, on --port or a free port, behind a random token
 * that is part of the printed URL. Runs until Ctrl-C (or the caller's AbortSignal), exit 0.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, DiagnosticError } from '../../diagnostics/diagnostic.js';
import { loadFontSet } from '../../fonts/font-set.js';
import { assetTable, fontAssets } from '../../preview/assets.js';
import { PreviewSession } from '../../preview/preview-session.js';
import { startPreviewServer, type PreviewServer } from '../../preview/server.js';
import type { CommandContext, CommandResult } from '../context.js';
import { EXIT, UsageError } from '../errors.js';
import { defaultWatchJobs } from '../../builder/session.js';
import { checkNamedBriefs, listBriefs, makeExecutor, parseTemplateFlag } from './build.js';

export interface PreviewFlags {
  port?: string;
  template?: string;
}

export function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port: expected a port number from 1 to 65535 (or 0 for a free one), got "${value}"`);
  return n;
}

export async function previewCommand(ctx: CommandContext, positionals: string[], flags: PreviewFlags): Promise<CommandResult> {
  const root = ctx.projectRoot;
  const port = parsePort(flags.port);
  if (positionals.length > 1) throw new UsageError(`preview shows one brief at a time, got ${positionals.length}`);
  const briefs = listBriefs(root);
  const brief = positionals[0] ? path.relative(root, path.resolve(root, positionals[0])) : briefs[0];
  if (!brief) throw new UsageError('no brief to preview: briefs/ has no .yaml files and none was named');
  checkNamedBriefs(root, [brief]);
  parseTemplateFlag(root, flags.template);
  if (!existsSync(path.resolve(root, brief))) {
    throw new DiagnosticError([diagnostic({ code: 'BP501', message: `brief spec "${brief}" does not exist`, file: brief, hint: briefs.length ? `Briefs: ${briefs.join(', ')}.` : undefined })]);
  }
  const assets = assetTable();
  try {
    for (const [url, asset] of fontAssets(loadFontSet(root))) assets.set(url, asset);
  } catch (e) {
    // A broken fonts/fonts.yaml is the build's to report (the page shows it); the page then
    // draws the DOCX with the browser's fonts.
    if (!(e instanceof DiagnosticError)) throw e;
    assets.set('/fonts.css', { body: Buffer.from(''), type: 'text/css; charset=utf-8' });
  }
  let server: PreviewServer | undefined;
  const session = new PreviewSession({
    projectRoot: root,
    brief,
    template: flags.template,
    makeExecutor,
    jobs: Math.min(2, defaultWatchJobs()),
    onBuilt: () => server?.notify(),
    log: ctx.log,
  });
  try {
    server = await startPreviewServer({ port, assets, content: session });
  } catch (e) {
    await session.close();
    const code = (e as NodeJS.ErrnoException).code;
    throw new DiagnosticError([
      diagnostic({ code: 'BP530', message: `cannot listen on 127.0.0.1:${port}: ${code === 'EADDRINUSE' ? 'the port is in use' : (e as Error).message}`, file: brief }),
    ]);
  }
  ctx.log(`preview of ${brief}: ${server.url}`);
  ctx.log('(open it in a browser; the token in it is needed. Ctrl-C to stop)');
  try {
    await session.start();
    await new Promise<void>((resolve) => {
      if (ctx.signal) {
        if (ctx.signal.aborted) return resolve();
        ctx.signal.addEventListener('abort', () => resolve(), { once: true });
      } else {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }
    });
  } finally {
    await server.close();
    await session.close();
  }
  return { exitCode: EXIT.ok, diagnostics: [] };
}
