/**
 * Editor-written Markdown (summaries, notes, comments) → briefpack markup. Only what a brief
 * needs: paragraphs, **bold**, *italic*, [links](…), lists and line breaks. Raw HTML is
 * refused (reported with its position by the resolver), never passed through; every other
 * construct (headings, images, code, tables) is rendered as plain text.
 */
import MarkdownIt from 'markdown-it';
import { isAllowedLinkUrl } from '../model/links.js';

const RULES = {
  core: ['normalize', 'block', 'inline', 'text_join'],
  block: ['paragraph', 'list'],
  inline: ['text', 'newline', 'escape', 'emphasis', 'link', 'entity', 'linkify'],
};

function create(html: boolean): MarkdownIt {
  const md = new MarkdownIt('zero', { html, xhtmlOut: true, breaks: false, linkify: false, typographer: false });
  // Which targets may be links is decided by isAllowedLinkUrl (http, https, mailto), the same
  // everywhere: a link to anything else keeps its text and loses the link.
  md.validateLink = () => true;
  md.enable(RULES.core).enable(RULES.block).enable(RULES.inline);
  if (html) md.enable(['html_block', 'html_inline']);
  return md;
}

const renderer = create(false);
const detector = create(true);

const TAGS: Record<string, string> = { paragraph: 'p', bullet_list: 'ul', ordered_list: 'ol', list_item: 'li', strong: 'strong', em: 'em' };

const CJK = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef';
/** A space or line break between two CJK characters is an artefact of line wrapping (or of
 * YAML folding a long line): Chinese has no spaces between words. */
const SPACE_IN_CHINESE = new RegExp(`(?<=[${CJK}])[ \\t]*\\n?[ \\t]*(?=[${CJK}])`, 'gu');

/** Markup for the template (use with triple braces: `{{{markdown text}}}`). */
export function markdownToMarkup(markdown: string, lang?: string): string {
  const source = markdown.replace(SPACE_IN_CHINESE, '');
  const out: string[] = [];
  const links: boolean[] = [];
  const langAttr = lang ? ` lang="${escape(lang)}"` : '';
  const walk = (tokens: ReturnType<MarkdownIt['parse']>) => {
    for (const t of tokens) {
      if (t.type === 'inline') {
        walk(t.children ?? []);
        continue;
      }
      const base = t.type.replace(/_(open|close)$/, '');
      if (t.type === 'text') out.push(escape(t.content));
      else if (t.type === 'softbreak') out.push(' ');
      else if (t.type === 'hardbreak') out.push('<br/>');
      else if (t.type === 'link_open') {
        const href = t.attrGet('href') ?? '';
        const allowed = isAllowedLinkUrl(href);
        links.push(allowed);
        if (allowed) out.push(`<a href="${escape(href)}">`);
      } else if (t.type === 'link_close') {
        if (links.pop()) out.push('</a>');
      }
      else if (TAGS[base] && t.nesting === 1) out.push(base === 'paragraph' && !t.hidden ? `<p${langAttr}>` : t.hidden ? '' : `<${TAGS[base]}>`);
      else if (TAGS[base] && t.nesting === -1) out.push(t.hidden ? '' : `</${TAGS[base]}>`);
    }
  };
  walk(renderer.parse(source, {}));
  return out.join('');
}

/** Raw HTML in editor Markdown: each tag with its offset in the source. */
export function findRawHtml(source: string): { offset: number; snippet: string }[] {
  const found: { offset: number; snippet: string }[] = [];
  // Offset of each line's start, computed once (a long text has many blocks).
  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineStart = (line: number) => starts[Math.min(line, starts.length - 1)]!;
  for (const block of detector.parse(source, {})) {
    if (block.type === 'html_block') found.push({ offset: lineStart(block.map?.[0] ?? 0), snippet: block.content.trim() });
    for (const t of block.children ?? []) {
      if (t.type === 'html_inline') {
        const from = lineStart(block.map?.[0] ?? 0);
        found.push({ offset: Math.max(0, source.indexOf(t.content, from)), snippet: t.content });
      }
    }
  }
  return found;
}

/** Links in editor Markdown whose target is not an http, https or mailto address (printed as text). */
export function findDisallowedLinks(source: string): string[] {
  const found: string[] = [];
  const walk = (tokens: ReturnType<MarkdownIt['parse']>) => {
    for (const t of tokens) {
      if (t.children) walk(t.children);
      if (t.type === 'link_open') {
        const href = t.attrGet('href') ?? '';
        if (!isAllowedLinkUrl(href)) found.push(href);
      }
    }
  };
  walk(renderer.parse(source.replace(SPACE_IN_CHINESE, ''), {}));
  return found;
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
