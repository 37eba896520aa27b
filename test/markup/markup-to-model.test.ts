import { describe, expect, it } from 'vitest';
import { markupToModel } from '../../src/markup/markup-to-model.js';
import type { DocumentMeta } from '../../src/model/model.js';

const meta: DocumentMeta = {
  title: 'T', subtitle: '', date: '2021-09-30', classification: 'OFFICIAL', author: '', subject: '', keywords: [], lang: 'zh-Hant', labels: 'en', paper: 'A4',
};
const read = (markup: string) => markupToModel(markup, 'templates/x/brief.hbs', meta);

describe('markupToModel', () => {
  it('reads a cover with its author and audience lines; the marking stays an attribute', () => {
    const { model, diagnostics } = read(`
      <cover classification="OFFICIAL">
        <title>中柬執法合作年</title>
        <subtitle>Video meeting</subtitle>
        <date>30 September 2021</date>
        <author>Prepared by: Research desk</author>
        <audience>For: Senior officials</audience>
      </cover>`);
    expect(diagnostics).toEqual([]);
    const cover = model!.blocks[0]!;
    if (cover.type !== 'cover') throw new Error('no cover');
    expect(cover.author).toEqual([{ type: 'text', value: 'Prepared by: Research desk' }]);
    expect(cover.audience).toEqual([{ type: 'text', value: 'For: Senior officials' }]);
    expect(cover.classification).toBe('OFFICIAL');
    const bare = read('<cover classification="X"><title>T</title></cover>').model!.blocks[0]!;
    expect(bare.type === 'cover' && [bare.author, bare.audience]).toEqual([[], []]);
  });

  it('names what a cover may hold when it holds something else', () => {
    const { diagnostics } = read('<cover classification="X"><title>T</title><marking>X</marking></cover>');
    expect(diagnostics.map((d) => [d.code, d.message, d.hint])).toEqual([
      ['BP303', '<marking> cannot stand in <cover>', 'A cover holds <title>, <subtitle>, <date>, <author> and <audience>.'],
    ]);
    expect(diagnostics[0]!.start.line).toBe(1);
  });

  it('reads blocks and inlines into typed nodes', () => {
    const { model, diagnostics } = read(`
      <h1 id="a">Heading</h1>
      <p lang="en">Some <strong>bold</strong>, <em>em</em>, <a href="https://x.org">link</a><br/>and a note<cite>Release ¶1</cite></p>
      <excerpt lang="zh-Hant">
        <p>中柬是鐵桿朋友。</p>
        <citation>Source: X, ¶2<cite>X (id), ¶2</cite></citation>
      </excerpt>
      <table variant="facts" widths="1 3"><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td lang="zh-Hant">二</td></tr></tbody></table>
      <ul><li>one</li><li><p>two</p></li></ul>
      <pagebreak/>`);
    expect(diagnostics).toEqual([]);
    expect(model!.blocks.map((b) => b.type)).toEqual(['heading', 'paragraph', 'excerpt', 'table', 'list', 'pageBreak']);
    const p = model!.blocks[1]!;
    expect(p.type === 'paragraph' && p.children.map((c) => c.type)).toEqual(['text', 'strong', 'text', 'emphasis', 'text', 'link', 'lineBreak', 'text', 'citeRef']);
    expect(model!.notes.map((n) => n.id)).toEqual([1, 2]);
    const table = model!.blocks[3]!;
    expect(table.type === 'table' && [table.headerRows, table.columnWidths]).toEqual([1, [1, 3]]);
  });

  it('drops whitespace that carries a line break, so Chinese gets no stray spaces', () => {
    const { model } = read('<p>中柬\n   是鐵桿朋友 and two  spaces</p>');
    const p = model!.blocks[0]!;
    expect(p.type === 'paragraph' && p.children).toEqual([{ type: 'text', value: '中柬是鐵桿朋友 and two  spaces' }]);
  });

  it('gives each problem its own diagnostic at the element that caused it', () => {
    const { diagnostics } = read('<p>ok</p>\n<tabel/>\n<p bogus="1">x</p>\n<excerpt><p>no citation</p></excerpt>');
    expect(diagnostics.map((d) => [d.code, d.start.line, d.message])).toEqual([
      ['BP303', 2, 'unknown element <tabel>'],
      ['BP303', 3, '<p> has no attribute "bogus"'],
      ['BP303', 4, '<excerpt> has no <citation>'],
    ]);
  });

  it('reports markup that is not well formed once, with its line', () => {
    const { model, diagnostics } = read('<p>fine</p>\n<p>unclosed <strong>bold</p>\n<p>more</p>');
    expect(model).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'BP302', start: { line: 2 } });
  });

  it('decodes escaped text literally', () => {
    const { model } = read('<p>a &lt;b&gt; &amp; {{c}} **d** [e](f) &#x3D;</p>');
    const p = model!.blocks[0]!;
    expect(p.type === 'paragraph' && p.children).toEqual([{ type: 'text', value: 'a <b> & {{c}} **d** [e](f) =' }]);
  });
});
