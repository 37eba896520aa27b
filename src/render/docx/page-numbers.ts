/**
 * Page numbers for the table of contents: written where they can be computed reliably,
 * else left blank for Word to fill in — never a wrong number (issue 7).
 *
 * docx writes the contents with an entry per heading; given a `pageNumbers` estimator it
 * writes their page numbers too. The estimator here is docx/layout's, which lays the pages
 * out as Word does, measuring text with our own font files. Two things stand between its
 * numbers and the pages a reader sees:
 *
 * 1. What it cannot lay out as Word does. Without `guess` it stops at the first such thing —
 *    and it does so on page 1, because Office offers a copy of Noto Sans of its own. So it
 *    runs with `guess: true` and we judge what it guessed at: the reasons in
 *    ACCEPTED_GUESSES only make text a little wider or narrower (covered by 2); any other
 *    reason leaves every number from the page it happened on blank.
 * 2. Readers differ a little from Word and from each other (LibreOffice's line heights, font
 *    versions, autospace between Han and Latin text). So each number must survive a margin:
 *    the pages are laid out twice, with the text area SLACK shorter and SLACK longer than it
 *    is, and a heading's number is written only when both layouts agree on it. Moving every
 *    page's end by SLACK models a reader whose text runs up to SLACK longer or shorter per
 *    page, accumulated over the pages before the heading.
 *
 * The contents' field is written clean when every number is known; when one is blank the
 * document asks Word to update its fields on opening (settings.ts, w:updateFields).
 */
import type { FontFile } from '../../fonts/font-set.js';
import type { EstimatedPageNumbers, PageNumberEstimator } from 'docx';

/** How much shorter and longer the text area is made: 8% of an A4 text area (about three
 * and a half lines of body text). */
export const SLACK_TWIPS = 1150;

/** Guess reasons that only change how wide some text is (docx/layout's wording). */
const ACCEPTED_GUESSES = [
  /Office offers a copy of its own/,
  /East Asian font of a run with the hint for East Asian text/,
];

export interface PageNumberOutcome {
  /** How many of the contents' entries got a number (set when docx runs the estimator). */
  written: number;
}

type LayoutModule = typeof import('docx/layout');

/** Estimators by the font files they measure with (FontFile.key, sorted). */
const estimators = new Map<string, PageNumberEstimator>();

/** docx/layout is large (1.7 MB): loaded on the first document that has a contents. */
let layoutModule: Promise<LayoutModule> | undefined;

/**
 * docx/layout's estimator for the font files a document is drawn in. docx reads every font
 * it is given when the estimator is made, so it gets the files the document uses (asked for
 * when the document is packed, after its runs are built), not all twelve of the
 * configuration; a family it has no file for is measured as docx measures unknown fonts.
 */
async function layoutEstimator(usedFiles: () => readonly FontFile[]): Promise<PageNumberEstimator> {
  layoutModule ??= import('docx/layout');
  const { estimatePageNumbersWith } = await layoutModule;
  let estimator: PageNumberEstimator | undefined;
  const lazy = ((body, context) => {
    if (!estimator) {
      const unique = [...new Map(usedFiles().map((f) => [f.key, f])).values()].sort((a, b) => (a.key < b.key ? -1 : 1));
      const key = unique.map((f) => f.key).join('\0');
      estimator = estimators.get(key);
      if (!estimator) estimators.set(key, (estimator = estimatePageNumbersWith({ fonts: unique.map((f) => ({ data: f.bytes })), guess: true })));
    }
    return estimator(body, context);
  }) as PageNumberEstimator;
  // The list numbers of the contents do not depend on fonts: from an estimator without any.
  const { listNumbers } = estimatePageNumbersWith({ guess: true }) as PageNumberEstimator;
  return listNumbers ? Object.assign(lazy, { listNumbers }) : lazy;
}

/** An estimator that keeps only the numbers both the shorter and the longer layout agree on. */
export async function reliablePageNumbers(usedFiles: () => readonly FontFile[], outcome: PageNumberOutcome): Promise<PageNumberEstimator> {
  const estimate = await layoutEstimator(usedFiles);
  const wrapped = ((body, context) => {
    const [short, long] = [-SLACK_TWIPS, SLACK_TWIPS].map((delta) => estimate(withTextAreaLonger(body, delta) as typeof body, context)) as [
      EstimatedPageNumbers,
      EstimatedPageNumbers,
    ];
    const untrusted = Math.min(firstUntrustedPage(short), firstUntrustedPage(long));
    const bookmarks = new Map<string, string>();
    const bookmarkPageNumbers = new Map<string, number>();
    for (const [name, page] of short.bookmarks) {
      const numeric = short.bookmarkPageNumbers?.get(name) ?? Number(page);
      if (long.bookmarks.get(name) !== page || !(numeric < untrusted)) continue;
      bookmarks.set(name, page);
      bookmarkPageNumbers.set(name, numeric);
    }
    outcome.written = [...bookmarks.keys()].filter((n) => n.startsWith('_Toc')).length;
    const result: EstimatedPageNumbers = { bookmarks, bookmarkPageNumbers };
    // NUMPAGES in the footer: every reader computes it as it draws, so the written value only
    // shows in previews; still, write none rather than a doubtful one.
    return short.pageCount !== undefined && short.pageCount === long.pageCount && short.pageCount < untrusted ? { ...result, pageCount: short.pageCount } : result;
  }) as PageNumberEstimator;
  if (estimate.listNumbers) Object.assign(wrapped, { listNumbers: estimate.listNumbers });
  return wrapped;
}

/** The first page from which the layout guessed at something we do not accept. */
function firstUntrustedPage(estimate: EstimatedPageNumbers): number {
  const pages = (estimate.guesses ?? []).filter((g) => !ACCEPTED_GUESSES.some((re) => re.test(g.reason))).map((g) => g.page);
  return Math.min(Infinity, ...pages);
}

/** A copy of the document body (docx's XML object tree) with every section's page `delta`
 * twips taller, so the text area between the margins grows by `delta`. */
export function withTextAreaLonger(node: unknown, delta: number): unknown {
  if (Array.isArray(node)) return node.map((n) => withTextAreaLonger(n, delta));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const attrs = key === 'w:pgSz' && value && typeof value === 'object' ? (value as { _attr?: Record<string, unknown> })._attr : undefined;
    if (attrs && attrs['w:h'] !== undefined) {
      out[key] = { ...(value as object), _attr: { ...attrs, 'w:h': Number(attrs['w:h']) + delta } };
    } else out[key] = withTextAreaLonger(value, delta);
  }
  return out;
}
