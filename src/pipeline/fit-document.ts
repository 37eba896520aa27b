/**
 * Fits a composed document to its template's page limit (`max_pages:`), measured with the
 * real PDF renderer: the brief as the editor wrote it if it fits, else the fewest cuts of
 * the fitting policy (template/fit.ts) that make it fit, each cut a warning; if even every
 * cut does not fit, BP403 naming the excerpts whose removal would. Page counts only fall as
 * cuts are added, so the number of cuts is found by bisection (a handful of renders).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DocumentModel } from '../model/model.js';
import type { FontSet } from '../fonts/font-set.js';
import { RENDERERS } from '../render/index.js';
import { pdfPageCount } from '../render/shared/page-count.js';
import { applyCuts, cannotFit, cutWarnings, fitPlan, removalOrder } from '../template/fit.js';
import type { ResolvedBrief } from '../resolve/resolve.js';
import type { ComposedDocument } from './compose-document.js';

export type FitResult = { ok: true; document: ComposedDocument; pdf: Uint8Array | undefined } | { ok: false; diagnostics: Diagnostic[] };

export async function fitDocument(composed: ComposedDocument, options: { fonts: FontSet }): Promise<FitResult> {
  const { template } = composed;
  const maxPages = template.maxPages;
  if (maxPages === null) return { ok: true, document: composed, pdf: undefined };
  const render = (model: DocumentModel) => RENDERERS.pdf(model, { fonts: options.fonts, ...composed.renderOptions });
  const measured = new Map<string, { pages: number; pdf: Uint8Array; model: DocumentModel } | { diagnostics: Diagnostic[] }>();
  const measure = async (key: string, brief: ResolvedBrief) => {
    let hit = measured.get(key);
    if (!hit) {
      const assembled = key === '0/0' ? { model: composed.model } : composed.assemble(brief);
      if ('diagnostics' in assembled) hit = { diagnostics: assembled.diagnostics };
      else {
        const pdf = await render(assembled.model);
        hit = { pages: pdfPageCount(pdf), pdf, model: assembled.model };
      }
      measured.set(key, hit);
    }
    return hit;
  };
  const plan = fitPlan(composed.brief);
  const withCuts = (k: number) => measure(`${k}/0`, applyCuts(composed.brief, plan.slice(0, k)));
  const first = await withCuts(0);
  if ('diagnostics' in first) return { ok: false, diagnostics: first.diagnostics };
  if (first.pages <= maxPages) return { ok: true, document: composed, pdf: first.pdf };

  const all = await withCuts(plan.length);
  if ('diagnostics' in all) return { ok: false, diagnostics: all.diagnostics };
  if (all.pages > maxPages) {
    // Nothing more to cut: find the fewest excerpts whose removal would make it fit, to name them.
    const order = removalOrder(composed.brief);
    const without = (r: number) => measure(`${plan.length}/${r}`, applyCuts(composed.brief, plan, order.slice(0, r)));
    let remove: typeof order | null = null;
    const none = await without(order.length);
    if (!('diagnostics' in none) && none.pages <= maxPages) remove = order.slice(0, await fewestThatFit(order.length, without, maxPages));
    return {
      ok: false,
      diagnostics: [
        cannotFit({ template: template.name, maxPages, pages: all.pages, remove, specFile: template.specFile, specPosition: template.specPosition }),
      ],
    };
  }
  // The fewest cuts that fit: pages(k) falls as k grows, and pages(0) > max ≥ pages(plan.length).
  const lo = await fewestThatFit(plan.length, withCuts, maxPages);
  const fitted = await withCuts(lo);
  if ('diagnostics' in fitted) return { ok: false, diagnostics: fitted.diagnostics };
  const cuts = plan.slice(0, lo);
  const brief = applyCuts(composed.brief, cuts);
  return {
    ok: true,
    document: { ...composed, model: fitted.model, brief, warnings: [...composed.warnings, ...cutWarnings(cuts, template.name, maxPages)] },
    pdf: fitted.pdf,
  };
}

/** The smallest k in 1..n for which `measureAt(k)` fits in `maxPages`, by bisection, given
 * that fitting is monotone in k and k = n fits (the callers measure n first). */
async function fewestThatFit(n: number, measureAt: (k: number) => Promise<{ pages: number } | { diagnostics: unknown }>, maxPages: number): Promise<number> {
  let lo = 1;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = await measureAt(mid);
    if (!('diagnostics' in m) && m.pages <= maxPages) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
