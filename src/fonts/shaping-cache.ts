/**
 * Shaping answered from earlier documents (issue 17: watch rebuilds the same text on every save).
 *
 * pdfkit shapes every word of a document through fontkit's `font.layout` (GSUB, GPOS, the cmap),
 * and keeps the runs only for that document. Across documents the same words come back (in
 * watch mode, all of them): here each parsed font keeps the runs its views shaped, and a view
 * asked again for the same text, features, script, language and direction gets a new run with
 * the same glyph ids and positions without shaping.
 *
 * What must not change is what the view's glyph objects remember (shared-fontkit.ts): fontkit
 * keeps a glyph's first code points, and pdfkit writes them to the ToUnicode map. So shaping a
 * run is recorded as the `getGlyph` calls it made, the first per glyph id in order, and a run
 * answered from here makes those same calls on the view before it collects the run's glyphs:
 * the view ends exactly as if it had shaped the text itself.
 *
 * That holds while shaping does not depend on the glyphs the view already has. It can: fontkit
 * shapes with the code points of the glyph objects it gets back, so a glyph made earlier for
 * another character (U+F900 and U+8C48 are one glyph in Noto Sans TC) changes the code points
 * handed to a ligature or substitute, or whether a glyph counts as a default-ignorable. So a run
 * is kept only if every glyph its shaping found already made remembered the code points asked
 * for (as if just made), and it is replayed only onto a view of which the same is true; else the
 * view shapes the text itself (test/fonts/shaping-cache.test.ts checks runs and glyph caches
 * against fresh fontkit fonts, property-based).
 *
 * Bounded: the runs of all fonts hold at most SHAPED_CHARACTERS_KEPT characters of text
 * (a run of a few characters kept costs ~350 bytes); past that the cache starts again empty. Not for variable fonts (positions
 * depend on the instance) or runs with anything but plain positions.
 */
import type * as fontkit from 'fontkit';

/** Some 20–30 MB of runs per thread at most (runs are mostly words of 2–4 characters). */
const SHAPED_CHARACTERS_KEPT = 200_000;

interface ShapedRun {
  /**
   * Up to `callsEnd`: the first getGlyph call per glyph id while shaping (id, count of code
   * points, code points…); then per glyph, in order: its id, xAdvance, yAdvance, xOffset,
   * yOffset. One plain array: most runs are a word or two, and a typed array costs ~200 bytes
   * more than the numbers it holds (a run kept: ~1,000 bytes with three of them, ~350 so).
   */
  data: readonly number[];
  callsEnd: number;
  script: unknown;
  language: unknown;
  direction: unknown;
  /** Shared by all runs shaped with the same features (copied for each run handed out). */
  features: Readonly<Record<string, unknown>>;
  runPrototype: object;
  positionPrototype: object;
}

type GetGlyph = (id: number, codePoints?: number[]) => fontkit.Glyph | null;
type Layout = (text: string, features?: unknown, script?: unknown, language?: unknown, direction?: unknown) => fontkit.GlyphRun;
interface ShapingView {
  getGlyph: GetGlyph;
  _glyphs: Record<number, { codePoints: number[] } | null | undefined>;
  directory: { tables: Record<string, unknown> };
}

const runsByFont = new WeakMap<object, Map<string, ShapedRun>>();
let charactersKept = 0;
/** Fonts with runs kept, so that all can be emptied at the limit (a WeakMap cannot be cleared). */
let fontsWithRuns: Map<string, ShapedRun>[] = [];

const RUN_KEYS = ['glyphs', 'positions', 'script', 'language', 'direction', 'features'].join();
const POSITION_KEYS = ['xAdvance', 'yAdvance', 'xOffset', 'yOffset'].join();

/**
 * fontkit's `layout` on a font view (`this`), answered from the runs of earlier views of the same
 * parsed font (`parsed`) where it can be. `shape` is fontkit's own layout.
 */
export function layoutWithCache(view: ShapingView, parsed: object, shape: Layout, args: Parameters<Layout>): fontkit.GlyphRun {
  const [text, features, script, language, direction] = args;
  const key = keyOf(text, features, script, language, direction);
  if (key === undefined || view.directory.tables.fvar) return shape.apply(view, args);
  let runs = runsByFont.get(parsed);
  const known = runs?.get(key);
  if (known && fitsView(view, known.data, known.callsEnd)) return replay(view, known);

  const calls: number[] = [];
  const asked = new Set<number>();
  let dependsOnView = false;
  const getGlyph = view.getGlyph;
  const hadOwn = Object.prototype.hasOwnProperty.call(view, 'getGlyph');
  view.getGlyph = function recording(this: ShapingView, id: number, codePoints?: number[]) {
    if (!asked.has(id)) {
      asked.add(id);
      const cps = codePoints ?? [];
      const had = this._glyphs[id];
      if (had && !codePointsAre(had.codePoints, cps, 0, cps.length)) dependsOnView = true;
      calls.push(id, cps.length, ...cps);
    }
    return getGlyph.call(this, id, codePoints);
  };
  let run: fontkit.GlyphRun;
  try {
    run = shape.apply(view, args);
  } finally {
    if (hadOwn) view.getGlyph = getGlyph;
    else delete (view as Partial<ShapingView>).getGlyph;
  }
  const shaped = dependsOnView ? undefined : recordOf(run, calls);
  if (shaped) {
    if (charactersKept + text.length > SHAPED_CHARACTERS_KEPT) {
      for (const m of fontsWithRuns) m.clear();
      fontsWithRuns = [];
      featureSets.clear();
      charactersKept = 0;
    }
    if (!runs) runsByFont.set(parsed, (runs = new Map()));
    if (!runs.size) fontsWithRuns.push(runs);
    runs.set(key, shaped);
    charactersKept += text.length;
  }
  return run;
}

function keyOf(text: unknown, features: unknown, script: unknown, language: unknown, direction: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const plain = (v: unknown) => v === undefined || v === null || typeof v === 'string';
  if (!plain(script) || !plain(language) || !plain(direction)) return undefined;
  let f: string;
  if (features === undefined || features === null) f = '';
  else if (Array.isArray(features) && features.every((x) => typeof x === 'string')) f = features.join(',');
  else if (typeof features === 'object' && Object.values(features).every((x) => typeof x === 'boolean')) f = JSON.stringify(features);
  else return undefined;
  return `${f}\u0000${script ?? ''}\u0000${language ?? ''}\u0000${direction ?? ''}\u0000${text}`;
}

/** What replaying needs of a run just shaped, or undefined for a run of another form. */
function recordOf(run: fontkit.GlyphRun, calls: number[]): ShapedRun | undefined {
  if (Object.keys(run).join() !== RUN_KEYS) return undefined;
  const n = run.glyphs.length;
  if (run.positions.length !== n || !n) return undefined;
  const glyphs: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = run.glyphs[i];
    const p = run.positions[i] as unknown as Record<string, number>;
    if (!g || Object.keys(p).join() !== POSITION_KEYS) return undefined;
    glyphs.push(g.id, p.xAdvance!, p.yAdvance!, p.xOffset!, p.yOffset!);
  }
  const r = run as unknown as { script: unknown; language: unknown; direction: unknown; features: Record<string, unknown> };
  return {
    // concat: an array of exactly this length (push leaves spare room).
    data: calls.concat(glyphs),
    callsEnd: calls.length,
    script: r.script,
    language: r.language,
    direction: r.direction,
    features: sharedFeatures(r.features),
    runPrototype: Object.getPrototypeOf(run) as object,
    positionPrototype: Object.getPrototypeOf(run.positions[0]) as object,
  };
}

/** One frozen copy per distinct feature set (a run's features object is ~20 booleans). */
const featureSets = new Map<string, Readonly<Record<string, unknown>>>();
function sharedFeatures(features: Record<string, unknown>): Readonly<Record<string, unknown>> {
  const key = JSON.stringify(features);
  let shared = featureSets.get(key);
  if (!shared) featureSets.set(key, (shared = Object.freeze({ ...features })));
  return shared;
}

/** None of the recorded calls finds a glyph of the view that remembers other code points. */
function fitsView(view: ShapingView, calls: readonly number[], end: number): boolean {
  for (let i = 0; i < end; ) {
    const count = calls[i + 1]!;
    const had = view._glyphs[calls[i]!];
    if (had && !codePointsAre(had.codePoints, calls, i + 2, count)) return false;
    i += 2 + count;
  }
  return true;
}

/** `a` holds the `count` code points of `flat` from `at`. */
function codePointsAre(a: readonly number[], flat: ArrayLike<number>, at: number, count: number): boolean {
  if (a.length !== count) return false;
  for (let k = 0; k < count; k++) if (a[k] !== flat[at + k]) return false;
  return true;
}

/** A new run like the recorded one, after the view has made the recorded getGlyph calls. */
function replay(view: ShapingView, shaped: ShapedRun): fontkit.GlyphRun {
  const { data: d, callsEnd } = shaped;
  for (let i = 0; i < callsEnd; ) {
    const id = d[i]!;
    const count = d[i + 1]!;
    view.getGlyph(id, d.slice(i + 2, i + 2 + count));
    i += 2 + count;
  }
  const n = (d.length - callsEnd) / 5;
  const glyphs: (fontkit.Glyph | null)[] = new Array(n);
  const positions: object[] = new Array(n);
  for (let i = 0, at = callsEnd; i < n; i++, at += 5) {
    // Every id of the run was asked for while shaping, so this only finds the view's glyph.
    glyphs[i] = view.getGlyph(d[at]!);
    const p = Object.create(shaped.positionPrototype) as Record<string, number>;
    p.xAdvance = d[at + 1]!;
    p.yAdvance = d[at + 2]!;
    p.xOffset = d[at + 3]!;
    p.yOffset = d[at + 4]!;
    positions[i] = p;
  }
  const run = Object.create(shaped.runPrototype) as Record<string, unknown>;
  run.glyphs = glyphs;
  run.positions = positions;
  run.script = shaped.script;
  run.language = shaped.language;
  run.direction = shaped.direction;
  run.features = { ...shaped.features };
  return run as unknown as fontkit.GlyphRun;
}
