/**
 * The one place that imports pdfmake (0.3, server build). pdfmake's server export is a
 * process-wide singleton; we configure it once here:
 *
 * - no URL downloads and no local file reads: every resource (the fonts) comes from its
 *   virtual file system, so a document cannot make the renderer fetch or read anything;
 *   setting both policies also silences the warnings pdfmake prints on each createPdf;
 * - pdfkit parses each font once per process, not once per document (fonts/shared-fontkit.ts);
 * - `virtualfs` is part of the runtime object but missing from @types/pdfmake, so it is
 *   typed here.
 */
// First: from the sources, pdfkit's require('fontkit') must find the shared one.
import '../../fonts/shared-fontkit.js';
import pdfmakeModule from 'pdfmake';

export interface VirtualFileSystem {
  existsSync(name: string): boolean;
  readFileSync(name: string, options?: unknown): Buffer | string;
  writeFileSync(name: string, content: Buffer): void;
}

export const pdfmake = pdfmakeModule as typeof pdfmakeModule & { virtualfs: VirtualFileSystem };

pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => false);

// clreq line adjustment wraps two methods of pdfmake's line builder (see that module);
// widow and orphan control wraps two of its layout builder, after line-adjustment.ts has
// pinned the original buildNextLine.
import './line-adjustment.js';
// Style lookups without allocations: the same answers, faster (issue 17).
import './style-lookup.js';
import './keep-lines.js';
// Lines drawn in runs of like-styled words, one text object each (around page-numbers.ts).
import './glyph-runs.js';
