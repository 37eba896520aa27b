/**
 * Reading a PDF's navigation with qpdf (DESIGN §6: read what we produce with real readers):
 * the outline, the named destinations and the internal links, from `qpdf --json`. Used by
 * the PDF tests to check bookmarks, the table of contents and the two-way note links.
 */
import { execFileSync } from 'node:child_process';

export interface QpdfOutlineItem {
  title: string;
  /** The resolved destination: [page object, /XYZ, left, top, zoom]. */
  dest: unknown[];
  kids: QpdfOutlineItem[];
}

export interface QpdfDestination {
  /** 1-based page number. */
  page: number;
  /** As qpdf prints it: [page object, /XYZ, left, top, zoom]. */
  raw: unknown[];
}

export interface QpdfLink {
  /** 1-based page number the link annotation is on. */
  page: number;
  /** Named destination it goes to (GoTo actions only). */
  target: string;
  rect: number[];
}

/** A PDF's outline, named destinations and internal links, read with `qpdf --json`. */
export function readQpdf(file: string): { outline: QpdfOutlineItem[]; destinations: Map<string, QpdfDestination>; links: QpdfLink[] } {
  const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-stream-data=none', file], { encoding: 'utf8', maxBuffer: 64 << 20 })) as {
    pages: { object: string }[];
    outlines: QpdfOutlineItem[];
    qpdf: [unknown, Record<string, { value?: unknown }>];
  };
  const objects = json.qpdf[1];
  const deref = (v: unknown): unknown => (typeof v === 'string' && / 0 R$/.test(v) ? objects[`obj:${v}`]?.value : v);
  const pageOf = new Map(json.pages.map((p, i) => [p.object, i + 1]));
  const name = (v: unknown) => String(deref(v)).replace(/^[ub]:/, '');
  const destinations = new Map<string, QpdfDestination>();
  const walkNames = (node: unknown) => {
    const n = deref(node) as { '/Names'?: unknown[]; '/Kids'?: unknown[] } | undefined;
    const names = n?.['/Names'] ?? [];
    for (let i = 0; i + 1 < names.length; i += 2) {
      const raw = deref(names[i + 1]) as unknown[];
      destinations.set(name(names[i]), { page: pageOf.get(String(raw[0])) ?? 0, raw });
    }
    for (const kid of n?.['/Kids'] ?? []) walkNames(kid);
  };
  const root = Object.values(objects)
    .map((o) => o.value as Record<string, unknown> | undefined)
    .find((v) => v?.['/Type'] === '/Catalog');
  const names = deref(root?.['/Names']) as Record<string, unknown> | undefined;
  if (names?.['/Dests']) walkNames(names['/Dests']);
  const links: QpdfLink[] = [];
  json.pages.forEach((p, i) => {
    const page = deref(p.object) as { '/Annots'?: unknown };
    for (const ref of (deref(page['/Annots']) as unknown[] | undefined) ?? []) {
      const annot = deref(ref) as Record<string, unknown>;
      const action = deref(annot['/A']) as Record<string, unknown> | undefined;
      if (annot['/Subtype'] !== '/Link' || action?.['/S'] !== '/GoTo') continue;
      links.push({ page: i + 1, target: name(action['/D']), rect: annot['/Rect'] as number[] });
    }
  });
  return { outline: json.outlines, destinations, links };
}
