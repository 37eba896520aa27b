import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CLEANING_STEPS,
  cleanText,
  TEXT_STEPS,
  decodeHtmlEntities,
  fullWidthPunctuation,
  normaliseWhitespace,
  removeZeroWidth,
  scriptOfText,
  stripEndMarks,
  stripPinyinGlosses,
  type Step,
  type TextScript,
} from '../../src/corpus/cleaning.js';
import { SEED_DUMP } from '../helpers/project.js';

const only = (step: Step, text: string, script?: TextScript) => step.apply(text, script ? { script } : {}).text;
const clean = (text: string, script?: TextScript) => cleanText(text, CLEANING_STEPS, script ? { script } : {}).text;

describe('strip-pinyin-glosses', () => {
  it('removes a gloss after a Han character', () => {
    expect(only(stripPinyinGlosses, '國務(wù)委員')).toBe('國務委員');
    expect(only(stripPinyinGlosses, '協調(diào)辦公室')).toBe('協調辦公室');
    expect(only(stripPinyinGlosses, '創(chuàng)造性')).toBe('創造性');
  });
  it('leaves parentheses that are not pinyin glosses', () => {
    for (const text of [
      'Shanghai Cooperation Organization (RATS SCO) on',
      '上合組織(SCO)成員國',
      '共有(2021)號文件',
      'f(x) = x',
      '中國(北京)',
    ]) {
      expect(only(stripPinyinGlosses, text)).toBe(text);
    }
  });
  it('removes exactly the 121 glosses of the seed dump and leaves none', () => {
    const raw = readFileSync(SEED_DUMP, 'utf8');
    const result = cleanText(raw, [stripPinyinGlosses]);
    expect(result.changes).toHaveLength(121);
    expect(result.text).not.toMatch(/\p{Script=Han}\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/u);
  });
});

describe('remove-zero-width', () => {
  it('removes zero-width spaces, joiners and byte-order marks, and nothing else', () => {
    expect(only(removeZeroWidth, '\ufeff趙克志\u200b表示\u200d')).toBe('趙克志表示');
    expect(removeZeroWidth.apply('Zhao Kezhi said.').changes).toEqual([]);
  });
});

describe('decode-html-entities', () => {
  it('decodes named, decimal and hexadecimal references, and counts each', () => {
    const r = decodeHtmlEntities.apply('記者會&nbsp;今日舉行&#12290;A&amp;B&#x3002;&lt;完&gt;');
    expect(r.text).toBe('記者會\u00a0今日舉行。A&B。<完>');
    expect(r.changes.map((c) => [c.offset, c.before, c.after])).toEqual([
      [3, '&nbsp;', '\u00a0'],
      [13, '&#12290;', '。'],
      [22, '&amp;', '&'],
      [28, '&#x3002;', '。'],
      [36, '&lt;', '<'],
      [41, '&gt;', '>'],
    ]);
  });
  it('decodes doubly escaped references through to the character', () => {
    expect(only(decodeHtmlEntities, '會談&amp;nbsp;結束&amp;amp;#12290;')).toBe('會談\u00a0結束。');
    expect(only(decodeHtmlEntities, '&#38;#12290;')).toBe('。');
    expect(decodeHtmlEntities.apply('a&amp;nbsp;b').changes).toEqual([{ offset: 1, before: '&amp;nbsp;', after: '\u00a0' }]);
  });
  it('leaves ampersands that are text, and unknown names', () => {
    for (const text of ['AT&T and R&D', 'Q&A', '&foo; stays', 'a & b', '&nbsp without semicolon', '&', '&&amp']) {
      expect(only(decodeHtmlEntities, text), text).toBe(text);
    }
  });
  it('is a named step of the pipeline, counted in the changes', () => {
    const r = cleanText('雙方表示&#65292;將加強合作&#12290;', CLEANING_STEPS);
    expect(r.text).toBe('雙方表示，將加強合作。');
    expect(r.changes.filter((c) => c.step === 'decode-html-entities')).toHaveLength(2);
  });
});

describe('full-width-punctuation', () => {
  it('converts ASCII punctuation inside Chinese', () => {
    expect(only(fullWidthPunctuation, '趙克志指出,中柬')).toBe('趙克志指出，中柬');
    expect(only(fullWidthPunctuation, '2019年1月,習近平')).toBe('2019年1月，習近平');
    expect(only(fullWidthPunctuation, '如下:一是')).toBe('如下：一是');
    expect(only(fullWidthPunctuation, '為什麼?')).toBe('為什麼？');
    expect(only(fullWidthPunctuation, '演習(第二階段)開始')).toBe('演習（第二階段）開始');
    expect(only(fullWidthPunctuation, '指出, 中柬')).toBe('指出，中柬');
    expect(only(fullWidthPunctuation, '共有3人,2人受傷')).toBe('共有3人，2人受傷');
    expect(only(fullWidthPunctuation, '國務委員趙克志(Zhao Kezhi)表示', 'zh')).toBe('國務委員趙克志（Zhao Kezhi）表示');
  });
  it('leaves numbers and Latin text alone', () => {
    for (const text of ['1,000 people', 'Zhao noted that SCO, a body', 'at 10:30, he said: yes!', '共1,000人', 'ratio 2:1', '(RATS SCO)']) {
      expect(only(fullWidthPunctuation, text)).toBe(text);
    }
  });
  it('leaves Han names inside English text alone', () => {
    for (const text of [
      'Lai Ching-te (賴清德) said',
      'President Lai Ching-te (賴清德) said on Monday (Jan. 13) that',
      'The term 一國兩制, "one country, two systems", was',
      'He met 王小洪, Minister of Public Security, and 鄧勵: both spoke.',
      'Who is 賴清德?',
      'the “Shanghai spirit”, and',
    ]) {
      expect(only(fullWidthPunctuation, text, 'en'), text).toBe(text);
      expect(clean(text, 'en'), text).toBe(text);
    }
  });
  it('in English text converts only marks with Chinese on both sides', () => {
    expect(only(fullWidthPunctuation, 'The banner read “中柬友誼,萬古長青”.', 'en')).toBe('The banner read “中柬友誼，萬古長青”.');
  });
  it('keeps a Latin parenthetical in a Chinese paragraph with its own marks', () => {
    expect(only(fullWidthPunctuation, '台灣總統賴清德表示 Lai Ching-te (賴清德) said', 'zh')).toBe('台灣總統賴清德表示 Lai Ching-te (賴清德) said');
  });
  it('leaves clean Chinese text unchanged', () => {
    const clean = '趙克志表示，中方愿同柬方認真落實好兩國領導人重要共識。';
    expect(fullWidthPunctuation.apply(clean).changes).toEqual([]);
  });
  it('leaves no ASCII comma between Han characters in the seed', () => {
    const raw = readFileSync(SEED_DUMP, 'utf8');
    expect(raw).toMatch(/\p{Script=Han},\p{Script=Han}/u);
    expect(cleanText(raw).text).not.toMatch(/\p{Script=Han},\p{Script=Han}/u);
  });
});

describe('normalise-whitespace', () => {
  it('trims, collapses, and joins Chinese lines wrapped by hand', () => {
    expect(only(normaliseWhitespace, '  趙克志表示 ,  ok \n')).toBe('趙克志表示 , ok');
    expect(only(normaliseWhitespace, 'Zhao  Kezhi\tsaid')).toBe('Zhao Kezhi said');
    expect(only(normaliseWhitespace, '雙方同意加強執法\n安全合作')).toBe('雙方同意加強執法安全合作');
    expect(only(normaliseWhitespace, '雙方同意加強執法\n\u3000\u3000安全合作')).toBe('雙方同意加強執法安全合作');
    expect(only(normaliseWhitespace, 'Zhao Kezhi sent\na letter')).toBe('Zhao Kezhi sent a letter');
  });
  it('keeps a space that separates phrases in a Chinese headline or dateline, as one U+3000', () => {
    expect(only(normaliseWhitespace, '總統接見美國訪團\u3000盼台美深化合作')).toBe('總統接見美國訪團\u3000盼台美深化合作');
    expect(only(normaliseWhitespace, '總統接見美國訪團 盼台美深化合作')).toBe('總統接見美國訪團\u3000盼台美深化合作');
    expect(only(normaliseWhitespace, '總統接見美國訪團\u3000\u3000盼台美深化合作')).toBe('總統接見美國訪團\u3000盼台美深化合作');
    expect(only(normaliseWhitespace, '新华社北京3月16日电 （记者 王明）')).toBe('新华社北京3月16日电\u3000（记者\u3000王明）');
    expect(only(normaliseWhitespace, '王毅会见 美国国务卿')).toBe('王毅会见\u3000美国国务卿');
  });
  it('drops a space that touches punctuation carrying its own', () => {
    expect(only(normaliseWhitespace, '趙克志指出， 中柬是鐵桿朋友。 雙方')).toBe('趙克志指出，中柬是鐵桿朋友。雙方');
  });
  it('leaves normal English spacing and clean text alone', () => {
    expect(normaliseWhitespace.apply('Zhao Kezhi sent a letter.').changes).toEqual([]);
    expect(normaliseWhitespace.apply('中柬是鐵桿朋友。').changes).toEqual([]);
    expect(normaliseWhitespace.apply('2021年 9月 Lai Ching-te (賴清德) said').changes).toEqual([]);
  });
});

describe('strip-end-marks', () => {
  it('removes end marks and trailers at the end of a paragraph', () => {
    expect(only(stripEndMarks, 'a community of shared future.■')).toBe('a community of shared future.');
    expect(only(stripEndMarks, '推動合作邁上新台階。 ■')).toBe('推動合作邁上新台階。');
    expect(only(stripEndMarks, '推動合作邁上新台階。□')).toBe('推動合作邁上新台階。');
    expect(only(stripEndMarks, '推動合作邁上新台階。▲')).toBe('推動合作邁上新台階。');
    expect(only(stripEndMarks, '推动合作迈上新台阶。（完）')).toBe('推动合作迈上新台阶。');
    expect(only(stripEndMarks, '推动合作迈上新台阶。(完)')).toBe('推动合作迈上新台阶。');
    expect(only(stripEndMarks, '推动合作迈上新台阶。完')).toBe('推动合作迈上新台阶。');
    expect(only(stripEndMarks, '推动合作迈上新台阶。 NNNN')).toBe('推动合作迈上新台阶。');
    expect(only(stripEndMarks, 'security of the region. (END)')).toBe('security of the region.');
    expect(only(stripEndMarks, '（完）')).toBe('');
    expect(stripEndMarks.apply('合作。■■').changes).toEqual([{ offset: 3, before: '■■', after: '' }]);
  });
  it('leaves marks that do not end the paragraph, and 完 inside a word', () => {
    for (const text of ['■ 會議要點', '▲圖為會談現場。', '各項工作已全部完', '任務完成。', 'The exercise was complete.', '第■段']) {
      expect(only(stripEndMarks, text), text).toBe(text);
    }
  });
});

describe('cleanText', () => {
  it('runs the steps in order and records which step changed what', () => {
    const result = cleanText('協調(diào),辦公室', CLEANING_STEPS);
    expect(result.text).toBe('協調，辦公室');
    expect(result.changes.map((c) => c.step)).toEqual(['strip-pinyin-glosses', 'full-width-punctuation']);
  });
  it('pins the cases it must change, exactly so', () => {
    expect(clean('協調(diào)&#12290;完')).toBe('協調。');
    expect(clean('總統府&nbsp;&nbsp;新聞稿')).toBe('總統府\u3000新聞稿');
    expect(clean('Zhao Kezhi said&nbsp;so.&#9632;', 'en')).toBe('Zhao Kezhi said so.');
    // A dateline's separator stays whether its bracket was ASCII or full-width.
    expect(clean('新华社上海3月16日电 (记者 陈静)上海市交通委16日发布')).toBe('新华社上海3月16日电\u3000（记者\u3000陈静）上海市交通委16日发布');
    expect(clean('新华社北京3月16日电  （记者 王慧敏）眼下')).toBe('新华社北京3月16日电\u3000（记者\u3000王慧敏）眼下');
    expect(clean('賴清德總統今(13)日上午接見')).toBe('賴清德總統今（13）日上午接見');
  });
  it('keeps trailers by default (TEXT_STEPS: the importer reads them as evidence)', () => {
    expect(cleanText('合作。（完）').text).toBe('合作。（完）');
    expect(cleanText('合作。（完）', CLEANING_STEPS).text).toBe('合作。');
  });
  it('decides the script of a paragraph by its letters', () => {
    expect(scriptOfText('Lai Ching-te (賴清德) said')).toBe('en');
    expect(scriptOfText('總統賴清德(Lai Ching-te)今天在總統府表示')).toBe('zh');
    expect(scriptOfText('合(hé)作(zuò)&nbsp;。NNNN')).toBe('zh');
    // Han outside the BMP counts once per character; accented Latin letters count as Latin.
    expect(scriptOfText('𠀀𠀁𠀂 Ün')).toBe('zh');
    expect(scriptOfText('𠀀𠀁 Ünë')).toBe('en');
    expect(scriptOfText('Müller São 中文')).toBe('en');
  });
  it('is deterministic', () => {
    const raw = readFileSync(SEED_DUMP, 'utf8');
    expect(cleanText(raw)).toEqual(cleanText(raw));
  });
});

/** A small seeded generator (mulberry32), so the property tests are reproducible. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const MIXED_PIECES = [
  '趙克志', '表示', '中柬', '合作', '賴清德', '新华社北京3月16日电', '（记者', '）', '務(wù)', '協調(diào)',
  'Zhao', 'Kezhi', 'Lai Ching-te', 'said', 'SCO', '2021', '1,000', '10:30', 'São Paulo', 'Müller',
  ' ', '  ', '\u3000', '\n', '\t', '\u00a0', '\u200b',
  ',', ';', ':', '?', '!', '(', ')', '.', '"', '“', '”', '‘', '’', '，', '。', '、', '「', '」',
  '&nbsp;', '&amp;', '&#12290;', '&#x3002;', '&amp;nbsp;', '&#38;', 'lt;', '&', '&foo;',
  '■', '□', '▲', '（完）', '(完)', '完', 'NNNN', '(END)',
] as const;

const ENGLISH_WORDS = ['Zhao', 'Kezhi', 'sent', 'a', 'letter', 'to', 'the', 'SCO', 'RATS', '2021', '1,000', 'Pabbi-Antiterror-2021', 'café', 'Müller', 'São', 'Paulo', 'Ångström', "Taiwan's", 'U.S.'];
const ENGLISH_GLUE = [' ', ', ', '; ', ': ', ' (', ') ', '? ', '! ', '. ', ' “', '” ', ' "', '" ', ' – ', ' — ', '…', ' «', '» ', ' „', '“ '];

describe('cleaning properties', () => {
  it('is idempotent on the inputs that once broke it', () => {
    for (const text of ['(完)\u200b完', 'Müller&amp;\u200blt;&amp;nbsp;', '电!(END)', '?&#12290;(END))合作)"', 'Müller,&nbsp;\t務(wù)lt;: ((完)NNNN', '▲□協調(diào)  務(wù)?']) {
      const once = clean(text);
      expect(cleanText(once, CLEANING_STEPS).changes, JSON.stringify(text)).toEqual([]);
    }
  });
  it('is idempotent: cleaning cleaned text changes nothing', () => {
    const r = random(13);
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: 1 + Math.floor(r() * 14) }, () => pick(r, MIXED_PIECES)).join('');
      for (const script of [undefined, 'zh', 'en'] as const) {
        for (const steps of [CLEANING_STEPS, TEXT_STEPS]) {
          const once = cleanText(text, steps, script ? { script } : {}).text;
          const twice = cleanText(once, steps, script ? { script } : {});
          expect(twice.changes, JSON.stringify({ text, script, once, steps: steps.length })).toEqual([]);
        }
      }
    }
  });
  it('never changes English text that is already tidy', () => {
    const r = random(42);
    for (let n = 0; n < 3000; n++) {
      let text = pick(r, ENGLISH_WORDS);
      const words = 1 + Math.floor(r() * 12);
      for (let w = 0; w < words; w++) text += pick(r, ENGLISH_GLUE) + pick(r, ENGLISH_WORDS);
      text = text.trim().replace(/ {2,}/g, ' ');
      expect(cleanText(text, CLEANING_STEPS, { script: 'en' }).changes, text).toEqual([]);
      expect(cleanText(text, CLEANING_STEPS).changes, text).toEqual([]);
    }
  });
});
