/**
 * The briefpack document model: the one typed tree between templates and renderers.
 *
 * Like Pandoc's AST, everything a renderer may draw is said here and nowhere else, so that
 * PDF and DOCX cannot drift apart. Rules (DESIGN §2):
 * - every node has a `type`; blocks and inlines are separate unions;
 * - nodes parsed from template markup carry a `position` (1-based line/column, unist style);
 * - the model is plain JSON (no classes, no undefined-vs-missing tricks) so it can be dumped,
 *   diffed in golden tests and sent to worker threads;
 * - renderers never mutate it.
 */

/** Bumped whenever a node's meaning changes; golden files record it. */
export const MODEL_VERSION = 1;

export type { Point, Position } from '../position.js';
import type { Position } from '../position.js';

/** BCP 47-ish tags we distinguish. `und` = not decided (inherits from the document). */
export type Lang = 'zh-Hant' | 'zh-Hans' | 'en' | 'und';

interface NodeBase {
  position?: Position;
}

// ---------------------------------------------------------------------------------------
// Inlines
// ---------------------------------------------------------------------------------------

export interface Text extends NodeBase {
  type: 'text';
  value: string;
  /** Language of this run when it differs from the enclosing block's. Text with no language
   * anywhere above it is `und`: shared punctuation (“ ” — …) then takes the script of its
   * neighbours (see fonts/runs.ts). */
  lang?: Lang;
}

export interface Strong extends NodeBase {
  type: 'strong';
  children: Inline[];
}

/** Emphasis. Renderers must never slant Han text (DESIGN §5): they map it to bold or a mark. */
export interface Emphasis extends NodeBase {
  type: 'emphasis';
  children: Inline[];
}

export interface Link extends NodeBase {
  type: 'link';
  url: string;
  children: Inline[];
}

/** A reference to a numbered source note (`DocumentModel.notes`): a superscript number in
 * the PDF, a real footnote in the DOCX. Each reference points at its own note. */
export interface CiteRef extends NodeBase {
  type: 'citeRef';
  note: number;
}

export interface LineBreak extends NodeBase {
  type: 'lineBreak';
}

export type Inline = Text | Strong | Emphasis | Link | CiteRef | LineBreak;

// ---------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------

export interface Cover extends NodeBase {
  type: 'cover';
  title: Inline[];
  subtitle: Inline[];
  /** Already formatted for the label language, e.g. "2021年9月28日" or "28 September 2021". */
  date: Inline[];
  /** Who prepared the brief, as the template words it ("Prepared by: Research desk"); empty when the spec names nobody. */
  author: Inline[];
  /** Who the brief is for ("For: Senior officials"); empty when the spec says nothing. */
  audience: Inline[];
  /** The marking. The cover prints it in its top and bottom banners only, like every page. */
  classification: string;
}

export interface TableOfContents extends NodeBase {
  type: 'toc';
  title: Inline[];
  /** Deepest heading level listed (1–3). */
  depth: number;
}

export interface Heading extends NodeBase {
  type: 'heading';
  level: 1 | 2 | 3;
  /** Stable anchor id, unique in the document (used for bookmarks and TOC links). */
  id: string;
  children: Inline[];
}

export interface Paragraph extends NodeBase {
  type: 'paragraph';
  lang?: Lang;
  children: Inline[];
}

/** A quoted passage from a release, always with its citation. */
export interface Excerpt extends NodeBase {
  type: 'excerpt';
  lang: Lang;
  children: Paragraph[];
  /** Visible citation line, e.g. "Source: <title>, 2021-09-28, ¶2" (may end in a CiteRef). */
  citation: Inline[];
}

export interface List extends NodeBase {
  type: 'list';
  ordered: boolean;
  /** `sources`: the brief's source list (Word's Bibliography paragraph style, note-sized in
   * the PDF). Absent for an ordinary list. */
  variant?: 'sources';
  /** Each item is a sequence of blocks (usually one paragraph). */
  items: Block[][];
}

export interface TableCell extends NodeBase {
  type: 'cell';
  lang?: Lang;
  children: Inline[];
}

export interface Table extends NodeBase {
  type: 'table';
  /** `facts` and `glossary` get their own styles in both renderers. */
  variant: 'plain' | 'facts' | 'glossary';
  /** Number of leading rows that are header rows (repeated on each page). */
  headerRows: number;
  /** Relative column widths; renderers scale them to the text width. */
  columnWidths: number[];
  rows: TableCell[][];
}

export interface Note extends NodeBase {
  type: 'note';
  children: Inline[];
}

export interface PageBreak extends NodeBase {
  type: 'pageBreak';
}

export type Block =
  | Cover
  | TableOfContents
  | Heading
  | Paragraph
  | Excerpt
  | List
  | Table
  | Note
  | PageBreak;

/** A numbered source note, the target of CiteRef. Numbered from 1 in document order. */
export interface SourceNote {
  type: 'sourceNote';
  id: number;
  children: Inline[];
}

export interface DocumentMeta {
  title: string;
  subtitle: string;
  /** ISO date (YYYY-MM-DD); also the PDF/DOCX creation date, so builds are reproducible. */
  date: string;
  classification: string;
  author: string;
  subject: string;
  keywords: string[];
  /** Main language of Chinese text in this brief (the output script). */
  lang: Lang;
  /** Region whose standard the Chinese text follows (`HK`, `TW`, `CN`, `SG`…), from the
   * brief's `script: zh-Hant-HK`; absent when the brief names none. Only language tags use
   * it: the PDF's /Lang (`zh-Hant-HK`) and the DOCX's eastAsia language (`zh-HK`). */
  region?: string;
  /** Language of fixed words ("Contents", "Source", "page X of Y"). */
  labels: 'zh' | 'en';
  paper: 'A4' | 'Letter';
}

export interface DocumentModel {
  type: 'document';
  version: typeof MODEL_VERSION;
  meta: DocumentMeta;
  blocks: Block[];
  notes: SourceNote[];
}
