/**
 * The fixed words of the PDF ("Notes", "Page X of Y") in the brief's label language.
 * Chinese labels follow the brief's script: 頁 / 註釋 in Traditional, 页 / 注释 in
 * Simplified (the DOCX footer does the same).
 */
import type { DocumentMeta, Lang } from '../../model/model.js';

export interface Labels {
  /** Heading of the numbered source notes at the end of the document. */
  notes: string;
  pageXofY(page: number, pages: number): string;
}

export function labels(meta: DocumentMeta): Labels {
  if (meta.labels === 'en') {
    return { notes: 'Notes', pageXofY: (page, pages) => `Page ${page} of ${pages}` };
  }
  const simplified = meta.lang === 'zh-Hans';
  const ye = simplified ? '页' : '頁';
  return {
    notes: simplified ? '注释' : '註釋',
    pageXofY: (page, pages) => `第 ${page} ${ye}，共 ${pages} ${ye}`,
  };
}

/** Language of the label text, for font selection. */
export function labelLang(meta: DocumentMeta): Lang {
  if (meta.labels === 'en') return 'en';
  return meta.lang === 'zh-Hans' ? 'zh-Hans' : 'zh-Hant';
}
