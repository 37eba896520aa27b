import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { BUILTIN_HELPERS, chineseNumber, fillNotes, newRenderState } from '../../src/template/helpers.js';

/** As a loaded template runs (render-template.ts): the notes filled in once it has run. */
function render(source: string, data: object): string {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(BUILTIN_HELPERS)) hb.registerHelper(name, fn);
  const state = newRenderState();
  return fillNotes(hb.compile(source, { strict: true })(data, { data: { state } }), state);
}

describe('template helpers', () => {
  it('term gives the English form on first use only, in brackets for the label language', () => {
    const glossary = [{ zh: '趙克志', en: 'Zhao Kezhi', kind: 'person' }, { zh: '拉杰', en: '', kind: 'person' }];
    expect(render('{{term "趙克志"}}，{{term "趙克志"}}，{{term "拉杰"}}', { glossary, meta: { labels: 'en' } })).toBe('趙克志 (<span lang="en">Zhao Kezhi</span>)，趙克志，拉杰');
    expect(render('{{term "趙克志"}}', { glossary, meta: { labels: 'zh' } })).toBe('趙克志（<span lang="en">Zhao Kezhi</span>）');
    expect(render('{{term "<b>"}}', { glossary, meta: { labels: 'en' } })).toBe('&lt;b&gt;');
  });
  it('date formats in both label languages', () => {
    expect(render('{{date "2021-09-28" "zh"}} / {{date "2021-09-28" "en"}}', {})).toBe('2021年9月28日 / 28 September 2021');
  });
  it('number counts in decimal, Chinese and roman', () => {
    expect(render('{{#each xs}}{{number @index}}{{number @index "zh"}}{{number @index "roman"}} {{/each}}', { xs: [1, 2, 3, 4] })).toBe('1一i 2二ii 3三iii 4四iv ');
    expect([10, 11, 20, 21, 99].map(chineseNumber)).toEqual(['十', '十一', '二十', '二十一', '九十九']);
  });
  it('cite formats a note in the brief\'s style, first in full then short, escaped', () => {
    const source = { id: 'r1', lang: 'en', title: 'A & <B> Meet', titleEn: null, titleShort: 'A & <B>', issuer: { zh: null, en: 'Ministry' }, issued: '2021-09-24', url: null };
    const data = { meta: { labels: 'en', citationStyle: 'chicago-fullnote-bibliography' }, allSources: [source], x: { cite: { source: 'r1', locator: { kind: 'paragraphs', paragraphs: [2] } } } };
    expect(render('{{cite x}}|{{cite x}}', data)).toBe('<cite>Ministry, “A &amp; &lt;B&gt; Meet,” press release, September 24, 2021, para. 2.</cite>|<cite>Ministry, para. 2.</cite>');
    expect(render('{{#each (sourceList)}}{{this}}{{/each}}', data)).toBe('Ministry. “A &amp; &lt;B&gt; Meet.” Press release, September 24, 2021.');
    expect(() => render('{{cite x}}', { x: {} })).toThrow(/cite needs/);
  });
  it('join, take, inc, eq and gt', () => {
    expect(render('{{join xs "; " "id"}}|{{#each (take xs 1)}}{{id}}{{/each}}|{{inc 0}}|{{#if (eq a "x")}}y{{/if}}|{{#if (gt xs.length 1)}}many{{/if}}', { xs: [{ id: 'a' }, { id: 'b' }], a: 'x' })).toBe(
      'a; b|a|1|y|many',
    );
  });
  it('markdown renders editor text to markup, escaping everything else', () => {
    expect(render('{{{markdown s "en"}}}', { s: '**b** *i* [l](https://x.org) <b>raw</b> & {{x}}' })).toBe(
      '<p lang="en"><strong>b</strong> <em>i</em> <a href="https://x.org">l</a> &lt;b&gt;raw&lt;/b&gt; &amp; {{x}}</p>',
    );
    expect(render('{{{markdown s}}}', { s: '中文\n換行，\n續寫。' })).toBe('<p>中文換行，續寫。</p>');
  });
});
