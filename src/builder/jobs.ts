/**
 * What the build hands a builder (in this thread or a worker thread) and what comes back.
 * Plain data only: jobs and results cross thread boundaries by structured clone, and the
 * output bytes are transferred, not copied.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { OutputFormat } from '../render/shared/types.js';

export interface BuildJob {
  /** Spec path relative to the project root. */
  brief: string;
  /** Formats to write instead of the spec's (`--format`). */
  formats?: OutputFormat[];
  /** Template instead of the spec's (`--template`). */
  template?: string;
  /** Also write the document model as JSON (`--emit model`). */
  emitModel: boolean;
  /** Render only these formats (of those wanted): one part of a brief split between threads. */
  renderOnly?: OutputFormat[];
}

/** What a brief's output depends on, as observed while building it. */
export interface BriefDeps {
  /** Files read: spec, includes, release files, template files (project-relative). */
  files: string[];
  /** The template used (null when the build failed before choosing one). */
  template: string | null;
  /** Release ids looked up in the corpus (found or not). */
  releases: string[];
  /** Release ids whose translations were looked up. */
  translations: string[];
}

export interface OutputFile {
  /** File extension: pdf, docx, model.json. */
  ext: string;
  bytes: Uint8Array;
}

export type JobResult =
  | {
      ok: true;
      brief: string;
      files: OutputFile[];
      warnings: Diagnostic[];
      /** Problems of the corpus as a whole (glossary, corrections): the same for every brief. */
      globals: Diagnostic[];
      deps: BriefDeps;
      /** SHA-256 of each font file the builder loaded (so the main thread need not hash them). */
      ms: number;
      /** Milliseconds per step: fonts (first brief of a thread), model, pdf, docx. */
      timings: Record<string, number>;
    }
  | {
      ok: false;
      brief: string;
      diagnostics: Diagnostic[];
      globals: Diagnostic[];
      deps: BriefDeps;
      /** Set when the failure is a bug in briefpack rather than a problem in the inputs. */
      internal?: string;
      ms: number;
    };
