/**
 * One brief, start to finish, in memory: model (brief-to-model.ts) → bytes per format.
 * Writes nothing; the caller decides what to do with the bytes (see write-outputs.ts), so a
 * failing brief can never leave a half-written file behind.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DocumentModel } from '../doc/model.js';
import { RENDERERS } from '../render/index.js';
import type { OutputFormat } from '../render/types.js';
import { briefToModel, type BriefToModelOptions } from './brief-to-model.js';

export interface BuildBriefOptions extends BriefToModelOptions {
  /** Overrides the formats the spec asks for. */
  formats?: readonly OutputFormat[];
}

export interface BuiltBrief {
  model: DocumentModel;
  outputs: Map<OutputFormat, Uint8Array>;
  warnings: Diagnostic[];
}

/** Reads, checks and renders one brief. Throws DiagnosticError with every problem found. */
export async function buildBrief(specFile: string, options: BuildBriefOptions): Promise<BuiltBrief> {
  const { model, warnings, formats } = briefToModel(specFile, options);
  const outputs = new Map<OutputFormat, Uint8Array>();
  for (const format of options.formats ?? formats) outputs.set(format, await RENDERERS[format](model, { fonts: options.fonts }));
  return { model, outputs, warnings };
}
