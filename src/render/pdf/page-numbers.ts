/**
 * Page numbers that count from the first page after the cover, in the contents too.
 *
 * The footer (page.ts) says "Page 1 of N" on the page after the cover, N not counting the
 * cover, as the DOCX does (its body section restarts at 1 and counts SECTIONPAGES). The
 * contents' numbers must agree with the footers, but pdfmake writes a contents entry's
 * number itself, from the physical page of the heading (`Renderer.renderLine`), with no
 * option to shift it. So this module wraps `renderLine`: a line whose page reference is a
 * heading registered with `numberPagesFrom` gets a stand-in reference on the page
 * `offset` pages earlier while pdfmake draws it. Keyed by the heading node (the object in
 * the document definition), so concurrent documents never see each other's offsets. The
 * version test (test/render/pdf-keep-lines.test.ts) pins the source of `renderLine`.
 */
import rendererModule from 'pdfmake/js/Renderer.js';
import { originalMethods, pdfmakeClass } from './pdfmake-patches.js';

const offsets = new WeakMap<object, number>();

/** The contents show `heading`'s page as its physical page minus `offset` (the cover). */
export function numberPagesFrom(heading: object, offset: number): void {
  if (offset !== 0) offsets.set(heading, offset);
}

interface PageRef {
  positions?: { pageNumber: number }[];
}
interface RenderedLine {
  _pageNodeRef?: PageRef;
  inlines: { _pageNodeRef?: PageRef }[];
}
type Method = (this: unknown, ...args: never[]) => unknown;

const Renderer = pdfmakeClass(rendererModule, 'Renderer', 'page-numbers.ts');
export const PAGE_NUMBER_PATCHED_METHODS = originalMethods({ 'Renderer.renderLine': Renderer.prototype.renderLine }, 'page-numbers.ts');
const originalRenderLine = PAGE_NUMBER_PATCHED_METHODS['Renderer.renderLine'] as (this: unknown, line: RenderedLine, x: number, y: number) => unknown;

function shifted(ref: PageRef | undefined): PageRef | undefined {
  const offset = ref ? offsets.get(ref) : undefined;
  const page = ref?.positions?.[0]?.pageNumber;
  if (offset === undefined || page === undefined) return undefined;
  return { positions: [{ ...ref!.positions![0]!, pageNumber: page - offset }] };
}

Renderer.prototype.renderLine = function (this: unknown, line: RenderedLine, x: number, y: number) {
  const restore: (() => void)[] = [];
  const lineRef = shifted(line._pageNodeRef);
  if (lineRef) {
    const original = line._pageNodeRef;
    line._pageNodeRef = lineRef;
    restore.push(() => (line._pageNodeRef = original));
  }
  for (const inline of line.inlines ?? []) {
    const ref = shifted(inline._pageNodeRef);
    if (!ref) continue;
    const original = inline._pageNodeRef;
    inline._pageNodeRef = ref;
    restore.push(() => (inline._pageNodeRef = original));
  }
  try {
    return originalRenderLine.call(this, line, x, y);
  } finally {
    for (const undo of restore) undo();
  }
} as Method;

/**
 * The PDF's page labels (ISO 32000 §12.4.2), so that a viewer's page box says what the
 * footers say: the cover is labelled `coverLabel`, the pages after it 1, 2, … Without a
 * cover, nothing is written (viewers number physical pages, as the footers do). Called with
 * pdfkit's document after layout, before it is ended (index.ts).
 */
export function writePageLabels(pdfkitDocument: unknown, coverPages: number, coverLabel: string): void {
  if (coverPages === 0) return;
  const doc = pdfkitDocument as { ref(data: unknown): { end(): void }; _root: { data: Record<string, unknown> } };
  if (typeof doc.ref !== 'function' || !doc._root?.data) return;
  // pdfkit writes a JS string as a name and a String object as a PDF string.
  const labels = doc.ref({ Nums: [0, { P: new String(coverLabel) }, coverPages, { S: 'D', St: 1 }] });
  labels.end();
  doc._root.data.PageLabels = labels;
}
