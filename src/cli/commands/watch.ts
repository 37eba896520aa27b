/**
 * `briefpack watch [brief.yaml…]`: builds like `build`, then watches briefs/, releases/,
 * templates/ and fonts/ and, after each save, rebuilds the briefs the saved files affect:
 * the build cache decides (a brief's key covers its spec, includes, releases, template and
 * fonts), and a brief that failed is retried when a file it read changes. It prints the new
 * output paths or the diagnostics, and keeps going when a save leaves a file broken: the
 * next save is built again. One thread stays warm between saves (fonts parsed, templates
 * compiled, releases cleaned), so a rebuild costs only the brief itself.
 *
 * Stops on Ctrl-C (or when the caller's AbortSignal fires) with exit code 0.
 */
import { watch, type FSWatcher, existsSync } from 'node:fs';
import path from 'node:path';
import { BriefNameClash, LockedError } from '../../builder/errors.js';
import { BuildSession, type BuildSummary } from '../../builder/session.js';
import { DiagnosticError } from '../../diagnostics/diagnostic.js';
import { EXIT, UsageError } from '../errors.js';
import type { CommandContext, CommandResult } from '../context.js';
import { BuildReporter } from '../reporter.js';
import { buildSettings, checkNamedBriefs, exitCodeOf, listBriefs, makeExecutor, type BuildFlags } from './build.js';

export type WatchFlags = Omit<BuildFlags, 'force' | 'strict'>;

/** Saves come in bursts (write, rename, chmod): wait this long for the burst to end. */
const SETTLE_MS = 15;
const WATCHED = ['briefs', 'releases', 'templates', 'fonts'];

/** Editor droppings and our own temporary files never trigger a build. */
function ignored(rel: string): boolean {
  const base = path.basename(rel);
  return (
    base.startsWith('.') ||
    base.endsWith('~') ||
    base.endsWith('.swp') ||
    base.endsWith('.tmp') ||
    rel.startsWith(path.join('releases', 'raw') + path.sep) ||
    base === '4913' // vim's write test
  );
}

export async function watchCommand(ctx: CommandContext, briefs: string[], flags: WatchFlags): Promise<CommandResult> {
  checkNamedBriefs(ctx.projectRoot, briefs);
  const settings = { ...buildSettings(ctx, { ...flags, force: false }, `briefpack watch ${briefs.join(' ')}`.trim()), keepWarm: true };
  const root = ctx.projectRoot;
  const targets = () => (briefs.length ? briefs : listBriefs(root));
  if (!targets().length) throw new UsageError('no briefs to watch: briefs/ has no .yaml files and none were named (briefpack new <name> starts one)');
  const json = flags.json === true;
  const reporter = new BuildReporter(ctx, { json, quiet: flags.quiet === true });
  const session = new BuildSession(settings, reporter.event, makeExecutor);
  const outRel = path.relative(root, settings.outDir);
  let lastSummary: BuildSummary | undefined;

  const cycle = async (changed?: string[]) => {
    let waited = false;
    for (;;) {
      try {
        if (changed) session.changed(changed);
        reporter.newRun();
        lastSummary = await session.run(targets(), { changed });
        reporter.showSkipped = false;
        reporter.summary(lastSummary, exitCodeOf(lastSummary, false), json ? { changed: changed ?? [] } : {});
        return;
      } catch (e) {
        if (e instanceof LockedError) {
          if (!waited) ctx.error(`briefpack: waiting: ${e.message}`);
          waited = true;
          await new Promise((r) => setTimeout(r, 250));
          if (ctx.signal?.aborted) return;
          continue;
        }
        if (e instanceof DiagnosticError) reporter.diagnostics(e.diagnostics);
        else if (e instanceof UsageError || e instanceof BriefNameClash) ctx.error(`briefpack: ${e.message}`);
        else {
          ctx.error(`briefpack: internal error: ${(e as Error)?.stack ?? String(e)}`);
          ctx.error('This is a bug in briefpack; please report it with the command you ran and the message above.');
        }
        return;
      }
    }
  };

  await cycle();

  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const flush = () => {
    timer = undefined;
    if (running) return;
    const changed = [...pending];
    pending.clear();
    running = cycle(changed).finally(() => {
      running = undefined;
      if (pending.size) schedule();
    });
  };
  const schedule = () => {
    if (!timer) timer = setTimeout(flush, SETTLE_MS);
  };
  const watchers: FSWatcher[] = [];
  const dirs = new Set(WATCHED.filter((d) => existsSync(path.join(root, d))));
  // Briefs named from elsewhere in the project are watched in their own folder.
  for (const b of briefs) {
    const dir = path.relative(root, path.dirname(path.resolve(root, b)));
    if (!dir.startsWith('..') && ![...dirs].some((d) => dir === d || dir.startsWith(d + path.sep))) dirs.add(dir || '.');
  }
  for (const dir of dirs) {
    const w = watch(path.join(root, dir), { recursive: dir !== '.' }, (_event, filename) => {
      if (!filename) return;
      const rel = path.normalize(path.join(dir, filename.toString()));
      if (ignored(rel) || rel === outRel || rel.startsWith(outRel + path.sep)) return;
      pending.add(rel);
      schedule();
    });
    w.on('error', (e) => ctx.error(`briefpack: watching ${dir}/ failed: ${e.message}`));
    watchers.push(w);
  }
  const where = [...dirs].map((d) => `${d}/`).join(', ');
  if (json) ctx.log(JSON.stringify({ event: 'watching', dirs: [...dirs], out: outRel }));
  else ctx.log(`watching ${where} (Ctrl-C to stop)`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    if (ctx.signal) {
      if (ctx.signal.aborted) return resolve();
      ctx.signal.addEventListener('abort', stop, { once: true });
    } else {
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    }
  });
  for (const w of watchers) w.close();
  if (timer) clearTimeout(timer);
  await running;
  await session.close();
  return { exitCode: EXIT.ok, diagnostics: [...(lastSummary?.errors ?? []), ...(lastSummary?.warnings ?? [])] };
}
