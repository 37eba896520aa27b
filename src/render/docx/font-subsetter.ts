/**
 * Subsets fonts for DOCX embedding with HarfBuzz's hb-subset (harfbuzzjs, WebAssembly), each
 * font file loaded into HarfBuzz once per process (issue 17).
 *
 * subset-font, which this replaces for TrueType and OpenType files, copies the whole font
 * (7–10 MB for a CJK face) into WebAssembly memory and makes a new HarfBuzz face for every
 * subset, and frees both after: every brief paid for the whole file. Here the font's bytes
 * and its face stay in WebAssembly memory, keyed by the file's digest, so a subset costs what
 * the glyphs it keeps cost. The calls and settings are subset-font's own (all layout features
 * kept, TrueType out), so the bytes are the same as before (test/render/docx-embed-fonts.test.ts
 * compares them). WOFF and WOFF2 files still go through subset-font, which unpacks them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';

/** The hb-subset exports used here (harfbuzzjs/dist/harfbuzz-subset.wasm). */
interface HarfBuzzSubset {
  memory: WebAssembly.Memory;
  _initialize(): void;
  malloc(bytes: number): number;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_unicode_set(input: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_set_invert(set: number): void;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;

let harfbuzz: HarfBuzzSubset | undefined;

function loadHarfBuzz(): HarfBuzzSubset {
  if (!harfbuzz) {
    const require = createRequire(import.meta.url);
    const wasm = readFileSync(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
    // V8 compiles a WebAssembly module with its baseline compiler (Liftoff) at once and
    // again with its optimising one in the background, and a process does not exit before
    // that second compile of hb-subset is done: 0.15–0.3 s at the end of every one-brief
    // build, for a subset that takes a few milliseconds either way (issue 17). Baseline code
    // only; the flag is read when a module is compiled, and this is the only module here.
    setFlagsFromString('--liftoff-only');
    const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm), {});
    harfbuzz = instance.exports as unknown as HarfBuzzSubset;
    harfbuzz._initialize();
  }
  return harfbuzz;
}

/** HarfBuzz faces of the fonts subset so far, by FontFile.key; they live as long as the
 * process, like the parsed fonts (a handful of files). */
const faces = new Map<string, number>();

function faceOf(hb: HarfBuzzSubset, bytes: Uint8Array, key: string): number {
  let face = faces.get(key);
  if (face === undefined) {
    const data = hb.malloc(bytes.byteLength);
    new Uint8Array(hb.memory.buffer).set(bytes, data);
    const blob = hb.hb_blob_create(data, bytes.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
    face = hb.hb_face_create(blob, 0);
    hb.hb_blob_destroy(blob);
    faces.set(key, face);
  }
  return face;
}

/** An sfnt file (TrueType or OpenType): what HarfBuzz reads as it is. */
function isSfnt(bytes: Uint8Array): boolean {
  const tag = String.fromCharCode(...bytes.subarray(0, 4));
  return tag === '\x00\x01\x00\x00' || tag === 'OTTO' || tag === 'true';
}

/**
 * The font cut down to the characters of `text`, as TrueType, with all its layout features.
 * `key` names this version of the font's bytes (FontFile.key).
 */
export async function subsetForEmbedding(bytes: Uint8Array, key: string, text: string): Promise<Uint8Array> {
  if (!isSfnt(bytes)) {
    // Loaded only for these: subset-font brings fontverter and wawoff2, whose WebAssembly
    // compiles in the background when loaded and kept every process alive ~0.25 s longer.
    const { default: subsetFont } = await import('subset-font');
    const out = await subsetFont(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), text, { targetFormat: 'truetype' });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  }
  const hb = loadHarfBuzz();
  const face = faceOf(hb, bytes, key);
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) throw new Error('hb_subset_input_create_or_fail (HarfBuzz) failed');
  let subset = 0;
  try {
    const features = hb.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    hb.hb_set_clear(features);
    hb.hb_set_invert(features);
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const c of text) hb.hb_set_add(unicodes, c.codePointAt(0)!);
    subset = hb.hb_subset_or_fail(face, input);
  } finally {
    hb.hb_subset_input_destroy(input);
  }
  if (subset === 0) throw new Error('hb_subset_or_fail (HarfBuzz) failed: is the font file damaged?');
  const blob = hb.hb_face_reference_blob(subset);
  try {
    const at = hb.hb_blob_get_data(blob, 0);
    const length = hb.hb_blob_get_length(blob);
    if (length === 0) throw new Error('HarfBuzz made an empty subset: is the font file damaged?');
    return new Uint8Array(hb.memory.buffer, at, length).slice();
  } finally {
    hb.hb_blob_destroy(blob);
    hb.hb_face_destroy(subset);
  }
}
