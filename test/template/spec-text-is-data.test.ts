/**
 * Spec and release text are data, everywhere (issue 12, item 5): a title that looks like
 * markup stays text whichever helper prints it and however the template writes it, and only
 * http, https and mailto targets become links, in the model, the PDF and the DOCX alike.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { composeDocument } from '../../src/pipeline/compose-document.js';
import { openCorpus } from '../../src/corpus/corpus.js';
import type { Block, Inline } from '../../src/model/model.js';
import { isAllowedLinkUrl } from '../../src/model/links.js';
import { markdownToMarkup } from '../../src/markup/markdown.js';
import { PROJECT_ROOT, projectFonts } from '../helpers/project.js';
import { tempProject } from '../helpers/temp-project.js';
import { renderDocx, renderPdf } from '../helpers/renderers.js';

const BRIEF = 'briefs/cambodia-law-enforcement-meeting.yaml';
const HOSTILE = '</p><pagebreak/><h1>X</h1><p>';

function blocksOf(blocks: Block[]): Block[] {
  return blocks.flatMap((b) => [b, ...('blocks' in b && Array.isArray(b.blocks) ? blocksOf(b.blocks as Block[]) : [])]);
}

function inlinesOf(value: unknown): Inline[] {
  const out: Inline[] = [];
  const walk = (v: unknown) => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const node = v as { type?: string };
    if (node.type === 'link' || node.type === 'text') out.push(node as Inline);
    Object.values(v).forEach(walk);
  };
  walk(value);
  return out;
}

describe('the term helper', () => {
  it('escapes unknown and repeated terms, with double or triple braces: no page break, no heading', () => {
    const p = tempProject();
    cpSync(path.join(PROJECT_ROOT, 'templates/standard'), path.join(p, 'templates/terms'), { recursive: true });
    const cover = path.join(p, 'templates/terms/partials/cover.hbs');
    writeFileSync(cover, readFileSync(cover, 'utf8').replace('<title>{{meta.title}}</title>', '<title>{{{term meta.title}}}{{term meta.title}}{{{term meta.title}}}</title>'));
    const spec = path.join(p, BRIEF);
    writeFileSync(spec, readFileSync(spec, 'utf8').replace(/^title: .*$/m, `title: "${HOSTILE}"`));
    const { model } = composeDocument(BRIEF, { projectRoot: p, corpus: openCorpus(p), fonts: projectFonts(), template: 'terms' });
    const all = blocksOf(model.blocks);
    expect(all.filter((b) => b.type === 'pageBreak' || (b.type as string) === 'pagebreak')).toEqual([]);
    expect(JSON.stringify(model)).not.toMatch(/"type":"heading","level":1,"id":"x"/);
    const texts = inlinesOf(model.blocks).filter((i) => i.type === 'text').map((i) => (i as { value: string }).value);
    expect(texts.join('')).toContain(HOSTILE.repeat(3));
  });
});

describe('links keep an allowlist of schemes', () => {
  const targets = {
    web: 'https://www.mps.gov.cn/n2254314/index.html',
    mail: 'mailto:press@example.org',
    msdt: 'ms-msdt:/id PCWDiagnostic /skip force /param "IT_RebrowseForFile=?"',
    search: 'search-ms:query=invoice&crumb=location:\\\\evil.example\\share',
    smb: 'smb://evil.example/share',
    file: 'file:///etc/passwd',
    js: 'javascript:alert(1)',
    tabbed: 'java\tscript:alert(1)',
    relative: 'other.pdf',
  };

  it('isAllowedLinkUrl takes http, https and mailto only', () => {
    expect(Object.entries(targets).filter(([, url]) => isAllowedLinkUrl(url)).map(([k]) => k)).toEqual(['web', 'mail']);
    expect(isAllowedLinkUrl('HTTPS://EXAMPLE.ORG')).toBe(true);
    expect(isAllowedLinkUrl('https:evil')).toBe(false);
  });

  it('Markdown keeps the text of a refused link and drops the link', () => {
    expect(markdownToMarkup('[open](ms-msdt:x) and [site](https://example.org)', 'en')).toBe('<p lang="en">open and <a href="https://example.org">site</a></p>');
  });

  it('a spec summary with foreign schemes: a warning at the summary, text in the model, no link in the PDF or DOCX', async () => {
    const p = tempProject();
    const summary = Object.entries(targets).map(([k, url]) => `[${k}-link](<${url}>)`).join(' ');
    const spec = path.join(p, BRIEF);
    writeFileSync(spec, readFileSync(spec, 'utf8').replace(/^summary: >-\n(  .*\n)+/m, `summary: ${JSON.stringify(summary)}\n`));
    const fonts = projectFonts();
    const { model, warnings } = composeDocument(BRIEF, { projectRoot: p, corpus: openCorpus(p), fonts });
    const bp221 = warnings.filter((w) => w.code === 'BP221');
    expect(bp221).toHaveLength(1);
    expect(bp221[0]).toMatchObject({ severity: 'warning', file: BRIEF, start: { line: 10, column: 10 } });
    for (const bad of ['ms-msdt', 'search-ms', 'smb:', 'file:', 'javascript', 'other.pdf']) expect(bp221[0]!.message).toContain(bad);
    const links = inlinesOf(model.blocks).filter((i) => i.type === 'link').map((i) => (i as { url: string }).url);
    expect(links).toEqual([targets.web, targets.mail]);
    const text = inlinesOf(model.blocks).filter((i) => i.type === 'text').map((i) => (i as { value: string }).value).join('');
    for (const k of Object.keys(targets)) expect(text).toContain(`${k}-link`);

    const pdf = Buffer.from(await renderPdf(model, { fonts })).toString('latin1');
    const docx = unzipSync(await renderDocx(model, { fonts }));
    const rels = Object.entries(docx).filter(([name]) => name.endsWith('.rels')).map(([, b]) => strFromU8(b)).join('\n');
    for (const bad of ['ms-msdt', 'search-ms', 'smb:', 'file:', 'javascript', 'other.pdf']) {
      expect(pdf).not.toContain(bad);
      expect(rels).not.toContain(bad);
    }
    expect(pdf).toContain('/URI (https://www.mps.gov.cn/n2254314/index.html)');
    expect(rels).toContain('https://www.mps.gov.cn/n2254314/index.html');
  }, 60_000);
});
