/**
 * word/numbering.xml: the two list definitions (ordered and bulleted) every list uses.
 * Lists are real Word numbering, not typed "1." text, so Word and LibreOffice renumber them
 * and show them as lists. Each model list is its own numbering instance (see blocks.ts),
 * so every ordered list starts at 1.
 */
import { AlignmentType, LevelFormat, type INumberingOptions, type ILevelsOptions } from 'docx';

export const LIST_REF = { ordered: 'bp-ordered', bullet: 'bp-bullet' } as const;
/** Deepest list level Word numbering supports (levels 0–8). */
export const MAX_LIST_LEVEL = 8;

const INDENT_STEP = 425; // 0.75 cm
const HANGING = 283; // 0.5 cm

const ORDERED_FORMATS = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN] as const;
const BULLETS = ['•', '◦', '▪'] as const;

/** Left indent of a list level, so continuation paragraphs of an item line up with its text. */
export function listIndent(level: number): { left: number; hanging: number } {
  return { left: INDENT_STEP * (level + 1), hanging: HANGING };
}

function levels(ordered: boolean): ILevelsOptions[] {
  return Array.from({ length: MAX_LIST_LEVEL + 1 }, (_, level) => ({
    level,
    format: ordered ? ORDERED_FORMATS[level % 3] : LevelFormat.BULLET,
    text: ordered ? `%${level + 1}.` : BULLETS[level % 3],
    alignment: AlignmentType.LEFT,
    start: 1,
    style: { paragraph: { indent: listIndent(level) } },
  }));
}

export function buildNumbering(): INumberingOptions {
  return {
    config: [
      { reference: LIST_REF.ordered, levels: levels(true) },
      { reference: LIST_REF.bullet, levels: levels(false) },
    ],
  };
}
