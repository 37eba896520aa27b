/**
 * Document information and language, and why two builds of one model give the same bytes.
 *
 * pdfkit (under pdfmake) writes three things that could change from one build to the next:
 * - CreationDate: pdfkit sets `new Date()` unless the info says otherwise. We give it
 *   CreationDate and ModDate from `meta.date` at 00:00:00Z (the renderer never reads the
 *   clock, DESIGN §2).
 * - The trailer /ID: pdfkit derives it (PDFSecurity.generateFileID) from an MD5 of the info
 *   dictionary, CreationDate included, so fixed info gives a fixed ID. (Only encryption
 *   would add random bytes; we never encrypt.)
 * - Font subset tags (the six letters before "+NotoSans..."): pdfkit derives them from the
 *   font's resource id (F1, F2, ...), numbered in the order the layout first uses each
 *   font, which depends only on the document.
 * The PDF tests build the same model twice and compare bytes.
 */
import { createRequire } from 'node:module';
import type { DocumentModel } from '../../model/model.js';
import type { TDocumentInformation } from 'pdfmake/interfaces.js';

const require = createRequire(import.meta.url);
const PDFMAKE_VERSION: string = (require('pdfmake/package.json') as { version: string }).version;

export function documentInfo(model: DocumentModel): TDocumentInformation {
  const { meta } = model;
  const date = new Date(`${meta.date}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`meta.date "${meta.date}" is not an ISO date (YYYY-MM-DD)`);
  return {
    title: meta.title,
    author: meta.author,
    subject: meta.subject,
    keywords: meta.keywords.join(', '),
    creator: 'briefpack',
    producer: `briefpack (pdfmake ${PDFMAKE_VERSION})`,
    creationDate: date,
    modDate: date,
  };
}

/**
 * The XMP metadata packet (what `pdfinfo -meta` shows). pdfkit writes title, author,
 * subject and keywords into it as they are, unescaped, so a title with "&" or "<" would make
 * the packet invalid XML; and it writes no language. pdfmake gives us pdfkit's document
 * before it is ended (`getStream`), so we wrap that one document's `_addInfo` (the pdfkit
 * step that writes those entries): it sees XML-escaped copies of the values (the Info
 * dictionary, already written, keeps them as they are) and we append `dc:language`.
 * The PDF tests read the packet back as XML.
 */
export function completeXmpMetadata(pdfkitDocument: unknown, language: string): void {
  const doc = pdfkitDocument as XmpTarget;
  if (typeof doc._addInfo !== 'function' || typeof doc.appendXML !== 'function' || typeof doc.info !== 'object') {
    throw new Error('pdfkit no longer has _addInfo/appendXML/info: update completeXmpMetadata (src/render/pdf/metadata.ts)');
  }
  const addInfo = doc._addInfo;
  doc._addInfo = function (this: XmpTarget) {
    const info = this.info;
    this.info = Object.fromEntries(Object.entries(info).map(([key, value]) => [key, typeof value === 'string' ? escapeXml(value) : value]));
    try {
      addInfo.call(this);
    } finally {
      this.info = info;
    }
    this.appendXML(
      `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:language><rdf:Bag><rdf:li>${escapeXml(language)}</rdf:li></rdf:Bag></dc:language></rdf:Description>`,
    );
  };
}

interface XmpTarget {
  info: Record<string, unknown>;
  appendXML(xml: string, newline?: boolean): void;
  _addInfo(): void;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The catalog's /Lang: the brief's Chinese script with its region if it names one
 * (`zh-Hant-HK`), or `en` for a brief without Han text. */
export function documentLanguage(model: DocumentModel): string {
  const hasHan = /\p{Script=Han}/u.test(JSON.stringify(model));
  if (!hasHan) return 'en';
  const script = model.meta.lang === 'zh-Hans' ? 'zh-Hans' : 'zh-Hant';
  return model.meta.region ? `${script}-${model.meta.region}` : script;
}
