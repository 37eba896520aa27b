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
 * a style extends another. The originals are pinned by source hash in
 * test/render/style-lookup.test.ts, which also checks that both give the same answers.
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

/**
 * getStyleProperty for the inlines of one `measure` call. The stack does not change while
 * pdfmake measures an inline array, so what the stack says of a property is looked up once
 * per call, and what an inline's named styles say, once per style value: the same answers as
 * getStyleProperty(item, stack, property, fallback), which walked the whole stack for each of
 * ~23 properties of every inline (a CJK paragraph has an inline per character): a quarter of
 * a warm PDF render (issue 17).
 */
function lookupFor(stack: StyleStack | undefined) {
  const fromStack = new Map<string, unknown>();
  const fromNames = new Map<unknown, Map<string, unknown>>();
  const stackValue = (property: string): unknown => {
    if (fromStack.has(property)) return fromStack.get(property);
    const value = stack!.getProperty(property);
    fromStack.set(property, value);
    return value;
  };
  // What the item's named styles say, searched as getProperty walks them once pushed: the
  // last name first.
  const namesValue = (names: unknown, property: string): unknown => {
    let known = fromNames.get(names);
    if (!known) fromNames.set(names, (known = new Map()));
    if (known.has(property)) return known.get(property);
    let value: unknown;
    const list = Array.isArray(names) ? names : [names];
    for (let i = list.length - 1; i >= 0 && !isValue(value); i--) {
      const entry = list[i] as string | StyleItem;
      value = isString(entry) ? fromNamedStyle(stack!.styleDictionary, String(entry), property) : entry[property];
    }
    known.set(property, value);
    return value;
  };
  return (item: StyleItem, property: string, fallback: unknown): unknown => {
    const own = item[property];
    if (isValue(own)) return own;
    if (!stack) return fallback;
    if (!isString(item) && typeof item.section === 'undefined' && item.style) {
      const named = namesValue(item.style, property);
      if (isValue(named)) return named;
    }
    const value = stackValue(property);
    return isValue(value) ? value : fallback;
  };
}

const LEADING = /^(\s)+/g;
const TRAILING = /(\s)+$/g;

/** pdfmake's TextInlines.measure, step for step, with its style questions asked of lookupFor. */
function measure(this: TextInlines, array: MeasuredInline[], styleContextStack: StyleStack): MeasuredInline[] {
  if (array.length) {
    const leadingIndent = getStyleProperty(array[0]!, styleContextStack, 'leadingIndent', 0) as number;
    if (leadingIndent) {
      array[0]!.leadingCut = -leadingIndent;
      array[0]!.leadingIndent = leadingIndent;
    }
  }
  const style = lookupFor(styleContextStack);
  for (const item of array) {
    const font = style(item, 'font', 'Roboto');
    const bold = style(item, 'bold', false);
    const italics = style(item, 'italics', false);
    item.font = this.pdfDocument.provideFont(font, bold, italics);
    item.alignment = style(item, 'alignment', 'left');
    item.fontSize = style(item, 'fontSize', 12) as number;
    item.fontFeatures = style(item, 'fontFeatures', null);
    item.characterSpacing = style(item, 'characterSpacing', 0);
    item.color = style(item, 'color', 'black');
    item.decoration = style(item, 'decoration', null);
    item.decorationColor = style(item, 'decorationColor', null);
    item.decorationStyle = style(item, 'decorationStyle', null);
    item.decorationThickness = style(item, 'decorationThickness', null);
    item.background = style(item, 'background', null);
    item.link = style(item, 'link', null);
    item.linkToPage = style(item, 'linkToPage', null);
    item.linkToDestination = style(item, 'linkToDestination', null);
    item.noWrap = style(item, 'noWrap', null);
    item.opacity = style(item, 'opacity', 1);
    item.sup = style(item, 'sup', false);
    item.sub = style(item, 'sub', false);
    if (item.sup || item.sub) item.fontSize *= 0.58;
    const lineHeight = style(item, 'lineHeight', 1) as number;
    item.width = this.widthOfText(item.text, item);
    item.height = item.font.lineHeight(item.fontSize) * lineHeight;
    if (!item.leadingCut) item.leadingCut = 0;
    if (!style(item, 'preserveLeadingSpaces', false)) {
      const leadingSpaces = item.text.match(LEADING);
      if (leadingSpaces) item.leadingCut += this.widthOfText(leadingSpaces[0], item);
    }
    item.trailingCut = 0;
    if (!style(item, 'preserveTrailingSpaces', false)) {
      const trailingSpaces = item.text.match(TRAILING);
      if (trailingSpaces) item.trailingCut = this.widthOfText(trailingSpaces[0], item);
    }
  }
  return array;
}

TextInlinesClass.prototype.measure = measure;
