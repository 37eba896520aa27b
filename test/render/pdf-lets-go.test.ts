/**
 * The PDF renderer lets go of what it laid out once it has handed back the bytes (issue 17,
 * memory of a 5 MB spec). pdfkit's document is a Readable stream that emits 'end' from a
 * process.nextTick callback; code that went on in the same microtask checkpoint ran above
 * that callback's frame, which held the stream, so every page, line and glyph run of the PDF
 * stayed alive while the DOCX was rendered. Here a weak reference to pdfkit's document must
 * be empty after a full collection made right where the renderer's caller goes on.
 */
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { Block, DocumentModel } from '../../src/model/model.js';
import { renderPdf } from '../../src/render/pdf/index.js';
import { projectFonts } from '../helpers/project.js';

const fonts = projectFonts();
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** pdfkit as pdfmake loads it (CommonJS), whose documents pdfmake's extend. */
const PdfKitDocument = createRequire(import.meta.url)('pdfkit') as { prototype: { end(...args: unknown[]): unknown } };

function model(): DocumentModel {
  const blocks: Block[] = Array.from({ length: 40 }, (_, i) => ({
    type: 'paragraph',
    lang: 'en',
    children: [{ type: 'text', value: `Paragraph ${i + 1} of a document long enough to fill a few pages. `.repeat(6) }],
  }));
  return {
    type: 'document',
    version: 1,
    meta: { title: 'Lets go', subtitle: '', date: '2021-09-30', classification: 'OFFICIAL', author: '', subject: '', keywords: [], lang: 'en', labels: 'en', paper: 'A4' },
    blocks,
    notes: [],
  };
}

describe('renderPdf', () => {
  it("keeps nothing of pdfkit's document once it has returned the bytes", async () => {
    const end = PdfKitDocument.prototype.end;
    let laidOut: WeakRef<object> | undefined;
    PdfKitDocument.prototype.end = function (this: object, ...args: unknown[]) {
      laidOut = new WeakRef(this);
      return end.apply(this, args);
    };
    let bytes: Uint8Array;
    try {
      bytes = await renderPdf(model(), { fonts });
    } finally {
      PdfKitDocument.prototype.end = end;
    }
    // Right where a caller goes on (the DOCX is rendered next).
    gc();
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(laidOut, "pdfkit's document was ended").toBeDefined();
    expect(laidOut!.deref(), "pdfkit's document is still alive after a full collection").toBeUndefined();
  });
});
