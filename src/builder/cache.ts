/**
 * The build cache: which briefs are up to date in an output folder.
 *
 * A brief's key is a SHA-256 over everything its output depends on, by content:
 *   - the briefpack code (version and a hash of its sources), the options that change output
 *     (`--format`, `--template`, `--emit`);
 *   - the files it read: spec, includes, and every file of the template folder it used;
 *   - each release it looked up, by the files that claim that id (so a new duplicate counts),
 *     and each translation lookup, by the files whose translation_of names the id (so a new
 *     English version counts);
 *   - releases/glossary.yaml and releases/corrections.yaml;
 *   - fonts/fonts.yaml and every font file it names.
 * What a brief depends on is recorded while it is built (BriefDeps), so the key needs no
 * guessing; and it is recomputed from the files as they are now, never from times alone (a
 * font file's digest is reused while its size, times and inode are all unchanged, as git's
 * index does: file-memo.ts; so is every input's and output's digest).
 *
 * The manifest (.briefpack-cache/builds/<output folder hash>.json) stores, per brief, the key,
 * the deps, the output files with their sizes and hashes, and the warnings. A brief is skipped
 * when its key is unchanged and every output file is still there with the same bytes; its
 * warnings are reported again, so `--strict` gives the same answer on a skipped brief.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { z } from 'zod';
import { CATALOGUE } from '../diagnostics/catalogue.js';
import { diagnostic, DiagnosticError } from '../diagnostics/diagnostic.js';
import path from 'node:path';
import { indexEntry, type ReleaseIndexEntry } from '../corpus/corpus.js';
import { listReleaseFiles } from '../corpus/corpus.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { OutputFormat } from '../render/shared/types.js';
import { FileStore, sha256 } from './file-store.js';
import { fontConfigFile, fontFilesOf } from './font-inputs.js';
import type { BriefDeps } from './jobs.js';
import { codeIdentity } from './version.js';
import { removeStaleTemps } from './temp-files.js';
import { writeFileAtomic } from './write-outputs.js';

export const CACHE_DIR = '.briefpack-cache';
const SCHEMA = 1;

export interface OutputRecord {
  /** File name inside the output folder. */
  file: string;
  bytes: number;
  sha256: string;
}

export interface ManifestEntry {
  key: string;
  deps: BriefDeps;
  outputs: OutputRecord[];
  warnings: Diagnostic[];
}

export interface Manifest {
  schema: number;
  out: string;
  briefs: Record<string, ManifestEntry>;
}

export interface KeyOptions {
  formats?: readonly OutputFormat[];
  template?: string;
  emitModel: boolean;
}

export function manifestPath(projectRoot: string, outDir: string): string {
  return path.join(projectRoot, CACHE_DIR, 'builds', `${sha256(path.resolve(outDir)).slice(0, 16)}.json`);
}

const point = z.object({ line: z.number().int().nonnegative(), column: z.number().int().nonnegative() });
const storedDiagnostic = z.object({
  code: z.string().refine((c) => Object.hasOwn(CATALOGUE, c)),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  hint: z.string().optional(),
  file: z.string(),
  start: point,
  end: point.optional(),
  source: z.enum(['corpus', 'spec', 'template', 'render', 'build']),
  expected: z.string().optional(),
  actual: z.string().optional(),
});
const manifestEntry = z.object({
  key: z.string(),
  deps: z.object({ files: z.array(z.string()), template: z.string().nullable(), releases: z.array(z.string()), translations: z.array(z.string()) }),
  // Only plain names inside the output folder.
  outputs: z.array(z.object({ file: z.string().regex(/^[^/\\]+$/).refine((f) => f !== '.' && f !== '..'), bytes: z.number().int().nonnegative(), sha256: z.string() })),
  warnings: z.array(storedDiagnostic),
});

/**
 * The manifest of an output folder, or an empty one. Whatever the file holds (half-written,
 * edited, not JSON, a folder, a FIFO), this never throws and never hangs: what is not a valid
 * entry is dropped, and a dropped brief is simply built again.
 */
export function loadManifest(projectRoot: string, outDir: string): Manifest {
  const briefs: Record<string, ManifestEntry> = Object.create(null) as Record<string, ManifestEntry>;
  const result: Manifest = { schema: SCHEMA, out: path.resolve(outDir), briefs };
  const file = manifestPath(projectRoot, outDir);
  let data: unknown;
  try {
    if (!statSync(file).isFile()) return result;
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return result;
  }
  if (!data || typeof data !== 'object' || (data as Manifest).schema !== SCHEMA) return result;
  const stored = (data as Manifest).briefs;
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return result;
  for (const [brief, entry] of Object.entries(stored)) {
    const parsed = manifestEntry.safeParse(entry);
    if (parsed.success) briefs[brief] = parsed.data as ManifestEntry;
  }
  return result;
}

/**
 * Saves the manifest atomically (temporary file, then rename): a build killed while saving
 * leaves the previous manifest. Called only after the outputs are in place, so the cache
 * never names an output that is not there. Throws BP506 when the cache cannot be written.
 */
export function saveManifest(projectRoot: string, outDir: string, manifest: Manifest): void {
  const file = manifestPath(projectRoot, outDir);
  removeStaleTemps(path.dirname(file));
  try {
    writeFileAtomic(file, JSON.stringify(manifest));
  } catch (e) {
    const rel = path.relative(projectRoot, file);
    throw new DiagnosticError([
      diagnostic({
        code: 'BP506',
        message: `could not save the build cache ${rel}: ${errnoText(e as NodeJS.ErrnoException)}; the outputs were written, but the next build will build them again`,
        file: rel,
      }),
    ]);
  }
}

export function errnoText(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EEXIST':
    case 'ENOTDIR':
      return 'a file stands where a folder should be';
    case 'EISDIR':
      return 'a folder stands where a file should be';
    default:
      return e.code ? `${e.code}: ${e.message}` : String(e.message ?? e);
  }
}

/**
 * Hashes for cache keys, each computed once per run: the release index, the font inputs,
 * template folders. Watch mode calls `invalidate` with the files that changed.
 */
export class KeyContext {
  private releaseIndex: ReleaseIndexEntry[] | undefined;
  private indexed = new Map<string, ReleaseIndexEntry>();
  private byId: Map<string, string[]> | undefined;
  private translators: Map<string, string[]> | undefined;
  private fonts: string | undefined;
  private readonly templates = new Map<string, string>();
  /** …and the files each digest is of. */
  private readonly templateFiles = new Map<string, string[]>();
  private templateList: string | undefined;

  constructor(
    readonly projectRoot: string,
    readonly store: FileStore,
    private readonly options: KeyOptions,
  ) {}

  private abs(rel: string): string {
    return path.resolve(this.projectRoot, rel);
  }

  /** The release index (every release file's id and translation_of), scanned once; in watch
   * mode only the files that changed are read again. */
  index(): ReleaseIndexEntry[] {
    if (!this.releaseIndex) {
      const known = this.indexed;
      this.indexed = new Map();
      // Only the front matter is needed here: 3,000 release texts are not kept for it.
      this.releaseIndex = listReleaseFiles(path.join(this.projectRoot, 'releases')).map((abs) => {
        const entry = known.get(abs) ?? this.indexEntryOf(abs);
        this.indexed.set(abs, entry);
        return entry;
      });
      this.byId = new Map();
      this.translators = new Map();
      for (const e of this.releaseIndex) {
        if (e.id) this.byId.set(e.id, [...(this.byId.get(e.id) ?? []), e.file]);
        if (e.translationOf) this.translators.set(e.translationOf, [...(this.translators.get(e.translationOf) ?? []), e.file]);
      }
    }
    return this.releaseIndex;
  }

  /** A release file's index entry: remembered from an earlier build while the file is
   * unchanged (file-memo.ts), else read from its front matter. */
  private indexEntryOf(abs: string): ReleaseIndexEntry {
    const memo = this.store.memo;
    const file = path.relative(this.projectRoot, abs);
    const known = memo?.lookup(abs, 'index');
    if (known) return { file, ...known };
    const before = this.store.statForMemo(abs);
    const entry = indexEntry(this.projectRoot, abs, this.store.peekText(abs));
    if (before) memo!.remember(abs, before, 'index', { id: entry.id, translationOf: entry.translationOf });
    return entry;
  }

  hasIndex(): boolean {
    return this.releaseIndex !== undefined;
  }

  fontsDigest(): string {
    if (this.fonts === undefined) {
      const config = fontConfigFile(this.projectRoot);
      const text = this.store.read(config)?.toString('utf8') ?? '';
      const parts = [this.store.hash(config), ...fontFilesOf(this.projectRoot, text, config).map((f) => `${f}=${this.store.hash(f)}`)];
      this.fonts = sha256(parts.join('\n'));
    }
    return this.fonts;
  }

  /** Every file of a template folder, so a new partial or helper counts too. */
  templateDigest(name: string, touched?: string[]): string {
    let d = this.templates.get(name);
    if (d === undefined) {
      const dir = path.join(this.projectRoot, 'templates', name);
      const parts: string[] = [];
      const files: string[] = [];
      const walk = (p: string) => {
        let entries;
        try {
          entries = readdirSync(p, { withFileTypes: true });
        } catch {
          return;
        }
        for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
          const f = path.join(p, e.name);
          if (e.isDirectory()) walk(f);
          else {
            parts.push(`${path.relative(dir, f)}=${this.store.hash(f)}`);
            files.push(f);
          }
        }
      };
      walk(dir);
      d = sha256(parts.join('\n'));
      this.templates.set(name, d);
      this.templateFiles.set(name, files);
    }
    touched?.push(...(this.templateFiles.get(name) ?? []));
    return d;
  }

  private templates_(): string {
    this.templateList ??= existsSync(path.join(this.projectRoot, 'templates')) ? readdirSync(path.join(this.projectRoot, 'templates')).sort().join(',') : '';
    return this.templateList;
  }

  /**
   * The brief's cache key: a digest of everything its build read (deps, from that build).
   * `touched` collects the files hashed for it (fonts aside: a process loads them once), to
   * ask the store whether they changed while the brief was built (session.ts).
   */
  keyOf(brief: string, deps: BriefDeps, touched?: string[]): string {
    this.index();
    const hash = (abs: string) => {
      touched?.push(abs);
      return this.store.hash(abs);
    };
    const hashOf = (rel: string) => [rel, hash(this.abs(rel))];
    const material = {
      v: SCHEMA,
      code: codeIdentity(),
      brief,
      options: { formats: this.options.formats ?? null, template: this.options.template ?? null, emitModel: this.options.emitModel },
      fonts: this.fontsDigest(),
      glossary: hash(this.abs('releases/glossary.yaml')),
      corrections: hash(this.abs('releases/corrections.yaml')),
      template: deps.template ? [deps.template, this.templateDigest(deps.template, touched)] : ['?', this.templates_()],
      files: [...new Set(deps.files)].sort().map(hashOf),
      releases: deps.releases.map((id) => [id, (this.byId!.get(id) ?? []).map(hashOf)]),
      translations: deps.translations.map((id) => [id, (this.translators!.get(id) ?? []).map(hashOf)]),
    };
    return sha256(JSON.stringify(material));
  }

  /** The output files still hold what the manifest says. */
  outputsIntact(outDir: string, outputs: readonly OutputRecord[]): boolean {
    if (!outputs.length) return false;
    return outputs.every((o) => this.store.outputDigest(path.join(outDir, o.file)) === o.sha256);
  }

  /** Watch mode: files (or folders) changed on disk. */
  invalidate(changed: readonly string[]): void {
    this.store.invalidate(changed.map((f) => this.abs(f)));
    const rel = changed.map((f) => path.relative(this.projectRoot, this.abs(f)));
    const within = (top: string) => rel.some((f) => f === top || f.startsWith(top + path.sep));
    if (within('releases')) {
      this.releaseIndex = undefined;
      for (const [abs] of [...this.indexed]) {
        if (changed.some((f) => abs === this.abs(f) || abs.startsWith(this.abs(f) + path.sep))) this.indexed.delete(abs);
      }
    }
    if (within('fonts') || within('node_modules')) this.fonts = undefined;
    if (within('templates')) {
      this.templates.clear();
      this.templateFiles.clear();
      this.templateList = undefined;
    }
  }
}
