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
import { pdfmake, type VirtualFileSystem } from './pdfmake.js';

const VFS_PREFIX = 'briefpack-font:';

/** Font files pdfmake may ask for, by virtual name; read only when it does. */
const lazyFiles = new Map<string, FontFile>();

/**
 * pdfmake's virtual file system with the font files in it by name, unread: pdfmake asks for
 * a file (`provideFont`) only when a text node is drawn in that face and weight, so a brief
 * reads the three or four files its text uses, not all twelve of the configuration (issue 17).
 */
const base = pdfmake.virtualfs;
const lazyFs: VirtualFileSystem = {
  existsSync: (name) => lazyFiles.has(name) || base.existsSync(name),
  readFileSync: (name, options) => {
    const file = lazyFiles.get(name);
    return file ? file.bytes : base.readFileSync(name, options);
  },
  writeFileSync: (name, content) => base.writeFileSync(name, content),
};
pdfmake.virtualfs = lazyFs;

/** Named by path, size and time (FontFile.key), so a font file replaced on disk gets a new
 * entry; nothing is read or hashed to name it. */
function virtualName(file: FontFile): string {
  const name = `${VFS_PREFIX}${file.key}`;
  lazyFiles.set(name, file);
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
