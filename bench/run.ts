/**
 * `npm run bench`: how fast briefpack is, measured the way people use it, with the bundled
 * CLI in fresh processes: `build` as `npm run build` starts it (scripts/build.sh, from the
 * startup snapshot), the other commands as bin/briefpack.js.
 *
 *   cold    one 3-page brief to PDF and DOCX in a new process (`build --force`), in the sample
 *           project and in a 3,000-release corpus; median of several runs;
 *   watch   `briefpack watch` on that brief: time from saving the spec to both files written;
 *   full    100 briefs of ~10 pages from 3,000 releases, nothing cached: wall time, briefs/s,
 *           peak RSS (all threads), output sizes; then the same build again with nothing
 *           changed, and with one release changed;
 *   scales  10 briefs of 5–50 pages from 30 releases (`--full`: more scales);
 *   pages/s 20 briefs of 10 pages: pages per second of a full build, beside Typst's pages
 *           per second on one 50-page document of the same kind;
 *   scaling one paragraph of 2,000 and of 20,000 words: the ratio of the times (linear: 10),
 *           and `check` of the long one;
 *   pandoc  when `pandoc` is installed: pandoc's time to turn the same 3-page content into
 *           DOCX, in the same run, as a ratio to ours;
 *   Typst   when @myriaddreamin/typst-ts-node-compiler is installed: a cold compile of the
 *           same content to PDF only, in a fresh process, as a ratio to our PDF + DOCX.
 * Peers (bench/peers.ts) that are not installed are skipped, and the table says so. The
 * machine's load average (`uptime`) is recorded with every figure: on a shared machine
 * the figures are only as good as the load lets them be.
 * Results go to bench/results/<time>.json (and latest.json); a Markdown table is printed, and
 * written into the README between the bench markers with `--readme`.
 *
 *   npm run bench              the default run (< 5 minutes on 2 cores)
 *   npm run bench -- --full    more scales
 *   npm run bench -- --readme  also update the table in README.md
 *   npm run bench -- --runs 9  more runs for the medians (default 5)
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DocumentModel } from '../src/model/model.js';
import { pdfPageCount } from '../src/render/shared/page-count.js';
import { generateProject, REPO_ROOT } from './generate.js';
import { measureSubsetting, modelToMarkdown, modelToTypst, pandocVersion, projectFontsForTypst, typstCompileScript, typstCompilerPath } from './peers.js';
import { longParagraphProject } from './scaling.js';

const BIN = path.join(REPO_ROOT, 'bin', 'briefpack.js');
const { values: flags } = parseArgs({ options: { full: { type: 'boolean' }, readme: { type: 'boolean' }, runs: { type: 'string' } } });
const RUNS = Number(flags.runs ?? 5);
const work = mkdtempSync(path.join(os.tmpdir(), 'briefpack-bench-'));
const started = performance.now();

interface CliResult {
  wall: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `build` as `npm run build` starts it (scripts/build.sh: from the startup snapshot), without npm's own start-up. */
const BUILD_SCRIPT = path.join(REPO_ROOT, 'scripts', 'build.sh');

function cli(args: string[], cwd: string): CliResult {
  const t = performance.now();
  const r = args[0] === 'build' ? spawnSync('sh', [BUILD_SCRIPT, ...args.slice(1)], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 }) : spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  const wall = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`briefpack ${args.join(' ')} exited ${r.status}:\n${r.stderr}\n${r.stdout.slice(-2000)}`);
  return { wall, code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function summaryOf(r: CliResult): Record<string, unknown> & { outputBytes: Record<string, number>; peakRssMB: number; built: number; skipped: number } {
  const last = r.stdout.trim().split('\n').at(-1)!;
  return JSON.parse(last);
}

/** Mean milliseconds per built brief for each step (fonts, model, pdf, docx), from the events. */
function stepTimes(r: CliResult): Record<string, number> {
  const sums: Record<string, number> = {};
  let n = 0;
  for (const line of r.stdout.trim().split('\n')) {
    const e = JSON.parse(line) as { event: string; status?: string; timings?: Record<string, number> };
    if (e.event !== 'brief' || e.status !== 'built' || !e.timings) continue;
    n++;
    for (const [k, v] of Object.entries(e.timings)) sums[k] = (sums[k] ?? 0) + v;
  }
  return Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, Math.round(v / Math.max(1, n))]));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const round = (x: number, d = 3) => Number(x.toFixed(d));

function sampleProject(): string {
  const dir = path.join(work, 'sample');
  mkdirSync(dir);
  for (const d of ['releases', 'templates', 'fonts', 'briefs']) cpSync(path.join(REPO_ROOT, d), path.join(dir, d), { recursive: true });
  cpSync(path.join(REPO_ROOT, 'package.json'), path.join(dir, 'package.json'));
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

function log(line: string) {
  process.stderr.write(`${line}\n`);
}

/** Cold: a new process per run, `--force` so it really renders; the first run warms the OS file cache. */
function cold(project: string, brief: string) {
  const out = path.join(project, 'out-cold');
  cli(['build', brief, '--force', '--json', '--out', out], project);
  const walls: number[] = [];
  let summary;
  const perRun: Record<string, number>[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = cli(['build', brief, '--force', '--json', '--out', out], project);
    walls.push(r.wall);
    summary = summaryOf(r);
    perRun.push(stepTimes(r));
  }
  const steps = Object.fromEntries(['fonts', 'model', 'pdf', 'docx'].map((k) => [k, Math.round(median(perRun.map((t) => t[k] ?? 0)))]));
  const name = path.basename(brief, '.yaml');
  const pages = pdfPageCount(readFileSync(path.join(out, `${name}.pdf`)));
  return { brief, pages, wallMedian: round(median(walls)), wallMin: round(Math.min(...walls)), runs: walls.map((w) => round(w)), stepsMs: steps, peakRssMB: summary!.peakRssMB, outputBytes: summary!.outputBytes, load: load() };
}

/** Warm: one watch process; each round saves the spec and waits for the build to be written. */
async function watchEdits(project: string, brief: string) {
  const child = spawn(process.execPath, [BIN, 'watch', brief, '--json', '--out', path.join(project, 'out-watch')], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
  let buffer = '';
  let lastTimings: Record<string, number> = {};
  const steps: Record<string, number>[] = [];
  let waiting: { test: (e: Record<string, unknown>) => boolean; resolve: (e: Record<string, unknown>) => void } | undefined;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      const e = JSON.parse(line) as Record<string, unknown>;
      if (e.event === 'brief' && e.status === 'built') lastTimings = e.timings as Record<string, number>;
      if (waiting?.test(e)) {
        const w = waiting;
        waiting = undefined;
        w.resolve(e);
      }
    }
  });
  const next = (test: (e: Record<string, unknown>) => boolean) => new Promise<Record<string, unknown>>((resolve) => (waiting = { test, resolve }));
  await next((e) => e.event === 'watching');
  const spec = path.join(project, brief);
  const original = readFileSync(spec, 'utf8');
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const done = next((e) => e.event === 'summary');
    const t = performance.now();
    writeFileSync(spec, original.replace(/^subtitle: (.*)$/m, `subtitle: $1 (edit ${i})`));
    const summary = await done;
    if (summary.built !== 1) throw new Error(`watch: expected one brief rebuilt, got ${JSON.stringify(summary)}`);
    if (i > 0) steps.push(lastTimings);
    // The first edit also loads what the initial build did not need; count the others.
    if (i > 0) times.push((performance.now() - t) / 1000);
  }
  writeFileSync(spec, original);
  child.kill('SIGINT');
  await new Promise((r) => child.on('exit', r));
  const stepsMs = Object.fromEntries(['model', 'pdf', 'docx'].map((k) => [k, Math.round(median(steps.map((t) => t[k] ?? 0)))]));
  return { brief, editToBothFilesMedian: round(median(times)), editToBothFilesMin: round(Math.min(...times)), runs: times.map((x) => round(x)), stepsMs, load: load() };
}

function fullBuild(project: string, label: string) {
  rmSync(path.join(project, '.briefpack-cache'), { recursive: true, force: true });
  rmSync(path.join(project, 'output'), { recursive: true, force: true });
  const first = cli(['build', '--json', '--out', 'output'], project);
  const s = summaryOf(first);
  const again = cli(['build', '--json', '--out', 'output'], project);
  const s2 = summaryOf(again);
  if (s2.built !== 0) throw new Error(`${label}: a no-change rebuild built ${s2.built} briefs`);
  const briefs = s.built;
  return {
    label,
    briefs,
    wall: round(first.wall),
    briefsPerSecond: round(briefs / first.wall, 1),
    peakRssMB: s.peakRssMB,
    outputBytes: s.outputBytes,
    meanPdfKB: round((s.outputBytes.pdf ?? 0) / briefs / 1024, 0),
    meanDocxKB: round((s.outputBytes.docx ?? 0) / briefs / 1024, 0),
    /** Mean ms per brief and step, in its thread (two threads build at once). */
    stepsMs: stepTimes(first),
    noChangeWall: round(again.wall),
    load: load(),
  };
}

/** Change one release: only the briefs that quote it are rebuilt. */
function oneReleaseChanged(project: string, release: string) {
  const file = path.join(project, 'releases', `${release}.md`);
  writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n\nA paragraph added by the benchmark.\n`);
  const r = cli(['build', '--json', '--out', 'output'], project);
  const s = summaryOf(r);
  return { release, rebuilt: s.built, skipped: s.skipped, wall: round(r.wall) };
}

// --- peers ----------------------------------------------------------------------------------

/** The model of a brief, as our build emits it. */
function emitModel(project: string, brief: string, out: string): DocumentModel {
  cli(['build', brief, '--force', '--emit', 'model', '--format', 'docx', '--out', out], project);
  return JSON.parse(readFileSync(path.join(out, `${path.basename(brief, '.yaml')}.model.json`), 'utf8')) as DocumentModel;
}

function pandoc(project: string, brief: string, oursDocx: number, oursBoth: number) {
  if (!pandocVersion()) return null;
  const out = path.join(project, 'out-pandoc');
  const model = emitModel(project, brief, out);
  const md = path.join(out, 'brief.md');
  writeFileSync(md, modelToMarkdown(model));
  const walls: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t = performance.now();
    const r = spawnSync('pandoc', [md, '-o', path.join(out, 'pandoc.docx')]);
    if (r.status !== 0) throw new Error(`pandoc failed: ${r.stderr}`);
    if (i > 0) walls.push((performance.now() - t) / 1000);
  }
  const version = pandocVersion();
  const p = median(walls);
  return { version, pandocDocxMedian: round(p), oursDocxOnlyMedian: round(oursDocx), oursBothMedian: round(oursBoth), ratioDocxOnly: round(oursDocx / p, 1), ratioBoth: round(oursBoth / p, 1) };
}

function coldDocxOnly(project: string, brief: string) {
  const walls: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const r = cli(['build', brief, '--force', '--format', 'docx', '--json', '--out', path.join(project, 'out-docx')], project);
    if (i > 0) walls.push(r.wall);
  }
  return median(walls);
}

/** Typst, cold, in a fresh process per run: the brief's content to PDF. */
function typst(project: string, brief: string, label: string) {
  const compiler = typstCompilerPath();
  if (!compiler) return null;
  const out = path.join(project, `out-typst-${label}`);
  const model = emitModel(project, brief, out);
  const fonts = projectFontsForTypst(project);
  const typ = path.join(out, 'brief.typ');
  const pdf = path.join(out, 'typst.pdf');
  writeFileSync(typ, modelToTypst(model, fonts));
  const script = typstCompileScript(compiler, fonts.files, typ, pdf);
  const walls: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`Typst failed on ${brief}: ${r.stderr}`);
    if (i > 0) walls.push((performance.now() - t) / 1000);
  }
  const pkg = JSON.parse(readFileSync(path.join(path.dirname(compiler), 'package.json'), 'utf8')) as { version: string };
  const pages = pdfPageCount(readFileSync(pdf));
  return { version: `typst-ts-node-compiler ${pkg.version}`, pages, wallMedian: round(median(walls)), pagesPerSecond: round(pages / median(walls), 1), load: load() };
}

/** Pages per second of a full build of many briefs (all pages of all PDFs over the wall time). */
function pagesPerSecond(project: string, label: string) {
  const r = fullBuild(project, label);
  const out = path.join(project, 'output');
  let pages = 0;
  for (const f of readdirSync(out)) if (f.endsWith('.pdf')) pages += pdfPageCount(readFileSync(path.join(out, f)));
  return { ...r, pages, pagesPerSecond: round(pages / r.wall, 1) };
}

/** One paragraph of 2,000 and of 20,000 words, cold builds: how the cost grows with length. */
function scaling() {
  const runs = Math.max(3, Math.ceil(RUNS / 2));
  const one = (words: number) => {
    const p = longParagraphProject(path.join(work, `long-${words}`), words);
    const out = path.join(p.root, 'out');
    const walls: number[] = [];
    const work_: number[] = [];
    let pages = 0;
    for (let i = 0; i <= runs; i++) {
      const r = cli(['build', p.brief, '--force', '--json', '--out', out], p.root);
      const steps = stepTimes(r);
      if (i > 0) {
        walls.push(r.wall);
        // The work that depends on the text: model, PDF and DOCX (not start-up, not fonts).
        work_.push(((steps.model ?? 0) + (steps.pdf ?? 0) + (steps.docx ?? 0)) / 1000);
      }
      pages = pdfPageCount(readFileSync(path.join(out, 'long-paragraph.pdf')));
    }
    const check = cli(['check', p.brief], p.root).wall;
    return { words, pages, wallMedian: round(median(walls)), stepsMedian: round(median(work_)), checkWall: round(check), peakRssMB: summaryOf(cli(['build', p.brief, '--force', '--json', '--out', out], p.root)).peakRssMB };
  };
  const short = one(2000);
  const long = one(20000);
  return { short, long, wallRatio: round(long.wallMedian / short.wallMedian, 1), stepsRatio: round(long.stepsMedian / short.stepsMedian, 1), load: load() };
}

/** The 1-minute load average now (what `uptime` shows first). */
function load(): number {
  return round(os.loadavg()[0]!, 2);
}

// --- the run --------------------------------------------------------------------------------

const machine = {
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryGB: round(os.totalmem() / 1024 ** 3, 1),
  platform: `${os.platform()} ${os.release()}`,
  loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
};
log(`briefpack bench in ${work} (${machine.cpus} CPUs, node ${machine.node}, load ${machine.loadAverageAtStart.join(' ')})`);

const sample = sampleProject();
const SAMPLE_BRIEF = 'briefs/cambodia-law-enforcement-meeting.yaml';
log('cold build, sample project …');
const coldSample = cold(sample, SAMPLE_BRIEF);
log(`  ${coldSample.wallMedian} s (median of ${RUNS})`);

log('generating 3,000 releases and 100 briefs of ~10 pages …');
let t = performance.now();
const big = generateProject(path.join(work, 'corpus-3000'), {
  releases: 3000,
  briefs: 100,
  pages: 10,
  extra: [
    { file: 'extra/three-pages.yaml', pages: 3 },
    { file: 'extra/fifty-pages.yaml', pages: 50 },
  ],
});
log(`  in ${round((performance.now() - t) / 1000, 1)} s`);

log('cold build, 3,000-release corpus …');
const coldBig = cold(big.root, 'extra/three-pages.yaml');
log(`  ${coldBig.wallMedian} s`);

log('watch: save → both files written …');
const watchSample = await watchEdits(sample, SAMPLE_BRIEF);
log(`  ${watchSample.editToBothFilesMedian} s (sample project)`);
const watchBig = await watchEdits(big.root, 'extra/three-pages.yaml');
log(`  ${watchBig.editToBothFilesMedian} s (3,000-release corpus)`);

log('full build: 100 briefs from 3,000 releases …');
const full = fullBuild(big.root, '3,000 releases, 100 briefs × 10 pages');
log(`  ${full.wall} s, ${full.briefsPerSecond} briefs/s, ${full.peakRssMB} MB peak; no-change rebuild ${full.noChangeWall} s`);
const quoted = big.briefs[0]!.releases[0]!;
const changed = oneReleaseChanged(big.root, quoted);
log(`  one release changed: ${changed.rebuilt} rebuilt in ${changed.wall} s`);

const scales: ReturnType<typeof fullBuild>[] = [];
const scaleSpecs: { releases: number; briefs: number; pages: [number, number] }[] = [{ releases: 30, briefs: 10, pages: [5, 50] }];
if (flags.full) scaleSpecs.push({ releases: 300, briefs: 100, pages: [5, 50] }, { releases: 3000, briefs: 100, pages: [5, 50] });
for (const s of scaleSpecs) {
  const label = `${s.releases} releases, ${s.briefs} briefs × ${s.pages[0]}–${s.pages[1]} pages`;
  log(`scale: ${label} …`);
  const p = generateProject(path.join(work, `scale-${s.releases}-${s.briefs}`), s);
  scales.push(fullBuild(p.root, label));
  log(`  ${scales.at(-1)!.wall} s, ${scales.at(-1)!.briefsPerSecond} briefs/s`);
}

log('pages per second: 20 briefs × 10 pages from 300 releases …');
const twenty = pagesPerSecond(generateProject(path.join(work, 'twenty'), { releases: 300, briefs: 20, pages: 10 }).root, '300 releases, 20 briefs × 10 pages');
log(`  ${twenty.pages} pages in ${twenty.wall} s: ${twenty.pagesPerSecond} pages/s`);

log('scaling: one paragraph of 2,000 and 20,000 words …');
const scale = scaling();
log(`  ${scale.short.stepsMedian} s → ${scale.long.stepsMedian} s of work (×${scale.stepsRatio}); cold builds ${scale.short.wallMedian} s → ${scale.long.wallMedian} s (×${scale.wallRatio})`);

log('Typst …');
const typstSample = typst(sample, SAMPLE_BRIEF, 'sample');
const typstFifty = typstSample ? typst(big.root, 'extra/fifty-pages.yaml', 'fifty') : null;
log(typstSample && typstFifty ? `  ${typstSample.wallMedian} s cold (${typstSample.pages} pages); 50-page brief ${typstFifty.pages} pages at ${typstFifty.pagesPerSecond} pages/s` : '  @myriaddreamin/typst-ts-node-compiler not installed: skipped');

log('DOCX font subsetting …');
const subsetting = await measureSubsetting(REPO_ROOT, [10, 100, 1000, 3000], RUNS);
log(subsetting ? `  ${subsetting.rows.map((r) => `${r.chars} chars ${r.oursMs} ms (subset-font ${r.subsetFontMs} ms)`).join('; ')}` : '  no noto-sans-tc face: skipped');

log('pandoc …');
const pandocResult = pandoc(sample, SAMPLE_BRIEF, coldDocxOnly(sample, SAMPLE_BRIEF), coldSample.wallMedian);
log(pandocResult ? `  pandoc ${pandocResult.pandocDocxMedian} s; ours ×${pandocResult.ratioDocxOnly} (DOCX only), ×${pandocResult.ratioBoth} (PDF and DOCX)` : '  not installed: skipped');

const results = {
  date: new Date().toISOString(),
  machine,
  runs: RUNS,
  targets: {
    coldOneBriefBothFormats: { target: 0.35, measured: coldSample.wallMedian, bigCorpus: coldBig.wallMedian },
    watchEditToBothFiles: { target: 0.15, measured: watchSample.editToBothFilesMedian, bigCorpus: watchBig.editToBothFilesMedian },
    fullBuildBriefsPerSecond: { target: 20, measured: full.briefsPerSecond },
    fullBuildPeakRssMB: { target: 500, measured: full.peakRssMB },
    noChangeRebuildSeconds: { target: 1, measured: full.noChangeWall },
    coldVsTypstRatio: { target: 1, measured: typstSample ? round(coldSample.wallMedian / typstSample.wallMedian, 2) : null },
    pagesPerSecondVsTypstRatio: { target: 1, measured: typstFifty ? round(twenty.pagesPerSecond / typstFifty.pagesPerSecond, 2) : null },
    tenTimesLongerParagraph: { target: 12, measured: scale.stepsRatio },
  },
  cold: { sample: coldSample, bigCorpus: coldBig },
  watch: { sample: watchSample, bigCorpus: watchBig },
  full,
  oneReleaseChanged: changed,
  scales,
  twentyBriefs: twenty,
  subsetting,
  scaling: scale,
  typst: typstSample ? { sample: typstSample, fiftyPages: typstFifty } : null,
  pandoc: pandocResult,
  benchSeconds: round((performance.now() - started) / 1000, 1),
};

const resultsDir = path.join(REPO_ROOT, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
const stamp = results.date.replace(/[:.]/g, '-');
writeFileSync(path.join(resultsDir, `${stamp}.json`), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);

const steps = (ms: Record<string, number>) =>
  ['fonts', 'model', 'pdf', 'docx']
    .filter((k) => ms[k] !== undefined)
    .map((k) => `${k} ${ms[k]} ms`)
    .join(', ');
const ok = (measured: number, target: number, higherIsBetter = false) => ((higherIsBetter ? measured >= target : measured <= target) ? 'yes' : 'no');
const kb = (b: number) => `${Math.round(b / 1024)} KB`;
const table = [
  `Measured ${results.date.slice(0, 10)} on ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}, load average ${machine.loadAverageAtStart[0]} at start and ${load()} at the end (the 1-minute load is given with each figure: above ${machine.cpus}, other work shared the CPUs and the times are longer than on a quiet machine); medians of ${RUNS} runs.`,
  '',
  '| what | target | measured | met |',
  '|---|---|---|---|',
  `| cold \`build\` of one ${coldSample.pages}-page brief, PDF + DOCX (sample project) | ≤ 0.35 s | ${coldSample.wallMedian} s (best ${coldSample.wallMin} s; medians of its steps: ${steps(coldSample.stepsMs)}; load ${coldSample.load}) | ${ok(coldSample.wallMedian, 0.35)} |`,
  typstSample
    ? `| the same content, Typst to PDF only, cold (${typstSample.version}, ${typstSample.pages} pages) | ours ≤ Typst | Typst ${typstSample.wallMedian} s; ours ×${results.targets.coldVsTypstRatio.measured} (load ${typstSample.load}) | ${ok(results.targets.coldVsTypstRatio.measured!, 1)} |`
    : '| the same content, Typst to PDF only | ours ≤ Typst | @myriaddreamin/typst-ts-node-compiler not installed: skipped | |',
  `| pages/s, full build of ${twenty.label} | ≥ Typst on 50 pages | ${twenty.pagesPerSecond} pages/s (${twenty.pages} pages in ${twenty.wall} s, ${twenty.peakRssMB} MB; load ${twenty.load})${typstFifty ? `; Typst ${typstFifty.pagesPerSecond} pages/s on a ${typstFifty.pages}-page brief (${typstFifty.wallMedian} s cold; ×${results.targets.pagesPerSecondVsTypstRatio.measured})` : '; Typst not installed'} | ${typstFifty ? ok(twenty.pagesPerSecond, typstFifty.pagesPerSecond, true) : ''} |`,
  `| one paragraph, 2,000 → 20,000 words (${scale.short.pages} → ${scale.long.pages} pages) | ≤ ×12 | ×${scale.stepsRatio} of model + PDF + DOCX (${scale.short.stepsMedian} s → ${scale.long.stepsMedian} s); cold builds ${scale.short.wallMedian} s → ${scale.long.wallMedian} s (×${scale.wallRatio}), \`check\` of the long one ${scale.long.checkWall} s, ${scale.long.peakRssMB} MB (load ${scale.load}) | ${ok(scale.stepsRatio, 12)} |`,
  `| the same, ${coldBig.pages}-page brief in a 3,000-release corpus | — | ${coldBig.wallMedian} s | |`,
  `| watch: save → both files written | ≤ 150 ms | ${Math.round(watchSample.editToBothFilesMedian * 1000)} ms (3,000 releases: ${Math.round(watchBig.editToBothFilesMedian * 1000)} ms; PDF and DOCX on two threads: ${steps(watchSample.stepsMs)}; load ${watchSample.load}) | ${ok(watchSample.editToBothFilesMedian, 0.15)} |`,
  `| full build, ${full.label} | ≥ 20 briefs/s | ${full.briefsPerSecond} briefs/s (${full.wall} s; per brief: ${steps(full.stepsMs)}; load ${full.load}) | ${ok(full.briefsPerSecond, 20, true)} |`,
  `| peak RSS of that build (all threads) | ≤ 500 MB | ${full.peakRssMB} MB | ${ok(full.peakRssMB, 500)} |`,
  `| no-change rebuild of it | ≤ 1 s | ${full.noChangeWall} s | ${ok(full.noChangeWall, 1)} |`,
  `| one release changed | — | ${changed.rebuilt} of ${full.briefs} briefs rebuilt in ${changed.wall} s | |`,
  ...scales.map((s) => `| full build, ${s.label} | — | ${s.briefsPerSecond} briefs/s (${s.wall} s), no-change ${s.noChangeWall} s, ${s.peakRssMB} MB | |`),
  `| output sizes (100 × 10 pages) | — | PDF ${full.meanPdfKB} KB, DOCX ${full.meanDocxKB} KB per brief; sample brief ${kb(coldSample.outputBytes.pdf ?? 0)} + ${kb(coldSample.outputBytes.docx ?? 0)} | |`,
  subsetting
    ? `| DOCX font subsetting (\`embed_fonts\`), Noto Sans TC (${subsetting.fontMB} MB), by characters kept | — | ${subsetting.rows.map((r) => `${r.chars}: ${r.oursMs} ms`).join(', ')} (before, whole file each time: ${subsetting.rows.map((r) => `${r.subsetFontMs} ms`).join(', ')}) | |`
    : '| DOCX font subsetting | — | skipped | |',
  pandocResult
    ? `| pandoc → DOCX, same content (${pandocResult.version}) | — | ${pandocResult.pandocDocxMedian} s; ours ${pandocResult.oursDocxOnlyMedian} s DOCX only (×${pandocResult.ratioDocxOnly}), ${pandocResult.oursBothMedian} s both (×${pandocResult.ratioBoth}) | |`
    : '| pandoc → DOCX | — | pandoc not installed | |',
].join('\n');
process.stdout.write(`${table}\n`);

if (flags.readme) {
  const readme = path.join(REPO_ROOT, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  if (text.includes(start) && text.includes(end)) {
    writeFileSync(readme, `${text.slice(0, text.indexOf(start) + start.length)}\n${table}\n${text.slice(text.indexOf(end))}`);
    log('README.md table updated');
  }
}
rmSync(work, { recursive: true, force: true });
log(`bench done in ${results.benchSeconds} s; results in bench/results/latest.json`);
if (!existsSync(path.join(resultsDir, 'latest.json'))) process.exitCode = 1;
