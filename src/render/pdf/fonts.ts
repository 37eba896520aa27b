/**
 * The pdfmake font dictionary for a FontSet: one pdfmake family per configured face, named
 * by the face id, with its regular file as `normal` and its bold file as `bold`.
 *
 * The font bytes are already in memory (fonts/font-set.ts reads each file once per process),
 * so we hand pdfmake those bytes instead of paths it would read again. pdfmake 0.3 (server)
 * cannot take a Buffer in the dictionary: its URL resolver replaces any non-string source
 * by `undefined`. It does look every source up in its virtual file system first, so each
 * file's bytes are stored there once, under a name derived from its path, and the
 * dictionary names those entries.
 *
 * No italic files are registered: Han text is never slanted (DESIGN §5) and the font
 * configuration has no Latin italic face, so emphasis is drawn bold (see inlines.ts).
 */
import type { TFontDictionary } from 'pdfmake/interfaces.js';
import type { FontFile, FontSet } from '../../fonts/font-set.js';
import { pdfmake } from './pdfmake.js';

const VFS_PREFIX = 'briefpack-font:';

/** Named by path and content, so a font file replaced on disk gets a new entry. */
function virtualName(file: FontFile): string {
  const name = `${VFS_PREFIX}${file.digest.slice(0, 16)}:${file.path}`;
  if (!pdfmake.virtualfs.existsSync(name)) pdfmake.virtualfs.writeFileSync(name, file.bytes);
  return name;
}

/**
 * A fresh dictionary per document: pdfmake rewrites the entries of the dictionary it is
 * given while it resolves them, so one must not be shared between renders.
 */
export function pdfmakeFonts(fonts: FontSet): TFontDictionary {
  const dictionary: TFontDictionary = {};
  for (const face of fonts.faces.values()) {
    dictionary[face.id] = { normal: virtualName(face.regular), bold: virtualName(face.bold) };
  }
  return dictionary;
}
