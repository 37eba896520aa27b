// Two rewrites of pdfmake's LayoutBuilder for the bundle (scripts/compile.mjs), each making a
// step that was quadratic in a brief's length linear, with the same layout. Here, apart from
// compile.mjs, so that tests can run them (test/render/pdfmake-layout-builder.test.ts).
//
// 1. The line builder copied all the paragraph's remaining inlines (`slice(1)`) for each inline
//    it placed, to look ahead through a no-break chain (8 of 10 s for a 20,000-word paragraph).
//    Line.hasEnoughSpaceForInline reads the next inlines only while the first and those after
//    it are noNewLine, up to and including the first that is not: only that chain is passed.
// 2. The pageBreakBefore queries (the nodes on this page after this node, those on the next
//    page, those on this page before it) scanned every node of the document for each node
//    asked about, and render/pdf/document.ts asks for every heading: a 5 MB spec (2,102 pages,
//    9,000 headings) spent ~6 s there. The nodes listed by page once per pass give the same
//    nodes in the same order.

/** pdfmake 0.3's LayoutBuilder.js source, rewritten; throws if the code to rewrite is gone
 * (a pdfmake upgrade: read the new code and redo the rewrite). */
export function linearLayoutBuilder(source, file = 'LayoutBuilder.js') {
  const gone = (what) => new Error(`pdfmake-linear: ${file} no longer has ${what} to rewrite; check the pdfmake upgrade`);
  const replaceOnce = (from, to, what) => {
    if (!source.includes(from)) throw gone(what);
    source = source.replace(from, to);
  };
  replaceOnce(
    'line.hasEnoughSpaceForInline(textNode._inlines[0], textNode._inlines.slice(1))',
    'line.hasEnoughSpaceForInline(textNode._inlines[0], __bpNoBreakChain(textNode._inlines))',
    'the look-ahead copy',
  );
  replaceOnce(
    '      for (let index = 0; index < linearNodeList.length; index++) {',
    '      const __bpPages = __bpNodesByPage(linearNodeList);\n      for (let index = 0; index < linearNodeList.length; index++) {',
    'the pageBreakBefore loop',
  );
  const query = (name, scan, page, which) => {
    const at = source.indexOf(`${name}: () => {`);
    const end = '\n            }';
    const close = at < 0 ? -1 : source.indexOf(end, at);
    if (close < 0 || !source.slice(at, close).includes(scan)) throw gone(`the ${name} query`);
    source = `${source.slice(0, at)}${name}: () => __bpNodesOnPage(__bpPages, linearNodeList, ${page}, index, '${which}')${source.slice(close + end.length)}`;
  };
  query('getFollowingNodesOnPage', 'for (let ii = index + 1, l = linearNodeList.length; ii < l; ii++)', 'pageNumber', 'after');
  query('getNodesOnNextPage', 'for (let ii = index + 1, l = linearNodeList.length; ii < l; ii++)', 'pageNumber + 1', 'after');
  query('getPreviousNodesOnPage', 'for (let ii = 0; ii < index; ii++)', 'pageNumber', 'before');
  return `${source}\n${__bpNoBreakChain}\n${__bpNodesByPage}\n${__bpNodesOnPage}\n`;
}

/** The inlines after the first that Line.hasEnoughSpaceForInline reads. */
export function __bpNoBreakChain(inlines) {
  if (!inlines[0] || !inlines[0].noNewLine) return [];
  let end = 1;
  while (end < inlines.length && inlines[end].noNewLine) end++;
  return inlines.slice(1, Math.min(end + 1, inlines.length));
}

/** Node indexes by page, ascending (a node's nodeInfo.pageNumbers holds each page once). */
export function __bpNodesByPage(list) {
  const byPage = new Map();
  for (let i = 0; i < list.length; i++) {
    for (const page of list[i].nodeInfo.pageNumbers) {
      let at = byPage.get(page);
      if (!at) byPage.set(page, (at = []));
      at.push(i);
    }
  }
  return byPage;
}

/** The nodeInfo of the nodes on `page` after node `index` ('after') or before it ('before'),
 * in document order: what pdfmake's loops over the whole list collected. */
export function __bpNodesOnPage(byPage, list, page, index, which) {
  const at = byPage.get(page) || [];
  let lo = 0;
  let hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at[mid] <= index) lo = mid + 1;
    else hi = mid;
  }
  const picked = which === 'after' ? at.slice(lo) : at.slice(0, lo > 0 && at[lo - 1] === index ? lo - 1 : lo);
  return picked.map((i) => list[i].nodeInfo);
}
