/**
 * Second pass of the markup reader: the element tree → the typed document model. Strict:
 * an element or attribute we do not know, or one in the wrong place, is a diagnostic at the
 * template line that wrote it, never a silent drop. The element vocabulary is documented in
 * docs/templates.md.
 */
import { isAllowedLinkUrl } from '../model/links.js';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Block, DocumentMeta, DocumentModel, Inline, Lang, Paragraph, SourceNote, TableCell, Table } from '../model/model.js';
import { MODEL_VERSION } from '../model/model.js';
import { parseMarkupTree, type MarkupElement, type MarkupNode } from './markup-tree.js';

/** What a <cover> may hold, each at most once, in any order. */
const COVER_PARTS = ['title', 'subtitle', 'date', 'author', 'audience'];

const LANGS: readonly Lang[] = ['zh-Hant', 'zh-Hans', 'en', 'und'];

/** Attributes each element accepts. */
const ATTRIBUTES: Record<string, readonly string[]> = {
  cover: ['classification'],
  title: [],
  subtitle: [],
  date: [],
  author: [],
  audience: [],
  toc: ['depth'],
  h1: ['id'],
  h2: ['id'],
  h3: ['id'],
  p: ['lang'],
  excerpt: ['lang'],
  citation: [],
  ul: ['variant'],
  ol: ['variant'],
  li: [],
  table: ['variant', 'widths'],
  thead: [],
  tbody: [],
  tr: [],
  th: ['lang'],
  td: ['lang'],
  note: [],
  pagebreak: [],
  strong: [],
  em: [],
  a: ['href'],
  cite: [],
  br: [],
  span: ['lang'],
};
const INLINE_ELEMENTS = new Set(['strong', 'em', 'a', 'cite', 'br', 'span']);

export interface MarkupToModelResult {
  model?: DocumentModel;
  diagnostics: Diagnostic[];
}

export function markupToModel(markup: string, file: string, meta: DocumentMeta): MarkupToModelResult {
  const tree = parseMarkupTree(markup, file);
  if (!tree.root) return { diagnostics: tree.diagnostics };
  const reader = new ModelReader(file, meta.lang);
  const blocks = reader.blocks(tree.root.children);
  if (reader.diagnostics.length) return { diagnostics: reader.diagnostics };
  return { model: { type: 'document', version: MODEL_VERSION, meta, blocks, notes: reader.notes }, diagnostics: [] };
}

class ModelReader {
  readonly diagnostics: Diagnostic[] = [];
  readonly notes: SourceNote[] = [];
  private readonly headingIds = new Set<string>();
  private inCite = false;

  constructor(
    private readonly file: string,
    private readonly documentLang: Lang,
  ) {}

  private problem(el: MarkupElement, message: string, code: 'BP302' | 'BP303' = 'BP303', hint?: string): void {
    this.diagnostics.push(diagnostic({ code, message, file: el.position.file ?? this.file, start: el.position.start, hint }));
  }

  private checkAttributes(el: MarkupElement): void {
    const allowed = ATTRIBUTES[el.name] ?? [];
    for (const name of Object.keys(el.attrs)) {
      if (!allowed.includes(name)) {
        this.problem(el, `<${el.name}> has no attribute "${name}"`, 'BP303', allowed.length ? `Its attributes: ${allowed.join(', ')}.` : `<${el.name}> takes no attributes.`);
      }
    }
  }

  private lang(el: MarkupElement): Lang | undefined {
    const value = el.attrs.lang;
    if (value === undefined || value === '') return undefined;
    if (!(LANGS as readonly string[]).includes(value)) {
      this.problem(el, `lang="${value}" is not a language briefpack knows`, 'BP303', `Use one of ${LANGS.join(', ')}.`);
      return undefined;
    }
    return value as Lang;
  }

  blocks(nodes: MarkupNode[]): Block[] {
    const out: Block[] = [];
    for (const node of nodes) {
      if (node.kind === 'text') {
        if (node.value.trim()) {
          const last = out[out.length - 1];
          this.diagnostics.push(
            diagnostic({
              code: 'BP303',
              message: `text "${node.value.trim().slice(0, 30)}" stands outside any block element`,
              file: this.file,
              start: last?.position?.start ?? { line: 1, column: 1 },
              hint: 'Wrap running text in <p>…</p>.',
            }),
          );
        }
        continue;
      }
      const block = this.block(node);
      if (block) out.push(block);
    }
    return out;
  }

  private block(el: MarkupElement): Block | undefined {
    if (!(el.name in ATTRIBUTES)) {
      this.problem(el, `unknown element <${el.name}>`, 'BP303', 'See docs/templates.md for the elements templates may use.');
      return undefined;
    }
    this.checkAttributes(el);
    const position = el.position;
    switch (el.name) {
      case 'cover': {
        const part = (name: string) => {
          const child = this.elements(el).find((c) => c.name === name);
          return child ? this.inlines(child.children) : [];
        };
        for (const child of this.elements(el)) {
          if (!COVER_PARTS.includes(child.name)) this.problem(child, `<${child.name}> cannot stand in <cover>`, 'BP303', 'A cover holds <title>, <subtitle>, <date>, <author> and <audience>.');
        }
        return {
          type: 'cover',
          title: part('title'),
          subtitle: part('subtitle'),
          date: part('date'),
          author: part('author'),
          audience: part('audience'),
          classification: el.attrs.classification ?? '',
          position,
        };
      }
      case 'toc': {
        const depth = el.attrs.depth === undefined ? 3 : Number(el.attrs.depth);
        if (![1, 2, 3].includes(depth)) this.problem(el, `<toc depth="${el.attrs.depth}"> must be 1, 2 or 3`);
        return { type: 'toc', title: this.inlines(el.children), depth, position };
      }
      case 'h1':
      case 'h2':
      case 'h3': {
        const children = this.inlines(el.children);
        const id = this.headingId(el.attrs.id ?? slugOf(children));
        return { type: 'heading', level: Number(el.name[1]) as 1 | 2 | 3, id, children, position };
      }
      case 'p':
        return this.paragraph(el);
      case 'excerpt': {
        const lang = this.lang(el) ?? this.documentLang;
        const children: Paragraph[] = [];
        let citation: Inline[] | undefined;
        for (const child of this.elements(el)) {
          if (child.name === 'p') {
            this.checkAttributes(child);
            children.push(this.paragraph(child, lang));
          }
          else if (child.name === 'citation') citation = this.inlines(child.children);
          else this.problem(child, `<${child.name}> cannot stand in <excerpt>`, 'BP303', 'An excerpt holds <p> paragraphs and one <citation>.');
        }
        if (!citation) this.problem(el, '<excerpt> has no <citation>', 'BP303', 'Every excerpt must say where it comes from: add <citation>…</citation>.');
        return { type: 'excerpt', lang, children, citation: citation ?? [], position };
      }
      case 'ul':
      case 'ol': {
        const items: Block[][] = [];
        for (const child of this.elements(el)) {
          if (child.name !== 'li') {
            this.problem(child, `<${child.name}> cannot stand in <${el.name}>`, 'BP303', 'Lists hold <li> items.');
            continue;
          }
          this.checkAttributes(child);
          const hasBlocks = child.children.some((c) => c.kind === 'element' && !INLINE_ELEMENTS.has(c.name));
          items.push(hasBlocks ? this.blocks(child.children) : [{ type: 'paragraph', children: this.inlines(child.children), position: child.position }]);
        }
        const variant = el.attrs.variant;
        if (variant !== undefined && variant !== 'sources') this.problem(el, `variant="${variant}" is not a list variant`, 'BP303', 'Use variant="sources" for the source list, or no variant.');
        return { type: 'list', ordered: el.name === 'ol', ...(variant === 'sources' ? { variant } : {}), items, position };
      }
      case 'table':
        return this.table(el);
      case 'note':
        return { type: 'note', children: this.inlines(el.children), position };
      case 'pagebreak':
        return { type: 'pageBreak', position };
      default:
        this.problem(el, `<${el.name}> is an inline element and cannot stand here`, 'BP303', 'Put it inside a <p>.');
        return undefined;
    }
  }

  private paragraph(el: MarkupElement, inherited?: Lang): Paragraph {
    const lang = this.lang(el) ?? inherited;
    const p: Paragraph = { type: 'paragraph', children: this.inlines(el.children), position: el.position };
    if (lang) p.lang = lang;
    return p;
  }

  private table(el: MarkupElement): Table {
    const rows: TableCell[][] = [];
    let headerRows = 0;
    for (const group of this.elements(el)) {
      if (group.name !== 'thead' && group.name !== 'tbody') {
        this.problem(group, `<${group.name}> cannot stand in <table>`, 'BP303', 'A table holds <thead> and <tbody>, each with <tr> rows.');
        continue;
      }
      for (const tr of this.elements(group)) {
        if (tr.name !== 'tr') {
          this.problem(tr, `<${tr.name}> cannot stand in <${group.name}>`, 'BP303', 'Rows are <tr>.');
          continue;
        }
        const cells: TableCell[] = [];
        for (const cell of this.elements(tr)) {
          if (cell.name !== 'td' && cell.name !== 'th') {
            this.problem(cell, `<${cell.name}> cannot stand in <tr>`, 'BP303', 'Cells are <th> or <td>.');
            continue;
          }
          this.checkAttributes(cell);
          const c: TableCell = { type: 'cell', children: this.inlines(cell.children), position: cell.position };
          const lang = this.lang(cell);
          if (lang) c.lang = lang;
          cells.push(c);
        }
        rows.push(cells);
        if (group.name === 'thead') headerRows++;
      }
    }
    const columns = Math.max(0, ...rows.map((r) => r.length));
    let columnWidths = Array.from({ length: columns }, () => 1);
    if (el.attrs.widths !== undefined) {
      const widths = el.attrs.widths.split(/[\s,]+/).filter(Boolean).map(Number);
      if (widths.length !== columns || widths.some((w) => !(w > 0))) {
        this.problem(el, `widths="${el.attrs.widths}" must give ${columns} positive numbers, one per column`);
      } else columnWidths = widths;
    }
    rows.forEach((r) => {
      if (r.length !== columns) this.problem(el, `a row of this table has ${r.length} cells where the widest has ${columns}`, 'BP303', 'Give every row the same number of cells.');
    });
    const variant = el.attrs.variant ?? 'plain';
    if (!['plain', 'facts', 'glossary'].includes(variant)) this.problem(el, `variant="${variant}" is not a table variant`, 'BP303', 'Use plain, facts or glossary.');
    return { type: 'table', variant: variant as Table['variant'], headerRows, columnWidths, rows, position: el.position };
  }

  private elements(el: MarkupElement): MarkupElement[] {
    const out: MarkupElement[] = [];
    for (const c of el.children) {
      if (c.kind === 'element') out.push(c);
      else if (c.value.trim()) this.problem(el, `text "${c.value.trim().slice(0, 30)}" cannot stand directly in <${el.name}>`, 'BP303');
    }
    return out;
  }

  inlines(nodes: MarkupNode[], lang?: Lang): Inline[] {
    const out: Inline[] = [];
    for (const node of nodes) {
      if (node.kind === 'text') {
        // Like JSX: whitespace that contains a line break is template layout, not content;
        // Chinese text must never pick up spaces from indentation.
        const value = node.value.replace(/[ \t]*\n\s*/g, '');
        if (value) out.push(lang ? { type: 'text', value, lang } : { type: 'text', value });
        continue;
      }
      const el = node;
      if (!(el.name in ATTRIBUTES)) {
        this.problem(el, `unknown element <${el.name}>`, 'BP303', 'See docs/templates.md for the elements templates may use.');
        continue;
      }
      this.checkAttributes(el);
      switch (el.name) {
        case 'strong':
          out.push({ type: 'strong', children: this.inlines(el.children, lang) });
          break;
        case 'em':
          out.push({ type: 'emphasis', children: this.inlines(el.children, lang) });
          break;
        case 'a':
          if (!el.attrs.href) this.problem(el, '<a> needs an href');
          // Only http, https and mailto targets are links (model/links.ts); others are text.
          if (isAllowedLinkUrl(el.attrs.href ?? '')) out.push({ type: 'link', url: el.attrs.href!, children: this.inlines(el.children, lang) });
          else out.push(...this.inlines(el.children, lang));
          break;
        case 'span':
          out.push(...this.inlines(el.children, this.lang(el) ?? lang));
          break;
        case 'br':
          out.push({ type: 'lineBreak' });
          break;
        case 'cite': {
          if (this.inCite) {
            this.problem(el, '<cite> cannot stand inside another <cite>');
            break;
          }
          this.inCite = true;
          const id = this.notes.length + 1;
          this.notes.push({ type: 'sourceNote', id, children: this.inlines(el.children, lang) });
          this.inCite = false;
          out.push({ type: 'citeRef', note: id });
          break;
        }
        default:
          this.problem(el, `<${el.name}> is a block element and cannot stand inside text`, 'BP303');
      }
    }
    return out;
  }

  private headingId(wanted: string): string {
    let id = wanted || 'section';
    for (let i = 2; this.headingIds.has(id); i++) id = `${wanted}-${i}`;
    this.headingIds.add(id);
    return id;
  }
}

function slugOf(inlines: Inline[]): string {
  const text = inlines.map((i) => (i.type === 'text' ? i.value : '')).join('');
  return text
    .toLowerCase()
    .replace(/[^a-z0-9\p{Script=Han}]+/gu, '-')
    .replace(/^-|-$/g, '');
}
