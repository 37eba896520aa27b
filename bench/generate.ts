/**
 * Makes a synthetic briefpack project from the seed releases, for benchmarks and load tests.
 *
 * Releases are built from the seed paragraphs as they stand in the release files (pinyin
 * glosses, ASCII punctuation and all, with the editor's correction of the mojibake run
 * applied), so the cleaning pipeline does real work. Every release has 3–8 paragraphs drawn
 * from the seeds in its language; about a quarter of the Chinese releases get an English
 * translation (`translation_of`), so bilingual lookups happen too. Curated facts are the
 * seed facts whose evidence occurs in the paragraphs a release got.
 *
 * Briefs quote releases picked at random (deterministically: the generator is seeded), with
 * the number of excerpts set by the page count asked for: about 2.4 quoted paragraphs per
 * page, plus facts tables, as in the 3-page sample brief.
 *
 *   tsx bench/generate.ts --releases 3000 --briefs 100 --pages 10 --out /tmp/corpus
 */
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openCorpus } from '../src/corpus/corpus.js';
import type { Fact, Paragraph, Release } from '../src/corpus/release.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');

export interface GenerateOptions {
  releases: number;
  briefs: number;
  /** Pages per brief: one number, or [min, max] for a spread. */
  pages: number | [number, number];
  /** PRNG seed. */
  seed?: number;
  /** More briefs outside briefs/ (so a full build leaves them out), e.g. a 3-page one. */
  extra?: { file: string; pages: number }[];
}

export interface GeneratedProject {
  root: string;
  releaseIds: string[];
  briefs: { file: string; pages: number; releases: string[] }[];
}

interface SeedParagraph {
  raw: string;
  text: string;
}

interface Seeds {
  zh: SeedParagraph[];
  en: SeedParagraph[];
  facts: { zh: Fact[]; en: Fact[] };
  titles: { zh: string[]; en: string[] };
}

/** mulberry32: small, fast, good enough for picking paragraphs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function loadSeeds(): Seeds {
  const corpus = openCorpus(REPO_ROOT);
  const seeds: Seeds = { zh: [], en: [], facts: { zh: [], en: [] }, titles: { zh: [], en: [] } };
  for (const r of corpus.releases.values()) {
    const lang = r.lang === 'en' ? 'en' : 'zh';
    for (const p of r.paragraphs) seeds[lang].push({ raw: correctedRaw(r, p), text: p.text });
    seeds.facts[lang].push(...r.facts);
    seeds.titles[lang].push(r.title);
  }
  return seeds;
}

/** The raw paragraph, or its cleaned text where the corrections file had to repair it, so
 * no synthetic release carries the seed's mojibake run (a brief quoting it would fail). */
function correctedRaw(release: Release, p: Paragraph): string {
  return release.corrections.some((a) => a.paragraph === p.n) ? p.text : p.raw;
}

const yamlString = (s: string) => JSON.stringify(s);

export function generateProject(root: string, options: GenerateOptions): GeneratedProject {
  const random = prng(options.seed ?? 20210928);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const seeds = loadSeeds();
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, 'releases'), { recursive: true });
  mkdirSync(path.join(root, 'briefs'), { recursive: true });
  for (const dir of ['templates', 'fonts']) cpSync(path.join(REPO_ROOT, dir), path.join(root, dir), { recursive: true });
  cpSync(path.join(REPO_ROOT, 'releases', 'glossary.yaml'), path.join(root, 'releases', 'glossary.yaml'));
  writeFileSync(path.join(root, 'releases', 'corrections.yaml'), '# The synthetic releases need no corrections.\ncorrections: []\n');
  cpSync(path.join(REPO_ROOT, 'package.json'), path.join(root, 'package.json'));
  // Font paths in fonts/fonts.yaml ("npm:…") resolve through node_modules.
  if (!existsSync(path.join(root, 'node_modules'))) symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');

  interface Made {
    id: string;
    lang: 'zh-Hant' | 'en';
    paragraphs: number;
    facts: string[];
  }
  const made: Made[] = [];
  const pad = String(options.releases).length;
  let lastZh: Made | undefined;
  for (let i = 1; i <= options.releases; i++) {
    // Every fourth release is the English version of the Chinese one before it.
    const english = i % 4 === 0 && lastZh !== undefined;
    const lang = english ? 'en' : 'zh-Hant';
    const pool = english ? seeds.en : seeds.zh;
    const count = english ? 3 : 3 + Math.floor(random() * 6);
    const paragraphs = Array.from({ length: count }, () => pick(pool));
    const facts = (english ? seeds.facts.en : seeds.facts.zh).filter((f) => paragraphs.some((p) => p.text.includes(f.evidence)));
    const unique = [...new Map(facts.map((f) => [f.id, f])).values()];
    const id = `syn-${String(i).padStart(pad, '0')}-${english ? 'en' : 'zh'}`;
    const month = 1 + (i % 12);
    const day = 1 + (i % 28);
    const title = `${pick(english ? seeds.titles.en : seeds.titles.zh)} (${i})`;
    const front = [
      '---',
      `id: ${id}`,
      `lang: ${lang}`,
      `date: 2021-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      `title: ${yamlString(title)}`,
      ...(english ? [`headline: ${yamlString(title)}`] : []),
      `source: synthetic/seed-${options.seed ?? 20210928}#${i}`,
      ...(english ? [`translation_of: ${lastZh!.id}`] : []),
      ...(unique.length ? ['facts:'] : []),
      ...unique.flatMap((f) => [
        `  - id: ${f.id}`,
        `    type: ${f.type}`,
        `    label: ${yamlString(f.label)}`,
        `    value: ${yamlString(f.value)}`,
        `    evidence: ${yamlString(f.evidence)}`,
      ]),
      '---',
      '',
    ];
    writeFileSync(path.join(root, 'releases', `${id}.md`), `${front.join('\n')}\n${paragraphs.map((p) => p.raw).join('\n\n')}\n`);
    const m: Made = { id, lang, paragraphs: count, facts: unique.map((f) => f.id) };
    made.push(m);
    if (!english) lastZh = m;
  }

  const zhReleases = made.filter((m) => m.lang === 'zh-Hant');
  const briefs: GeneratedProject['briefs'] = [];
  const writeBrief = (file: string, b: number, pages: number) => {
    // Calibrated on the standard template (pages as the PDF counts them): two pages of cover,
    // contents and sources, then about 2.5 excerpts of 1–2 paragraphs per page.
    const excerpts = Math.max(1, Math.round(pages * 2.5 - 5));
    const perSection = 4;
    const sections: string[] = [];
    const used = new Set<string>();
    for (let s = 0; s * perSection < excerpts; s++) {
      const lines = [`  - id: part-${s + 1}`, `    heading: ${yamlString(`第${s + 1}部分 Part ${s + 1}`)}`];
      const facts: string[] = [];
      const quoted: string[] = [];
      for (let e = s * perSection; e < Math.min(excerpts, (s + 1) * perSection); e++) {
        const r = pick(made);
        used.add(r.id);
        const first = 1 + Math.floor(random() * r.paragraphs);
        const second = first < r.paragraphs && random() < 0.3 ? [first, first + 1] : null;
        quoted.push(`      - release: ${r.id}`, second ? `        paragraphs: [${second.join(', ')}]` : `        paragraphs: ${first}`);
        if (r.facts.length && facts.length < 4) facts.push(`      - ${r.id}/${r.facts[0]}`);
      }
      if (facts.length) lines.push('    facts:', ...facts);
      lines.push('    excerpts:', ...quoted);
      sections.push(lines.join('\n'));
    }
    const anchor = pick(zhReleases);
    const spec = [
      `# yaml-language-server: $schema=${path.relative(path.dirname(path.join(root, file)), path.join(root, 'schema/brief.schema.json'))}`,
      `title: ${yamlString(`合成簡報 ${b}: ${anchor.id}`)}`,
      `subtitle: Synthetic brief ${b} (${pages} pages)`,
      'date: 2021-09-30',
      'classification: OFFICIAL',
      'author: briefpack bench',
      'labels: en',
      'script: zh-Hant',
      'template: standard',
      `summary: Synthetic brief number ${b}, quoting ${used.size} releases.`,
      'sections:',
      ...sections,
      '',
    ];
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), spec.join('\n'));
    briefs.push({ file, pages, releases: [...used] });
  };
  for (let b = 1; b <= options.briefs; b++) {
    const pages = Array.isArray(options.pages)
      ? Math.round(options.pages[0] + ((options.pages[1] - options.pages[0]) * (b - 1)) / Math.max(1, options.briefs - 1))
      : options.pages;
    writeBrief(path.join('briefs', `brief-${String(b).padStart(3, '0')}.yaml`), b, pages);
  }
  for (const [i, x] of (options.extra ?? []).entries()) writeBrief(x.file, options.briefs + i + 1, x.pages);
  return { root, releaseIds: made.map((m) => m.id), briefs };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      releases: { type: 'string', default: '300' },
      briefs: { type: 'string', default: '10' },
      pages: { type: 'string', default: '10' },
      seed: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (!values.out) throw new Error('usage: tsx bench/generate.ts --out DIR [--releases N] [--briefs N] [--pages N|MIN-MAX]');
  const pages = values.pages!.includes('-') ? (values.pages!.split('-').map(Number) as [number, number]) : Number(values.pages);
  const p = generateProject(path.resolve(values.out), { releases: Number(values.releases), briefs: Number(values.briefs), pages, seed: values.seed ? Number(values.seed) : undefined });
  console.log(`${p.releaseIds.length} releases and ${p.briefs.length} briefs in ${p.root}`);
}
