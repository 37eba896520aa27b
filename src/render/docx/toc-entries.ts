/**
 * Fonts for the entries of the table of contents.
 *
 * docx fills the contents in with each heading's text as one plain run, which takes the TOC
 * styles' fonts. That is right for most headings, but not for characters Word would draw
 * from another face or slot than the heading does: a Simplified-only character in a
 * Traditional brief (the heading's run names the SC face), or “ ” between Han characters
 * (the heading's run asks for the East Asian slot with w:hint). Such an entry would show
 * tofu or Latin-shaped quotes until Word rebuilds the contents. So, after packing, each
 * entry whose heading needs run fonts gets the heading's font runs (w:rFonts, w:lang only:
 * size, weight and colour stay the TOC style's, as in an entry Word makes).
 */
import type { Block, DocumentModel, Heading, Inline, Lang } from '../../model/model.js';
import { splitRuns } from '../../fonts/runs.js';
import type { DocxContext } from './context.js';
import { runFontOptions } from './fonts.js';

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');
const unescapeXml = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);

/** The headings the contents lists, in document order. */
export function listedHeadings(model: DocumentModel): Heading[] {
  const depth = Math.max(0, ...model.blocks.filter((b) => b.type === 'toc').map((b) => Math.min(3, Math.max(1, Math.round(b.depth)))));
  const out: Heading[] = [];
  const walk = (blocks: readonly Block[]) => {
    for (const b of blocks) {
      if (b.type === 'heading' && b.level <= depth) out.push(b);
      else if (b.type === 'list') for (const item of b.items) walk(item);
    }
  };
  walk(model.blocks);
  return out;
}

interface Leaf {
  text: string;
  lang: Lang;
}

function leaves(inlines: readonly Inline[], lang: Lang, out: Leaf[] = []): Leaf[] {
  for (const i of inlines) {
    if (i.type === 'text') out.push({ text: i.value, lang: i.lang ?? lang });
    else if (i.type === 'strong' || i.type === 'emphasis' || i.type === 'link') leaves(i.children, lang, out);
  }
  return out;
}

/** The runs of one entry as XML, or undefined when a plain run draws it as the heading is drawn. */
export function entryRunsXml(ctx: DocxContext, heading: Heading): { text: string; xml: string | undefined } {
  let special = false;
  let text = '';
  let xml = '';
  for (const leaf of leaves(heading.children, ctx.defaultLang)) {
    for (const run of splitRuns(ctx.fonts, leaf.text, leaf.lang, ctx.meta.lang, heading.level === 1, 'heading').runs) {
      const { font, language } = runFontOptions(ctx, run, leaf.lang, 'heading');
      let rPr = '';
      if (font && typeof font === 'object' && 'ascii' in font) {
        const f = font as { ascii?: string; hAnsi?: string; eastAsia?: string; cs?: string; hint?: string };
        const attrs = (['ascii', 'hAnsi', 'eastAsia', 'cs', 'hint'] as const)
          .filter((k) => f[k] !== undefined)
          .map((k) => `w:${k}="${escapeAttr(f[k]!)}"`)
          .join(' ');
        rPr += `<w:rFonts ${attrs}/>`;
      }
      if (language?.eastAsia) rPr += `<w:lang w:eastAsia="${escapeAttr(language.eastAsia)}"/>`;
      if (rPr) special = true;
      text += run.text;
      xml += `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${escapeText(run.text)}</w:t></w:r>`;
    }
  }
  return { text, xml: special ? xml : undefined };
}

/** document.xml with the contents' entries given their headings' font runs where needed. */
export function withTocEntryFonts(documentXml: string, entries: readonly { text: string; xml: string | undefined }[]): string {
  if (!entries.some((e) => e.xml)) return documentXml;
  const sdt = /<w:sdt>[\s\S]*?<\/w:sdt>/.exec(documentXml);
  if (!sdt) return documentXml;
  let k = 0;
  const patched = sdt[0].replace(
    /(<w:hyperlink\b[^>]*\bw:anchor="_Toc\d+"[^>]*>)<w:r><w:t xml:space="preserve">([^<]*)<\/w:t><\/w:r>/g,
    (all, open: string, text: string) => {
      const entry = entries[k++];
      // Only when the entry is the heading we think it is.
      return entry?.xml && unescapeXml(text) === entry.text ? open + entry.xml : all;
    },
  );
  return documentXml.slice(0, sdt.index) + patched + documentXml.slice(sdt.index + sdt[0].length);
}
