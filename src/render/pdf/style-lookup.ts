/**
 * pdfmake's style lookup, the same answers without the allocations (issue 17).
 *
 * pdfmake measures every inline by asking its style stack for ~25 properties, one at a time
 * (font, bold, fontSize, color, …). Each question pushed the inline's styles through a
 * callback, then walked the stack with a closure and a `Set` made afresh for every named
 * style on it: 6–8 % of a 10-page brief's time, and much of the garbage collector's. These
 * replacements walk the same stack in the same order with the same rules (the inline itself,
 * then its named styles, then the enclosing ones, then the default style; a named style's
 * `extends` searched last parent first, each style at most once) and allocate nothing unless
 * a style extends another. TextInlines.measure, which asks those ~25 questions of every
 * inline, asks the stack once per call instead (see `measure` below). The originals are
 * pinned by source hash in test/render/style-lookup.test.ts, which also checks that both
 * give the same answers.
 */
import styleStackModule from 'pdfmake/js/StyleContextStack.js';
import textInlinesModule from 'pdfmake/js/TextInlines.js';
import { originalMethods } from './pdfmake-patches.js';

type StyleItem = Record<string, unknown> & { style?: unknown; section?: unknown };
type NamedStyle = Record<string, unknown> & { extends?: string | string[] };

interface StyleStack {
  styleDictionary: Record<string, NamedStyle | undefined>;
  defaultStyle?: Record<string, unknown>;
  styleOverrides: (string | StyleItem)[];
  getProperty(property: string): unknown;
}

interface StyleStackClass {
  prototype: StyleStack;
  getStyleProperty(item: StyleItem, stack: StyleStack | undefined, property: string, defaultValue: unknown): unknown;
}

const StyleContextStack = ((styleStackModule as { default?: StyleStackClass }).default ?? styleStackModule) as StyleStackClass;

/** What TextInlines.measure sets on an inline and reads from it. */
type MeasuredInline = StyleItem & {
  text: string;
  font: PdfFontLike;
  fontSize: number;
  leadingCut?: number;
  leadingIndent?: number;
  trailingCut?: number;
  width?: number;
  height?: number;
  sup?: unknown;
  sub?: unknown;
};
interface PdfFontLike {
  lineHeight(fontSize: number): number;
}
interface TextInlines {
  pdfDocument: { provideFont(font: unknown, bold: unknown, italics: unknown): PdfFontLike };
  widthOfText(text: string, inline: MeasuredInline): number;
  measure(array: MeasuredInline[], stack: StyleStack): MeasuredInline[];
}
const TextInlinesClass = ((textInlinesModule as { default?: { prototype: TextInlines } }).default ?? textInlinesModule) as { prototype: TextInlines };

export const STYLE_LOOKUP_PATCHED_METHODS = originalMethods(
  {
    'StyleContextStack.getProperty': StyleContextStack.prototype.getProperty,
    'StyleContextStack.getStyleProperty': StyleContextStack.getStyleProperty,
    'TextInlines.measure': TextInlinesClass.prototype.measure,
  },
  'style-lookup.ts',
);

const isValue = (v: unknown) => v !== undefined && v !== null;
const isString = (v: unknown): v is string => typeof v === 'string' || v instanceof String;

/** A property of a named style, or of the styles it extends (last first), each once. */
function fromNamedStyle(dictionary: StyleStack['styleDictionary'], name: string, property: string, visited?: Set<string>): unknown {
  const style = dictionary[name];
  if (!style) return undefined;
  const own = style[property];
  if (isValue(own)) return own;
  if (!style.extends) return undefined;
  visited ??= new Set();
  visited.add(name);
  const parents = Array.isArray(style.extends) ? style.extends : [style.extends];
  for (let i = parents.length - 1; i >= 0; i--) {
    const parent = parents[i]!;
    if (visited.has(parent)) continue;
    const value = fromNamedStyle(dictionary, parent, property, visited);
    if (isValue(value)) return value;
  }
  return undefined;
}

function getProperty(this: StyleStack, property: string): unknown {
  const overrides = this.styleOverrides;
  if (overrides) {
    for (let i = overrides.length - 1; i >= 0; i--) {
      const item = overrides[i]!;
      if (isString(item)) {
        const value = fromNamedStyle(this.styleDictionary, String(item), property);
        if (isValue(value)) return value;
      } else if (isValue(item[property])) return item[property];
    }
  }
  return this.defaultStyle && this.defaultStyle[property];
}

function getStyleProperty(item: StyleItem, stack: StyleStack | undefined, property: string, defaultValue: unknown): unknown {
  if (isValue(item[property])) return item[property];
  if (!stack) return defaultValue;
  // What `auto(item, …)` pushes: the item's named styles, then the item itself (nothing for
  // a string or a section).
  const overrides = stack.styleOverrides;
  const depth = overrides.length;
  if (!isString(item) && typeof item.section === 'undefined') {
    const names = item.style;
    if (names) {
      if (Array.isArray(names)) for (const name of names) overrides.push(name as string);
      else overrides.push(names as string);
    }
    overrides.push(item);
  }
  const value = stack.getProperty(property);
  overrides.length = depth;
  return isValue(value) ? value : defaultValue;
}

StyleContextStack.prototype.getProperty = getProperty;
StyleContextStack.getStyleProperty = getStyleProperty;

/** The properties TextInlines.measure asks the style stack for, each inline. */
interface MeasuredStyle {
  font: unknown;
  bold: unknown;
  italics: unknown;
  alignment: unknown;
  fontSize: unknown;
  fontFeatures: unknown;
  characterSpacing: unknown;
  color: unknown;
  decoration: unknown;
  decorationColor: unknown;
  decorationStyle: unknown;
  decorationThickness: unknown;
  background: unknown;
  link: unknown;
  linkToPage: unknown;
  linkToDestination: unknown;
  noWrap: unknown;
  opacity: unknown;
  sup: unknown;
  sub: unknown;
  lineHeight: unknown;
  preserveLeadingSpaces: unknown;
  preserveTrailingSpaces: unknown;
}

/** Every measured property from one source of styles, in one object of one shape. */
function measuredStyle(get: (property: string) => unknown): MeasuredStyle {
  return {
    font: get('font'),
    bold: get('bold'),
    italics: get('italics'),
    alignment: get('alignment'),
    fontSize: get('fontSize'),
    fontFeatures: get('fontFeatures'),
    characterSpacing: get('characterSpacing'),
    color: get('color'),
    decoration: get('decoration'),
    decorationColor: get('decorationColor'),
    decorationStyle: get('decorationStyle'),
    decorationThickness: get('decorationThickness'),
    background: get('background'),
    link: get('link'),
    linkToPage: get('linkToPage'),
    linkToDestination: get('linkToDestination'),
    noWrap: get('noWrap'),
    opacity: get('opacity'),
    sup: get('sup'),
    sub: get('sub'),
    lineHeight: get('lineHeight'),
    preserveLeadingSpaces: get('preserveLeadingSpaces'),
    preserveTrailingSpaces: get('preserveTrailingSpaces'),
  };
}

const NO_STYLE = measuredStyle(() => undefined);

/** getStyleProperty's answer from its parts: the inline's own value, its named styles', the
 * stack's, the fallback. */
const pick = (own: unknown, named: unknown, stacked: unknown, fallback: unknown): unknown =>
  isValue(own) ? own : isValue(named) ? named : isValue(stacked) ? stacked : fallback;

/**
 * What an inline's named styles say (`style: 'quote'` or a list), searched as getProperty
 * walks them once getStyleProperty has pushed them: the last name first.
 */
function namedStyle(stack: StyleStack, names: unknown): MeasuredStyle {
  const list = Array.isArray(names) ? names : [names];
  return measuredStyle((property) => {
    for (let i = list.length - 1; i >= 0; i--) {
      const entry = list[i] as string | StyleItem;
      const value = isString(entry) ? fromNamedStyle(stack.styleDictionary, String(entry), property) : entry[property];
      if (isValue(value)) return value;
    }
    return undefined;
  });
}

const LEADING = /^(\s)+/g;
const TRAILING = /(\s)+$/g;

/**
 * pdfmake's TextInlines.measure, step for step, with the same answers to its style questions
 * as getStyleProperty(item, stack, property, fallback). That walked the whole style stack for
 * each of 23 properties of every inline (a CJK paragraph has an inline per character): a
 * quarter of a warm PDF render (issue 17). The stack does not change while one inline array
 * is measured, so what it says is looked up once per call, and what an inline's named styles
 * say once per style value.
 */
function measure(this: TextInlines, array: MeasuredInline[], styleContextStack: StyleStack | undefined): MeasuredInline[] {
  if (array.length) {
    const leadingIndent = getStyleProperty(array[0]!, styleContextStack, 'leadingIndent', 0) as number;
    if (leadingIndent) {
      array[0]!.leadingCut = -leadingIndent;
      array[0]!.leadingIndent = leadingIndent;
    }
  }
  const stack = styleContextStack;
  const base = stack ? measuredStyle((property) => stack.getProperty(property)) : NO_STYLE;
  const byNames = new Map<unknown, MeasuredStyle>();
  for (const item of array) {
    // What getStyleProperty pushes for an item: its named styles (not for a section).
    let named = NO_STYLE;
    if (stack && item.style && !isString(item) && typeof item.section === 'undefined') {
      named = byNames.get(item.style) ?? namedStyle(stack, item.style);
      byNames.set(item.style, named);
    }
    const font = pick(item.font, named.font, base.font, 'Roboto');
    const bold = pick(item.bold, named.bold, base.bold, false);
    const italics = pick(item.italics, named.italics, base.italics, false);
    item.font = this.pdfDocument.provideFont(font, bold, italics);
    item.alignment = pick(item.alignment, named.alignment, base.alignment, 'left');
    item.fontSize = pick(item.fontSize, named.fontSize, base.fontSize, 12) as number;
    item.fontFeatures = pick(item.fontFeatures, named.fontFeatures, base.fontFeatures, null);
    item.characterSpacing = pick(item.characterSpacing, named.characterSpacing, base.characterSpacing, 0);
    item.color = pick(item.color, named.color, base.color, 'black');
    item.decoration = pick(item.decoration, named.decoration, base.decoration, null);
    item.decorationColor = pick(item.decorationColor, named.decorationColor, base.decorationColor, null);
    item.decorationStyle = pick(item.decorationStyle, named.decorationStyle, base.decorationStyle, null);
    item.decorationThickness = pick(item.decorationThickness, named.decorationThickness, base.decorationThickness, null);
    item.background = pick(item.background, named.background, base.background, null);
    item.link = pick(item.link, named.link, base.link, null);
    item.linkToPage = pick(item.linkToPage, named.linkToPage, base.linkToPage, null);
    item.linkToDestination = pick(item.linkToDestination, named.linkToDestination, base.linkToDestination, null);
    item.noWrap = pick(item.noWrap, named.noWrap, base.noWrap, null);
    item.opacity = pick(item.opacity, named.opacity, base.opacity, 1);
    item.sup = pick(item.sup, named.sup, base.sup, false);
    item.sub = pick(item.sub, named.sub, base.sub, false);
    if (item.sup || item.sub) item.fontSize *= 0.58;
    const lineHeight = pick(item.lineHeight, named.lineHeight, base.lineHeight, 1) as number;
    item.width = this.widthOfText(item.text, item);
    item.height = item.font.lineHeight(item.fontSize) * lineHeight;
    if (!item.leadingCut) item.leadingCut = 0;
    if (!pick(item.preserveLeadingSpaces, named.preserveLeadingSpaces, base.preserveLeadingSpaces, false)) {
      const leadingSpaces = item.text.match(LEADING);
      if (leadingSpaces) item.leadingCut += this.widthOfText(leadingSpaces[0], item);
    }
    item.trailingCut = 0;
    if (!pick(item.preserveTrailingSpaces, named.preserveTrailingSpaces, base.preserveTrailingSpaces, false)) {
      const trailingSpaces = item.text.match(TRAILING);
      if (trailingSpaces) item.trailingCut = this.widthOfText(trailingSpaces[0], item);
    }
  }
  return array;
}

TextInlinesClass.prototype.measure = measure;
