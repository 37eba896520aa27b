/**
 * What a reader sees of the citations, read back from the built files: every sample brief in
 * every house template, as PDF (poppler's pdftotext) and as DOCX (the zip's document and
 * footnotes parts, and LibreOffice's rendering of one). No internal release id in the text;
 * each cited release's full title at most twice (the source list and its first note); each
 * cited release's issuer named. And switching `citation_style:` in a spec changes the notes
 * of the document model the way the style says.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listBriefs } from '../../src/cli/commands/build.js';
import { composeDocument } from '../../src/pipeline/compose-document.js';
import { traditionalToSimplified } from '../../src/resolve/chinese-script.js';
import { templateNames } from '../../src/template/template-names.js';
import type { DocumentModel, Inline } from '../../src/model/model.js';
import { docxParts, pdfText, sofficeConvert, squash, toolsAvailable, withoutPageFurniture, xmlText } from '../helpers/readers.js';
import { PROJECT_ROOT, projectCorpus, projectFonts } from '../helpers/project.js';
import { runCli, tempProject } from '../helpers/temp-project.js';

const hasPoppler = toolsAvailable('pdftotext');
const hasSoffice = toolsAvailable('soffice');
const corpus = projectCorpus();
const fonts = projectFonts();
const briefs = listBriefs(PROJECT_ROOT).map((b) => path.basename(b, '.yaml'));
const templates = templateNames(path.join(PROJECT_ROOT, 'templates'));
const releases = [...corpus.releases.values()];

/** Whitespace out, and every quote mark one: styles nest quotes inside quoted titles. */
const normal = (s: string) => squash(s).replace(/[“”‘’"']/g, '"');
const count = (hay: string, needle: string) => hay.split(needle).length - 1;

interface BriefFacts {
  model: DocumentModel;
  classification: string;
  simplified: boolean;
  labels: 'en' | 'zh';
}
const facts = new Map<string, BriefFacts>();
for (const template of templates) {
  for (const brief of briefs) {
    const { model } = composeDocument(`briefs/${brief}.yaml`, { projectRoot: PROJECT_ROOT, corpus, fonts, template });
    facts.set(`${brief}.${template}`, { model, classification: model.meta.classification, simplified: model.meta.lang === 'zh-Hans', labels: model.meta.labels });
  }
}

/** The releases a document cites: its keywords, and any counterpart whose title it prints. */
function citedIn(f: BriefFacts, text: string) {
  const conv = (s: string) => (f.simplified ? traditionalToSimplified(s) : s);
  return releases
    .map((r) => ({ r, title: normal(conv(r.title)), issuer: normal(conv(f.labels === 'en' ? r.issuer!.en! : r.issuer!.zh!)) }))
    .filter((x) => f.model.meta.keywords.includes(x.r.id) || count(text, x.title) > 0);
}

function checkText(f: BriefFacts, raw: string): void {
  const text = normal(withoutPageFurniture(raw, f.classification));
  for (const r of releases) expect(text, `release id ${r.id}`).not.toContain(normal(r.id));
  const cited = citedIn(f, text);
  expect(cited.length).toBeGreaterThan(0);
  for (const { r, title, issuer } of cited) {
    const n = count(text, title);
    expect(n, `full title of ${r.id}`).toBeLessThanOrEqual(2);
    expect(n, `full title of ${r.id} (in the source list)`).toBeGreaterThanOrEqual(1);
    expect(text, `issuer of ${r.id}`).toContain(issuer);
  }
}

describe.skipIf(!hasPoppler)('citations in the built files', () => {
  const out = new Map<string, string>();
  beforeAll(async () => {
    for (const template of templates) {
      const dir = mkdtempSync(path.join(os.tmpdir(), `bp-cite-${template}-`));
      const r = await runCli(['build', '--template', template, '--out', dir]);
      expect(r.code, r.stderr).toBe(0);
      out.set(template, dir);
    }
  }, 600_000);

  for (const template of templates) {
    for (const brief of briefs) {
      it(`${brief} × ${template}: PDF text`, () => {
        checkText(facts.get(`${brief}.${template}`)!, pdfText(path.join(out.get(template)!, `${brief}.pdf`)));
      });
      it(`${brief} × ${template}: DOCX text (body and footnotes)`, () => {
        const parts = docxParts(readFileSync(path.join(out.get(template)!, `${brief}.docx`)));
        checkText(facts.get(`${brief}.${template}`)!, xmlText(`${parts['word/document.xml']}${parts['word/footnotes.xml'] ?? ''}`));
      });
    }
  }

  it('the DOCX source list is a Word numbered list in the Bibliography style', () => {
    const parts = docxParts(readFileSync(path.join(out.get('standard')!, 'sco-pabbi-antiterror-letter.docx')));
    const items = [...parts['word/document.xml']!.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pStyle w:val="Bibliography"\/>[\s\S]*?<\/w:p>/g)].map((m) => m[0]);
    expect(items).toHaveLength(2);
    for (const p of items) expect(p).toMatch(/<w:numPr>/);
    expect(parts['word/styles.xml']).toMatch(/<w:style w:type="paragraph" w:styleId="Bibliography">\s*<w:name w:val="Bibliography"\/>/);
  });

  it.skipIf(!hasSoffice)('as LibreOffice shows the DOCX', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-cite-lo-'));
    const [pdf] = sofficeConvert([path.join(out.get('standard')!, 'sco-pabbi-antiterror-letter.docx')], 'pdf', dir);
    checkText(facts.get('sco-pabbi-antiterror-letter.standard')!, pdfText(pdf!));
  }, 300_000);
});

/** The notes of a model as plain text. */
const noteTexts = (model: DocumentModel) => model.notes.map((n) => n.children.map((c: Inline) => (c.type === 'text' ? c.value : '')).join(''));

describe('citation_style: in a spec changes the notes as the style says', () => {
  const project = tempProject();
  const spec = readFileSync(path.join(PROJECT_ROOT, 'briefs', 'cambodia-law-enforcement-meeting.yaml'), 'utf8');
  const notesWith = (style: string | null, labels = 'en') => {
    const file = `briefs/style-${style ?? 'default'}-${labels}.yaml`;
    writeFileSync(path.join(project, file), spec.replace(/^labels: en$/m, `labels: ${labels}${style ? `\ncitation_style: ${style}` : ''}`));
    return noteTexts(composeDocument(file, { projectRoot: project, corpus, fonts }).model);
  };
  const ISSUER = 'Ministry of Public Security of the People’s Republic of China';
  const TITLE = corpus.releases.get('mps-2021-09-28-zh-cambodia-video-meeting')!.title;

  it('default for labels: en is chicago-fullnote-bibliography: full first note, then the issuer alone for the same source', () => {
    const notes = notesWith(null);
    expect(notes).toEqual(notesWith('chicago-fullnote-bibliography'));
    expect(notes[0]).toMatch(new RegExp(`^${ISSUER}, “${TITLE} \\[Zhao Kezhi .*\\],” press release, September 28, 2021, para\\. 1: “薩肯28日出席”\\.$`));
    expect(notes[1]).toBe(`${ISSUER}, para. 1: “國務委員、公安部部長趙克志”.`);
  });
  it('chicago-fullnote-bibliography-with-ibid: Ibid., with the locator when it changes', () => {
    const notes = notesWith('chicago-fullnote-bibliography-with-ibid');
    expect(notes[0]).toContain(TITLE);
    expect(notes[1]).toBe('Ibid.: “國務委員、公安部部長趙克志”.');
    expect(notes[3]).toBe('Ibid., para. 5: “共同簽署了繼續推進中柬執法合作年行動工作計劃”.');
  });
  it('chicago-note-bibliography: short notes from the first (the source list has the full entry)', () => {
    const notes = notesWith('chicago-note-bibliography');
    expect(notes[0]).toBe(`${ISSUER}, “中柬執法合作年行動視頻會晤”, para. 1: “薩肯28日出席”.`);
    for (const n of notes) expect(n).not.toContain(TITLE);
  });
  it('chicago-note-bibliography-with-ibid: short first note, then Ibid.', () => {
    const notes = notesWith('chicago-note-bibliography-with-ibid');
    expect(notes[0]).toBe(`${ISSUER}, “中柬執法合作年行動視頻會晤”, para. 1: “薩肯28日出席”.`);
    expect(notes[1]).toBe('Ibid.: “國務委員、公安部部長趙克志”.');
  });
  it('china-national-standard-gb-t-7714-2015-note (the default for labels: zh): [EB] entry first, 同上 after', () => {
    const notes = notesWith('china-national-standard-gb-t-7714-2015-note');
    expect(notes[0]).toBe(`MINISTRY OF PUBLIC SECURITY OF THE PEOPLE’S REPUBLIC OF CHINA. ${TITLE} [Zhao Kezhi and Cambodian Deputy Prime Minister and Interior Minister Sar Kheng Attend the Video Meeting and Signing Ceremony on Continuing the China–Cambodia Law Enforcement Cooperation Year][EB]. 2021: 第1段: “薩肯28日出席”.`);
    const zh = notesWith(null, 'zh');
    expect(zh).toEqual(notesWith('china-national-standard-gb-t-7714-2015-note', 'zh'));
    expect(zh[0]).toBe(`中華人民共和國公安部. ${TITLE}[EB]. 2021: 第1段: “薩肯28日出席”.`);
    expect(zh[1]).toBe('同上: “國務委員、公安部部長趙克志”.');
    expect(zh[3]).toBe('同上: 第5段: “共同簽署了繼續推進中柬執法合作年行動工作計劃”.');
  });
});
