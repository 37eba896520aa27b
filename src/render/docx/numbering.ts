/**
 * word/numbering.xml: the two list definitions (ordered and bulleted) every list uses.
 * Lists are real Word numbering, not typed "1." text, so Word and LibreOffice renumber them
 * and show them as lists. Each model list is its own numbering instance (see blocks.ts),
 * so every ordered list starts at 1.
 *
 * A bullet is drawn in the first face that has it (the body's Latin face lacks ◦ and ▪; then the
 * brief's own Han faces), named on the level in object form, so Word does not pick a stand-in
 * font for it. blocks.ts records the bullets lists really use, for embedding.
 */
import { AlignmentType, LevelFormat, type INumberingOptions, type ILevelsOptions } from 'docx';
import { chainFor, hanChainFor } from '../../fonts/font-set.js';
import type { DocxContext } from './context.js';

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

function levels(ctx: DocxContext, ordered: boolean): ILevelsOptions[] {
  return Array.from({ length: MAX_LIST_LEVEL + 1 }, (_, level) => {
    const bullet = bulletOf(level);
    return {
      level,
      format: ordered ? ORDERED_FORMATS[level % 3] : LevelFormat.BULLET,
      text: ordered ? `%${level + 1}.` : bullet,
      alignment: AlignmentType.LEFT,
      start: 1,
      style: { paragraph: { indent: listIndent(level) }, ...(ordered ? {} : { run: { font: bulletFont(ctx, bullet) } }) },
    };
  });
}

/** The bullet of a list level. */
export function bulletOf(level: number): string {
  return BULLETS[level % 3]!;
}

/** The face that draws a bullet: the body's Latin chain, then its chain for the brief's Han
 * script, then any face that has it. */
export function bulletFace(ctx: DocxContext, bullet: string): string {
  const cp = bullet.codePointAt(0)!;
  const candidates = [...chainFor(ctx.fonts, 'body', 'latin'), ...chainFor(ctx.fonts, 'body', hanChainFor(ctx.meta.lang)), ...ctx.fonts.faces.keys()];
  return candidates.find((id) => ctx.fonts.faces.get(id)!.regular.covers(cp)) ?? ctx.roles.body.latinFace;
}

function bulletFont(ctx: DocxContext, bullet: string) {
  const family = ctx.fonts.faces.get(bulletFace(ctx, bullet))!.regular.family;
  return { ascii: family, hAnsi: family, cs: family, eastAsia: family };
}

export function buildNumbering(ctx: DocxContext): INumberingOptions {
  return {
    config: [
      { reference: LIST_REF.ordered, levels: levels(ctx, true) },
      { reference: LIST_REF.bullet, levels: levels(ctx, false) },
    ],
  };
}
