/** The part of citeproc-js's API (npm `citeproc`, CommonJS) that src/cite uses; the package
 * ships no types. */
declare module 'citeproc' {
  export interface CiteprocSys {
    retrieveLocale(lang: string): unknown;
    retrieveItem(id: string): unknown;
  }
  export interface CitationItem {
    id: string;
    locator?: string;
    label?: string;
    suffix?: string;
    prefix?: string;
  }
  export interface Citation {
    citationItems: CitationItem[];
    properties: { noteIndex: number };
  }
  export class Engine {
    constructor(sys: CiteprocSys, style: unknown, lang?: string, forceLang?: boolean);
    opt: { development_extensions: Record<string, boolean> };
    setOutputFormat(format: 'text' | 'html' | 'rtf'): void;
    updateItems(ids: string[]): void;
    /** With an empty list: forgets every citation (a new document). */
    restoreProcessorState(citations: unknown[]): void;
    /** Returns [index, formatted, citationID] for the new citation and any it changed. */
    appendCitationCluster(citation: Citation): [number, string, string][];
    makeBibliography(): [{ entry_ids: string[][] }, string[]] | false;
  }
  const CSL: { Engine: typeof Engine };
  export default CSL;
}
