/**
 * The number of pages of a PDF we rendered, read from its page tree (pdfkit writes the root
 * `/Type /Pages … /Count N` dictionary uncompressed). Used to enforce a template's page
 * limit (one-pager) without a second layout pass.
 */
export function pdfPageCount(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  let most = 0;
  for (const m of text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g)) most = Math.max(most, Number(m[1]));
  if (!most) throw new Error('PDF has no page tree with a /Count: cannot count its pages');
  return most;
}
