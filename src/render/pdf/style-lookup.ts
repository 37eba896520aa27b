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

export const STYLE_LOOKUP_PATCHED_METHODS = originalMethods(
  {
    'StyleContextStack.getProperty': StyleContextStack.prototype.getProperty,
    'StyleContextStack.getStyleProperty': StyleContextStack.getStyleProperty,
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
