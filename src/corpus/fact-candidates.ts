/**
 * Machine-found fact candidates, to help editors curate facts (`briefpack facts <id>`):
 * dates, numbers, glossary names, and "title + name" attendee lists. Candidates are
 * suggestions, never facts: a brief can only cite what an editor curated.
 */
import type { Glossary } from './glossary.js';
import type { Release } from './release.js';

export interface FactCandidate {
  type: 'date' | 'number' | 'person' | 'organisation' | 'place' | 'event';
  /** 0 = headline. */
  paragraph: number;
  /** The text found (a quote that can serve as evidence). */
  evidence: string;
  /** For people in attendee lists: the title before the name. */
  role?: string;
}

const ZH_DATE = /\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|(?<![\d年月])\d{1,2}日/gu;
const MONTH = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const EN_DATE = new RegExp(`\\b${MONTH} \\d{1,2}(?:, \\d{4})?\\b|\\b\\d{1,2} ${MONTH} \\d{4}\\b`, 'g');
const NUMBER = /(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|(?<![\d.,年月])\d+(?:\.\d+)?(?:周年|年|人|名|次|個|个|%|％)?/gu;

export function findFactCandidates(release: Release, glossary: Glossary): FactCandidate[] {
  const texts: [number, string][] = [...(release.headline ? [[0, release.headline] as [number, string]] : []), ...release.paragraphs.map((p) => [p.n, p.text] as [number, string])];
  const out: FactCandidate[] = [];
  const seen = new Set<string>();
  const add = (c: FactCandidate) => {
    const key = `${c.type}\0${c.paragraph}\0${c.evidence}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(c);
    }
  };
  const nameForm = release.lang === 'en' ? 'en' : release.lang;
  for (const [paragraph, text] of texts) {
    const dates = [...text.matchAll(release.lang === 'en' ? EN_DATE : ZH_DATE)].map((m) => m[0]);
    for (const d of dates) add({ type: 'date', paragraph, evidence: d });
    for (const m of text.matchAll(NUMBER)) {
      if (dates.some((d) => d.includes(m[0]))) continue;
      add({ type: 'number', paragraph, evidence: m[0] });
    }
    for (const term of glossary.terms) {
      const form = term[nameForm];
      if (form && text.includes(form)) add({ type: term.kind, paragraph, evidence: form });
    }
    if (release.lang !== 'en') for (const a of attendees(text, glossary, release.lang)) add({ type: 'person', paragraph, evidence: a.evidence, role: a.role });
  }
  return out;
}

/**
 * "中國駐柬埔寨大使王文天、公安部常務副部長王小洪…和警察總監奈薩文參加活動": a list of
 * title + name items separated by 、，和 and ending in a verb of attending. Names are
 * recognised through the glossary, so no name is guessed.
 */
function attendees(text: string, glossary: Glossary, script: 'zh-Hant' | 'zh-Hans'): { evidence: string; role: string }[] {
  const list = /([^。；]*?)(?:參加|出席|参加)(?:了)?(?:活動|活动|會議|会议|儀式|仪式)?。/u.exec(text);
  if (!list) return [];
  const names = glossary.terms.filter((t) => t.kind === 'person').map((t) => t[script]);
  const out: { evidence: string; role: string }[] = [];
  for (const item of list[1]!.split(/[、，,]|和(?=[^、，]*$)/u)) {
    const name = names.filter((n) => item.endsWith(n)).sort((a, b) => b.length - a.length)[0];
    if (name) out.push({ evidence: item, role: item.slice(0, item.length - name.length) });
  }
  return out;
}
