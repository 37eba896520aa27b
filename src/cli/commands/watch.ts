/**
 * `briefpack watch [brief.yaml…]`: builds like `build`, then watches briefs/, releases/,
 * templates/ and fonts/ (and the folders of briefs named from elsewhere) and, after each
 * save, rebuilds the briefs the saved files affect: the build cache decides (a brief's key
 * covers its spec, includes, releases, template and fonts), and a brief that failed is
 * retried when a file it read changes. It prints the new output paths or the diagnostics,
 * and keeps going when a save leaves a file broken: the next save is built again. One thread
 * stays warm between saves (fonts parsed, templates compiled, releases cleaned), so a
 * rebuild costs only the brief itself.
 *
 * Watching is chokidar's, on folders, never on file handles: a save by rename (vim, `sed -i`,
 * most editors write a new file and rename it over the old one), a new, deleted or renamed
 * brief, a folder deleted and made again are all seen, however often they happen. Editors'
 * swap and backup files, briefpack's own temporary files and the output and cache folders
 * never trigger a build. Saves come in bursts (write, rename, chmod): a build starts when
 * the folder has been quiet for SETTLE_MS, and a save during a build is built right after it.
 * A burst of nothing but changes to files that exist (an in-place save, or a rename-save whose
 * temporary file chokidar never reported) has nothing more to wait for, so it waits only
 * QUICK_MS: the editor sees the rebuild sooner. chokidar drops a file's further changes for
 * 50 ms after it reports one (its change throttle), so each changed file is looked at again
 * once that window has passed (RECHECK_MS): a write still going on when the build read the
 * file is built again, never left stale. A round whose files hold the bytes they held last
 * time (that look-again, a touch, a save without edits) prints nothing unless it builds or
 * fails something; a round whose files changed again while it ran (it may have read the next
 * save half done) is dropped unseen, and the round that change queues reports. A changed file
 * found empty is looked at again every RECHECK_MS, for up to EMPTY_PATIENCE_MS, before it is
 * built (an in-place save truncates first, and on a loaded machine the writer can be held up
 * between the truncation and the write for longer than one look-again).
 *
 * Errors: a rebuild that fails on the user's input (diagnostics, a usage mistake, the output
 * folder locked by another build) is reported and watching goes on. Anything else is a bug
 * in briefpack: it is not caught here; watching stops and the CLI's one catch (main.ts)
 * reports it with exit code 4. Stops on Ctrl-C (or when the caller's AbortSignal fires):
 * exit 0, or 4 if a brief hit a bug in briefpack on the way.
 */
import { watch as chokidar } from 'chokidar';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { BriefNameClash, LockedError } from '../../builder/errors.js';
import { BuildSession, defaultWatchJobs, type BuildEvent, type BuildSummary } from '../../builder/session.js';
import { CACHE_DIR } from '../../builder/cache.js';
import { diagnostic, DiagnosticError } from '../../diagnostics/diagnostic.js';
import { EXIT, UsageError } from '../errors.js';
import type { CommandContext, CommandResult } from '../context.js';
import { BuildReporter } from '../reporter.js';
import { buildSettings, checkNamedBriefs, exitCodeOf, listBriefs, makeExecutor, type BuildFlags } from './build.js';

export type WatchFlags = Omit<BuildFlags, 'force' | 'strict'>;

/** A burst of file events (write, rename, chmod) ends when nothing happened for this long. */
const SETTLE_MS = 60;
/** …or for this long, when every event of the burst was a change to a file that exists. */
const QUICK_MS = 12;
/** After a file's change event, chokidar reports no other for 50 ms; look again after that. */
const RECHECK_MS = 70;
/** A round's files are looked at again at each brief's result only when there are this few. */
const RESULT_CHECK_MAX_FILES = 64;
/** A changed file still empty after this long was saved empty: it is built and reported. */
const EMPTY_PATIENCE_MS = 1000;
/** Builds of the first brief made and dropped before watching starts (session.ts, warmUp),
 * none begun after this long or with a save waiting. */
const WARM_UP_ROUNDS = 3;
const WARM_UP_BUDGET_MS = 1500;
const WATCHED = ['briefs', 'releases', 'templates', 'fonts'];

/**
 * Files that never trigger a build: hidden files (vim's `.x.swp`, emacs' `.#x` lock links,
 * briefpack's `.briefpack-….tmp`), backups (`x~`), emacs' `#x#`, vim's `4913` write test,
 * other swap and temporary files.
 */
export function editorDropping(base: string): boolean {
  return (
    base.startsWith('.') ||
    base.endsWith('~') ||
    /^#.*#$/.test(base) ||
    /\.sw[a-p]$/.test(base) ||
    /\.(tmp|temp|bak|kate-swp|crswap)$/i.test(base) ||
    /___jb_(tmp|old)___$/.test(base) ||
    base === '4913' // vim's write test
  );
}

/** A file's size, times and inode, to tell whether it changed since ('' when it is gone). */
function fileState(abs: string): string {
  const s = statSync(abs, { bigint: true, throwIfNoEntry: false });
  return s ? `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}` : '';
}

/** The digest (as contentOf gives it) of an empty file. */
const EMPTY_FILE = createHash('sha256').digest('base64');

/** A rebuild after a save: the files it was for, and whether any of its events were shown. */
interface Round {
  changed: string[];
  /** The files hold what they held last time: nothing to say unless something is built or wrong. */
  quiet: boolean;
  shown: boolean;
}

/** What to watch: folders below the project (with everything in them) and single files. */
interface Target {
  abs: string;
  kind: 'tree' | 'file';
}

export async function watchCommand(ctx: CommandContext, briefs: string[], flags: WatchFlags): Promise<CommandResult> {
  checkNamedBriefs(ctx.projectRoot, briefs);
  const settings = { ...buildSettings(ctx, { ...flags, force: false }, `briefpack watch ${briefs.join(' ')}`.trim(), defaultWatchJobs()), keepWarm: true };
  const root = ctx.projectRoot;
  const targets = () => (briefs.length ? briefs : listBriefs(root));
  if (!targets().length) throw new UsageError('no briefs to watch: briefs/ has no .yaml files and none were named (briefpack new <name> starts one)');
  const json = flags.json === true;
  const reporter = new BuildReporter(ctx, { json, quiet: flags.quiet === true });
  // Garbage is collected while the editor types, not right after a build (memory.ts).
  /** The rebuild running after a save (see cycle), and its events not shown yet. */
  let round: Round | undefined;
  let held: BuildEvent[] = [];
  const show = () => {
    for (const e of held) reporter.event(e);
    held = [];
    if (round) round.shown = true;
  };
  const onEvent = (e: BuildEvent) => {
    if (!round) return reporter.event(e);
    held.push(e);
    // A brief's result is shown once its inputs are known to be the bytes the round started
    // from: read mid-save (the next save's truncation), it would be a failure of a blink.
    // Only a brief built is a reason to show: the skipped ones come first, before anything is
    // read, and showing them would make the round seen, so that a build after them that read
    // the next save half done could no longer be dropped (it showed "file is empty" in CI).
    // A round of many files (a git checkout, not an editor's save) is asked only at its end:
    // asking at each of a hundred results would stat its thousands of files each time.
    if (e.type === 'brief' && e.status !== 'skipped' && !round.quiet && (round.changed.length > RESULT_CHECK_MAX_FILES || !changedSince(round))) show();
  };
  const session = new BuildSession(settings, onEvent, (n, options) => makeExecutor(n, { ...options, collect: 'when-idle' }));
  const outRel = path.relative(root, settings.outDir);
  let lastSummary: BuildSummary | undefined;
  let sawBug = false;

  const watched: Target[] = WATCHED.map((d) => ({ abs: path.join(root, d), kind: 'tree' as const }));
  const covered = (abs: string) => watched.some((t) => abs === t.abs || (t.kind === 'tree' && abs.startsWith(t.abs + path.sep)));
  // Briefs named from elsewhere are watched too: their file (a rename-save replaces it, so
  // the watch is on its folder, filtered to the file).
  for (const b of briefs) {
    const abs = path.resolve(root, b);
    if (!covered(abs)) watched.push({ abs, kind: 'file' });
  }
  const excluded = [settings.outDir, path.join(root, CACHE_DIR), path.join(root, 'node_modules'), path.join(root, '.git'), path.join(root, 'releases', 'raw')];
  const isExcluded = (abs: string) => excluded.some((x) => abs === x || abs.startsWith(x + path.sep));
  /** chokidar asks this of every path it meets: false to watch it (or look inside it). */
  const ignored = (abs: string): boolean => {
    abs = path.resolve(abs);
    if (isExcluded(abs)) return true;
    for (const t of watched) {
      if (abs === t.abs || t.abs.startsWith(abs + path.sep)) return false; // the target, or a folder on the way to it
      if (t.kind === 'tree' && abs.startsWith(t.abs + path.sep)) return editorDropping(path.basename(abs));
    }
    return true;
  };
  // Watch from the nearest folders that always exist: the project root, and the folder of a
  // brief named from outside it. So a watched folder deleted and made again is seen.
  const roots = [...new Set([root, ...watched.filter((t) => !(t.abs + path.sep).startsWith(root + path.sep)).map((t) => path.dirname(t.abs))])];

  const pending = new Set<string>();
  /** What each changed file held when a round last looked at it (see contentOf). */
  const lastContent = new Map<string, string>();
  /** …and its size, times and inode then (fileState), taken just before it was read. */
  const lastState = new Map<string, string>();
  /** Whether the pending burst holds anything but changes (an add, an unlink, a folder). */
  let pendingStructural = false;
  /** The timers that look at changed files again (RECHECK_MS), cleared when watching stops. */
  const rechecks = new Set<NodeJS.Timeout>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let ready = false;
  let failure: unknown;
  let stopWatching: () => void = () => undefined;

  /**
   * The saved files changed again while the round ran. Asked at each brief's result, so a
   * file is read again only when its state moved; the digest then tells a touch from a save.
   */
  const changedSince = (r: Round) => r.changed.some((k) => fileState(path.resolve(root, k)) !== lastState.get(k) && contentOf(k) !== lastContent.get(k));
  /**
   * Ends a round: false if it is to be dropped unseen. Superseded (its files changed again
   * while it ran, so it may have read a save half done) and nothing of it shown yet: the next
   * round, which that change queues, reports instead. Quiet (its files hold what they held the
   * last time: a look-again after a write the build had already read whole, a touch, a save
   * without edits) and it built nothing and found nothing wrong: "0 built" would be noise.
   */
  const endRound = (s?: BuildSummary): boolean => {
    const r = round;
    round = undefined;
    if (!r) return true;
    let keep = true;
    if (!r.shown && changedSince(r)) {
      for (const k of r.changed) pending.add(k);
      keep = false;
    } else if (!r.shown && r.quiet && s && s.built + s.failed + s.internal === 0 && !s.errors.length) keep = false;
    if (keep) show();
    held = [];
    return keep;
  };
  /** One build. User errors are reported here; a bug is rethrown (and stops watching). */
  const cycle = async (changed?: string[], quietUnlessNews = false) => {
    let waited = false;
    for (;;) {
      try {
        if (changed) session.changed(changed);
        reporter.newRun();
        round = changed?.length ? { changed, quiet: quietUnlessNews, shown: false } : undefined;
        lastSummary = await session.run(targets(), { changed });
        if (!endRound(lastSummary)) return;
        reporter.showSkipped = false;
        const code = exitCodeOf(lastSummary, false);
        if (code === EXIT.internal) sawBug = true;
        reporter.summary(lastSummary, code, json ? { changed: changed ?? [] } : {});
        return;
      } catch (e) {
        if (!endRound() && (e instanceof DiagnosticError || e instanceof UsageError || e instanceof BriefNameClash)) return;
        if (e instanceof LockedError) {
          if (!waited) ctx.error(`briefpack: waiting: ${e.message}`);
          waited = true;
          await new Promise((r) => setTimeout(r, 250));
          if (ctx.signal?.aborted || failure) return;
          continue;
        }
        if (e instanceof DiagnosticError) reporter.diagnostics(e.diagnostics);
        else if (e instanceof UsageError || e instanceof BriefNameClash) ctx.error(`briefpack: ${e.message}`);
        else throw e;
        return;
      }
    }
  };

  /** A file's bytes as a digest ('' when it is gone or not a file): what a round compares. */
  const contentOf = (key: string) => {
    try {
      return createHash('sha256').update(readFileSync(path.resolve(root, key))).digest('base64');
    } catch {
      return '';
    }
  };
  /** When this burst first found a changed file empty (see flush), or undefined. */
  let emptySince: number | undefined;
  const flush = () => {
    timer = undefined;
    if (running || failure) return;
    const changed = [...pending].sort();
    // An editor that saves in place truncates the file and then writes it: a file empty at this
    // moment is most likely mid-save, and building it would report "file is empty" for a blink
    // (a test writing twice in 45 ms on a loaded machine saw one look-again find the second
    // write's truncation still unwritten). Wait for the write; a file still empty after
    // EMPTY_PATIENCE_MS is built (and reported) as it is. Each file is read once here, so its
    // emptiness and the digest the round compares are of the same bytes.
    const states = changed.map((k) => fileState(path.resolve(root, k)));
    const contents = changed.map(contentOf);
    if (contents.includes(EMPTY_FILE)) {
      emptySince ??= Date.now();
      if (Date.now() - emptySince < EMPTY_PATIENCE_MS) {
        timer = setTimeout(flush, RECHECK_MS);
        return;
      }
    }
    emptySince = undefined;
    let news = pendingStructural;
    changed.forEach((key, i) => {
      if (lastContent.get(key) !== contents[i]) news = true;
      lastContent.set(key, contents[i]!);
      lastState.set(key, states[i]!);
    });
    pending.clear();
    pendingStructural = false;
    running = cycle(changed, !news)
      .catch((e: unknown) => {
        failure = e;
        stopWatching();
      })
      .finally(() => {
        running = undefined;
        if (pending.size && !failure) schedule();
      });
  };
  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, pendingStructural ? SETTLE_MS : QUICK_MS);
  }
  /** Looks at a changed file again once chokidar's change throttle is over: a change it
   * swallowed (the rest of a slow write) is queued like a reported one. */
  function recheckLater(abs: string, key: string) {
    const seen = fileState(abs);
    const t = setTimeout(() => {
      rechecks.delete(t);
      if (failure || fileState(abs) === seen) return;
      pending.add(key);
      if (ready) schedule();
    }, RECHECK_MS);
    rechecks.add(t);
  }

  const watcher = chokidar(roots, { ignoreInitial: true, ignored, atomic: true, followSymlinks: true, ignorePermissionErrors: true });
  watcher.on('all', (event, p) => {
    const abs = path.resolve(root, p);
    if (ignored(abs) || !covered(abs)) return;
    // vim probes a folder with a file 4913, then 5036, … (+123): a bare number is never an input.
    if ((event === 'add' || event === 'change' || event === 'unlink') && /^\d+$/.test(path.basename(abs))) return;
    const rel = path.relative(root, abs);
    const key = rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
    pending.add(key);
    if (event === 'change') recheckLater(abs, key);
    else pendingStructural = true;
    if (ready) schedule();
  });
  watcher.on('error', (e) => {
    reporter.diagnostics([diagnostic({ code: 'BP509', message: `watching failed: ${(e as Error).message}`, file: '.' })]);
  });
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  try {
    await cycle();
  } catch (e) {
    await watcher.close();
    await session.close();
    throw e;
  }
  // The first saves as quick as later ones (session.ts, warmUp): before "watching".
  await session.warmUp(targets(), WARM_UP_ROUNDS, { budgetMs: WARM_UP_BUDGET_MS, stop: () => pending.size > 0 || failure !== undefined });
  ready = true;
  // Saves made during the first build (or the warm-up).
  if (pending.size) schedule();

  const dirs = watched.map((t) => path.relative(root, t.abs) || '.');
  if (json) ctx.log(JSON.stringify({ event: 'watching', dirs, out: outRel }));
  else ctx.log(`watching ${dirs.map((d, i) => (watched[i]!.kind === 'tree' ? `${d}/` : d)).join(', ')} (Ctrl-C to stop)`);

  await new Promise<void>((resolve) => {
    stopWatching = resolve;
    if (ctx.signal) {
      if (ctx.signal.aborted) return resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    } else {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }
  });
  await watcher.close();
  if (timer) clearTimeout(timer);
  for (const t of rechecks) clearTimeout(t);
  await running;
  await session.close();
  if (failure) throw failure;
  return { exitCode: sawBug ? EXIT.internal : EXIT.ok, diagnostics: [...(lastSummary?.errors ?? []), ...(lastSummary?.warnings ?? [])] };
}
