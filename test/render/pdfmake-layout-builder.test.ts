/**
 * The bundle's rewrites of pdfmake's LayoutBuilder (scripts/pdfmake-layout-builder.mjs): they
 * apply to the pdfmake installed, and the pageBreakBefore queries answered from the nodes by
 * page give what pdfmake's scans over the whole node list gave, in the same order, for any
 * list of nodes and pages (property-based). test/cli/bundle.test.ts builds the sample briefs
 * with the bundle and from the sources, byte for byte.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a build script, plain JavaScript
import { __bpNodesByPage, __bpNodesOnPage, linearLayoutBuilder } from '../../scripts/pdfmake-layout-builder.mjs';
import { PROJECT_ROOT } from '../helpers/project.js';

interface Info {
  id: number;
  pageNumbers: number[];
}
type QueryNode = { nodeInfo: Info };
const byPage = __bpNodesByPage as (list: QueryNode[]) => Map<number, number[]>;
const onPage = __bpNodesOnPage as (pages: Map<number, number[]>, list: QueryNode[], page: number, index: number, which: 'after' | 'before') => Info[];

/** pdfmake 0.3.11's loops, as they were. */
function scanned(list: QueryNode[], page: number, index: number, which: 'after' | 'before'): Info[] {
  const out: Info[] = [];
  const [from, to] = which === 'after' ? [index + 1, list.length] : [0, index];
  for (let ii = from; ii < to; ii++) if (list[ii]!.nodeInfo.pageNumbers.indexOf(page) > -1) out.push(list[ii]!.nodeInfo);
  return out;
}

describe("pdfmake's LayoutBuilder, rewritten for the bundle", () => {
  it('applies to the installed pdfmake: no scan of the node list per query, no look-ahead copy', () => {
    const file = path.join(PROJECT_ROOT, 'node_modules/pdfmake/js/LayoutBuilder.js');
    const source = readFileSync(file, 'utf8');
    expect(source).toContain('textNode._inlines.slice(1)');
    const rewritten = (linearLayoutBuilder as (s: string, f: string) => string)(source, file);
    expect(rewritten).not.toContain('textNode._inlines.slice(1)');
    expect(rewritten).not.toContain('linearNodeList[ii].nodeInfo.pageNumbers.indexOf');
    for (const q of ['getFollowingNodesOnPage', 'getNodesOnNextPage', 'getPreviousNodesOnPage']) expect(rewritten).toMatch(new RegExp(`${q}: \\(\\) => __bpNodesOnPage\\(`));
    // Still a module that parses.
    expect(() => new Function('require', 'exports', 'module', rewritten)).not.toThrow();
    expect(() => (linearLayoutBuilder as (s: string) => string)(source.replace('getNodesOnNextPage', 'nodesOnNext'))).toThrow(/getNodesOnNextPage/);
  });

  it('answers every query as the scans did', () => {
    // Nodes in document order: each on one page or running over a few, pages never going back.
    const nodes = fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 3 })), { maxLength: 60 }).map((steps) => {
      let page = 1;
      return steps.map(([advance, span], id) => {
        page += advance;
        const pageNumbers = Array.from({ length: span }, (_, k) => page + k);
        return { nodeInfo: { id, pageNumbers } };
      });
    });
    fc.assert(
      fc.property(nodes, (list) => {
        const pages = byPage(list);
        list.forEach((node, index) => {
          const page = node.nodeInfo.pageNumbers[0]!;
          for (const [p, which] of [[page, 'after'], [page + 1, 'after'], [page, 'before']] as const) {
            expect(onPage(pages, list, p, index, which)).toEqual(scanned(list, p, index, which));
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});
