/**
 * Bookmarks (the PDF outline) that land on their heading.
 *
 * pdfmake adds an outline item for every node marked `outline: true` (our headings, see
 * blocks.ts `headingNode`), nested by `outlineParentId`. But pdfkit gives each item an
 * explicit destination of its page's top-right corner (`[page /XYZ pageWidth pageHeight 0]`),
 * so a bookmark opens the right page scrolled to its right edge, not at the heading. Every
 * heading is also a named destination (its `id`, which the table of contents links to), so,
 * with pdfkit's document in hand before it is ended (index.ts), each item's destination is
 * replaced by its heading's name. Items are made in document order, which is the order of
 * the heading ids the definition recorded; if the counts differ the outline is left alone
 * (the PDF tests check that every bookmark names its heading).
 */

interface OutlineItem {
  outlineData: Record<string, unknown>;
  children: OutlineItem[];
}

export function pointOutlineAtHeadings(pdfkitDocument: unknown, headingIds: readonly string[]): void {
  const root = (pdfkitDocument as { outline?: OutlineItem }).outline;
  if (!root || !Array.isArray(root.children)) return;
  const items: OutlineItem[] = [];
  const walk = (item: OutlineItem) => {
    for (const child of item.children) {
      items.push(child);
      walk(child);
    }
  };
  walk(root);
  if (items.length !== headingIds.length || items.some((i) => typeof i.outlineData !== 'object')) return;
  // A String object is what pdfkit writes as a PDF string: the key type of the Dests name tree.
  items.forEach((item, i) => (item.outlineData.Dest = new String(headingIds[i])));
}
