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
import type { DocumentModel } from '../../doc/model.js';
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

/** The catalog's /Lang: the brief's Chinese script, or `en` for a brief without Han text. */
export function documentLanguage(model: DocumentModel): string {
  const hasHan = /\p{Script=Han}/u.test(JSON.stringify(model));
  if (!hasHan) return 'en';
  return model.meta.lang === 'zh-Hans' ? 'zh-Hans' : 'zh-Hant';
}
