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
    /** For makeCitationCluster, which evaluates no positions itself: 0 first, 1 subsequent,
     * 2 ibid, 3 ibid with locator. */
    position?: 0 | 1 | 2 | 3;
    'near-note'?: boolean;
    'first-reference-note-number'?: number;
  }
  export interface Citation {
    citationItems: CitationItem[];
    properties: { noteIndex: number };
  }
  export class Engine {
    constructor(sys: CiteprocSys, style: unknown, lang?: string, forceLang?: boolean);
    opt: { development_extensions: Record<string, boolean> };
    /** The style's citation options (`near-note-distance`, default 5). */
    citation: { opt: Record<string, unknown> };
    /** Per-update state: the items an update marked as changed (processCitationCluster
     * re-renders their citations, then empties this). */
    tmp: { taintedItemIDs: Record<string, true> };
    setOutputFormat(format: 'text' | 'html' | 'rtf'): void;
    /** `implicitUpdate`: the items already retrieved in this document are not retrieved
     * again (processCitationCluster's own call). */
    updateItems(ids: string[], nosort?: boolean | null, rerunAmbigs?: boolean | null, implicitUpdate?: boolean): void;
    /** With an empty list: forgets every citation (a new document). */
    restoreProcessorState(citations: unknown[]): void;
    /** Returns [index, formatted, citationID] for the new citation and any it changed. */
    appendCitationCluster(citation: Citation): [number, string, string][];
    /** One cluster, formatted with the registry's disambiguation, outside any document: no
     * citation is registered and no position is evaluated (the items carry their own). */
    makeCitationCluster(items: CitationItem[]): string;
    makeBibliography(): [{ entry_ids: string[][] }, string[]] | false;
  }
  const CSL: { Engine: typeof Engine };
  export default CSL;
}
