/**
 * Metadata a release states about itself, read from its own lines for `briefpack import`:
 * the date of issue (a date line, a trailer such as `Ends/Tuesday, January 14, 2025`, a
 * dateline with a year, a full date early in the lead or the headline), the dateline's place,
 * the issuer (a news agency in the dateline, a `来源：` line, a byline, the site a `url` line
 * points at, the Hong Kong government's trailer) and the page address. Pure.
 *
 * A month and day without a year (`新华社北京3月16日电`, `今日（二月十三日）`) gives a date only
 * when the release states the year elsewhere with the same month and day; otherwise the date
 * stays empty and `partialDate` says what the text gave (a warning, BP116).
 */
import type { IssuerNames } from '../release.js';
import { findDateline, type Dateline, type DumpUnit } from './cues.js';
import { findDates, type FoundDate } from './dates.js';
import { signatureLength } from './signature.js';

export interface ReleaseMetadata {
  issued: string | null;
  /** The dump line the date was read from. */
  issuedLine: number | null;
  /** A month and day the text gives without a year, when no full date was found. */
  partialDate: { month: number; day: number; line: number } | null;
  place: string | null;
  issuer: IssuerNames | null;
  url: string | null;
  dateline: string | null;
}

export function releaseMetadata(group: readonly DumpUnit[], paragraphs: readonly DumpUnit[], headlineUnits: readonly DumpUnit[]): ReleaseMetadata {
  const firstBody = paragraphs.find((p) => !p.headlineShaped) ?? paragraphs[0];
  const dateline = firstBody ? findDateline(firstBody.text) : null;

  const full = (u: DumpUnit, limit?: number): FoundDate | undefined => findDates(limit ? u.text.slice(0, limit) : u.text).find((d) => d.iso);
  let issued: { iso: string; line: number } | null = null;
  const candidates: [DumpUnit | undefined, number | undefined][] = [
    ...group.filter((u) => u.kind === 'date').map((u) => [u, undefined] as [DumpUnit, undefined]),
    ...group.filter((u) => ['byline', 'end', 'trailer'].includes(u.kind)).map((u) => [u, undefined] as [DumpUnit, undefined]),
  ];
  for (const [u, limit] of candidates) {
    const d = u && full(u, limit);
    if (d) {
      issued = { iso: d.iso!, line: u!.first };
      break;
    }
  }
  // CNA closes with the editor and a compact ROC date: `（編輯：李淑華）1140113`.
  const compact = paragraphs.map((p) => /(\d{3})(\d{2})(\d{2})$/.exec(p.value ?? '')).find(Boolean);
  if (!issued && compact) issued = { iso: isoOf(Number(compact[1]) + 1911, Number(compact[2]), Number(compact[3])), line: paragraphs.at(-1)!.first };
  if (!issued && dateline?.year && dateline.month && dateline.day) issued = { iso: isoOf(dateline.year, dateline.month, dateline.day), line: firstBody!.first };
  if (!issued) {
    // A lead that opens with its date (`2025年1月14日，…`, `On January 14, 2025, …`); a date
    // later in the lead is what the release is about (`自2024年11月8日至…`), not when it was issued.
    const opening = firstBody ? findDates(firstBody.text.slice(dateline?.length ?? 0, 80)).find((d) => d.iso && /^[\s\p{P}]*(?:On\s+)?$/iu.test(firstBody.text.slice(dateline?.length ?? 0).slice(0, d.index))) : undefined;
    if (opening) issued = { iso: opening.iso!, line: firstBody!.first };
    for (const u of issued ? [] : headlineUnits) {
      const d = full(u);
      if (d) {
        issued = { iso: d.iso!, line: u.first };
        break;
      }
    }
  }

  let partialDate: ReleaseMetadata['partialDate'] = null;
  if (!issued && firstBody) {
    const partial = dateline?.month && dateline.day ? { month: dateline.month, day: dateline.day } : findDates(firstBody.text.slice(0, 60)).find((d) => !d.iso);
    if (partial) {
      // The year from a full date with the same month and day anywhere in the release.
      const same = group.flatMap((u) => findDates(u.text)).find((d) => d.iso && d.month === partial.month && d.day === partial.day);
      if (same) issued = { iso: same.iso!, line: firstBody.first };
      else partialDate = { month: partial.month, day: partial.day, line: firstBody.first };
    }
  }

  return {
    issued: issued?.iso ?? null,
    issuedLine: issued?.line ?? null,
    partialDate,
    place: dateline?.place ?? null,
    issuer: issuerOf(group, dateline),
    url: group.find((u) => u.kind === 'url')?.value ?? null,
    dateline: dateline?.text ?? null,
  };
}

function isoOf(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** News agencies as datelines and source lines name them. */
const AGENCIES: { match: RegExp; names: IssuerNames }[] = [
  { match: /^(?:新华社|新華社|新华网|新華網|Xinhua)$/iu, names: { zh: null, en: 'Xinhua News Agency' } },
  { match: /^(?:中新社|中新网|中新網|中国新闻网|中國新聞網|China News Service|CNS)$/iu, names: { zh: null, en: 'China News Service' } },
  { match: /^(?:中央社|中央通訊社|CNA|Central News Agency)$/iu, names: { zh: '中央通訊社', en: 'Central News Agency' } },
  { match: /^(?:人民网|人民網)$/u, names: { zh: null, en: "People's Daily Online" } },
  { match: /^(?:人民日报|人民日報|People's Daily)$/iu, names: { zh: null, en: "People's Daily" } },
  { match: /^(?:中国日报|中國日報|China Daily)$/iu, names: { zh: '中国日报', en: 'China Daily' } },
  { match: /^(?:香港電台|香港电台|RTHK)$/iu, names: { zh: '香港電台', en: 'Radio Television Hong Kong' } },
];

/** Sites that name their issuer. */
const DOMAINS: { match: RegExp; names: IssuerNames }[] = [
  { match: /(?:^|\.)(?:info\.)?gov\.hk$/u, names: { zh: '香港特別行政區政府', en: 'Government of the Hong Kong Special Administrative Region' } },
  { match: /(?:^|\.)(?:fmprc|mfa)\.gov\.cn$/u, names: { zh: '中华人民共和国外交部', en: "Ministry of Foreign Affairs of the People's Republic of China" } },
  { match: /(?:^|\.)mofa\.gov\.tw$/u, names: { zh: '中華民國外交部', en: 'Ministry of Foreign Affairs, Republic of China (Taiwan)' } },
  { match: /(?:^|\.)president\.gov\.tw$/u, names: { zh: '中華民國總統府', en: 'Office of the President, Republic of China (Taiwan)' } },
  { match: /(?:^|\.)ey\.gov\.tw$/u, names: { zh: '行政院', en: 'Executive Yuan' } },
  { match: /(?:^|\.)(?:xinhuanet\.com|news\.cn)$/u, names: { zh: '新华社', en: 'Xinhua News Agency' } },
  { match: /(?:^|\.)people\.com\.cn$/u, names: { zh: '人民网', en: "People's Daily Online" } },
  { match: /(?:^|\.)chinadaily\.com\.cn$/u, names: { zh: '中国日报', en: 'China Daily' } },
  { match: /(?:^|\.)chinanews\.com(?:\.cn)?$/u, names: { zh: '中国新闻网', en: 'China News Service' } },
  { match: /(?:^|\.)(?:cna\.com\.tw|focustaiwan\.tw)$/u, names: { zh: '中央通訊社', en: 'Central News Agency' } },
  { match: /(?:^|\.)rthk\.hk$/u, names: { zh: '香港電台', en: 'Radio Television Hong Kong' } },
  { match: /(?:^|\.)gov\.cn$/u, names: { zh: '中华人民共和国中央人民政府', en: "The State Council of the People's Republic of China" } },
];

/** The Hong Kong government's trailer: `Issued at HKT 12:30` / `香港時間12時30分`, then `NNNN`. */
const HK_GOVERNMENT_TRAILER = /^(?:Issued at HKT \d{1,2}:\d{2}|香港時間\s*\d{1,2}\s*時\s*\d{1,2}\s*分)$/u;

function issuerOf(group: readonly DumpUnit[], dateline: Dateline | null): IssuerNames | null {
  const named = (name: string): IssuerNames => {
    const known = AGENCIES.find((a) => a.match.test(name));
    const isZh = /\p{Script=Han}/u.test(name);
    return { zh: isZh ? name : (known?.names.zh ?? null), en: isZh ? (known?.names.en ?? null) : (known?.names.en ?? name) };
  };
  const source = group.find((u) => u.kind === 'source')?.value ?? signatureOf(group);
  if (source) return named(source.replace(/[\s　]+$/u, ''));
  const url = group.find((u) => u.kind === 'url')?.value;
  if (url) {
    const host = hostOf(url);
    const site = host ? DOMAINS.find((d) => d.match.test(host)) : undefined;
    if (site) return site.names;
  }
  if (dateline?.agency) return named(dateline.agency);
  const byline = group.find((u) => u.kind === 'byline' && u.value)?.value;
  if (byline) return named(byline);
  if (group.some((u) => u.kind === 'trailer' && HK_GOVERNMENT_TRAILER.test(u.text))) return DOMAINS[0]!.names;
  return null;
}

/** The body that signs an official text: the short line just before its closing date line. */
function signatureOf(group: readonly DumpUnit[]): string | undefined {
  const lastBody = group.map((u) => u.kind === 'para' && !u.headlineShaped).lastIndexOf(true);
  const n = signatureLength(group, lastBody + 1);
  if (!n) return undefined;
  const lines = group.slice(lastBody + 1, lastBody + 1 + n).map((u) => u.text);
  return lines.join(/\p{Script=Han}/u.test(lines[0]!) ? '' : ', ');
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}
