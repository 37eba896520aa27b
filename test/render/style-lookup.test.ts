/**
 * The style lookup that replaces pdfmake's (src/render/pdf/style-lookup.ts) gives the same
 * answer as pdfmake's own for any stack of named styles and style objects, with `extends`
 * chains and cycles; its TextInlines.measure sets the same on every inline as pdfmake's; and
 * the originals are the version it was written against.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STYLE_LOOKUP_PATCHED_METHODS } from '../../src/render/pdf/style-lookup.js';
import styleStackModule from 'pdfmake/js/StyleContextStack.js';
import textInlinesModule from 'pdfmake/js/TextInlines.js';
import { PROJECT_ROOT } from '../helpers/project.js';

type Stack = { styleOverrides: unknown[]; getProperty(p: string): unknown };
const StyleContextStack = ((styleStackModule as { default?: unknown }).default ?? styleStackModule) as {
  new (dictionary: object, defaultStyle?: object): Stack;
  prototype: Stack;
  getStyleProperty(item: object, stack: Stack | undefined, property: string, defaultValue: unknown): unknown;
};
const TextInlines = ((textInlinesModule as { default?: unknown }).default ?? textInlinesModule) as { prototype: { measure: unknown } };
const ORIGINAL = STYLE_LOOKUP_PATCHED_METHODS;

const NAMES = ['a', 'b', 'c', 'd'];
const PROPS = ['font', 'bold', 'fontSize', 'color'];
const value = fc.oneof(fc.constant(undefined), fc.constant(null), fc.constant(false), fc.constant(0), fc.constant(''), fc.integer(), fc.constantFrom('x', 'y'));
const styleObject = fc.dictionary(fc.constantFrom(...PROPS), value, { maxKeys: 3 });
const namedStyle = fc.record({ props: styleObject, extends: fc.option(fc.oneof(fc.constantFrom(...NAMES, 'missing'), fc.array(fc.constantFrom(...NAMES, 'missing'), { maxLength: 3 })), { nil: undefined }) });
const dictionary = fc.dictionary(fc.constantFrom(...NAMES), namedStyle).map((d) =>
  Object.fromEntries(Object.entries(d).map(([name, s]) => [name, { ...s.props, ...(s.extends !== undefined ? { extends: s.extends } : {}) }])),
);
const item = fc.record({ props: styleObject, style: fc.option(fc.oneof(fc.constantFrom(...NAMES), fc.array(fc.constantFrom(...NAMES, 'missing'), { maxLength: 3 })), { nil: undefined }), section: fc.boolean() }).map((i) => ({
  ...i.props,
  ...(i.style !== undefined ? { style: i.style } : {}),
  ...(i.section ? { section: 'x' } : {}),
}));
const overrides = fc.array(fc.oneof(fc.constantFrom(...NAMES, 'missing'), styleObject), { maxLength: 5 });

describe('style lookup', () => {
  it('answers as pdfmake does, for any styles, stacks and inline items', () => {
    fc.assert(
      fc.property(dictionary, styleObject, overrides, item, fc.constantFrom(...PROPS), value, (dict, defaults, stackItems, inline, property, fallback) => {
        const stack = new StyleContextStack(dict, defaults);
        stack.styleOverrides.push(...stackItems);
        const before = [...stack.styleOverrides];
        const ours = { direct: stack.getProperty(property), viaItem: StyleContextStack.getStyleProperty(inline, stack, property, fallback) };
        expect(stack.styleOverrides).toEqual(before);
        const theirs = {
          direct: ORIGINAL['StyleContextStack.getProperty'].call(stack, property as never),
          viaItem: (ORIGINAL['StyleContextStack.getStyleProperty'] as (...a: unknown[]) => unknown)(inline, stack, property, fallback),
        };
        expect(ours).toEqual(theirs);
        expect(stack.styleOverrides).toEqual(before);
      }),
      { numRuns: 3000, seed: 17 },
    );
    // Without a stack, the item or the default.
    expect(StyleContextStack.getStyleProperty({ font: 'f' }, undefined, 'font', 'd')).toBe('f');
    expect(StyleContextStack.getStyleProperty({}, undefined, 'font', 'd')).toBe('d');
  });

  it('measures inlines as pdfmake does, for any styles, stacks and inline items', () => {
    // Every property measure asks for, and values of every kind (the fallback, when none is set).
    const MEASURED = ['font', 'bold', 'italics', 'alignment', 'fontSize', 'fontFeatures', 'characterSpacing', 'color', 'decoration', 'decorationColor', 'decorationStyle', 'decorationThickness', 'background', 'link', 'linkToPage', 'linkToDestination', 'noWrap', 'opacity', 'sup', 'sub', 'lineHeight', 'preserveLeadingSpaces', 'preserveTrailingSpaces', 'leadingIndent'];
    const anyValue = fc.oneof(value, fc.constantFrom(true, 2, 0.5, 'Serif'));
    const styles = fc.dictionary(fc.constantFrom(...MEASURED), anyValue, { maxKeys: 5 });
    const named = fc.record({ props: styles, extends: fc.option(fc.oneof(fc.constantFrom(...NAMES, 'missing'), fc.array(fc.constantFrom(...NAMES), { maxLength: 2 })), { nil: undefined }) });
    const dict = fc.dictionary(fc.constantFrom(...NAMES), named).map((d) =>
      Object.fromEntries(Object.entries(d).map(([name, n]) => [name, { ...n.props, ...(n.extends !== undefined ? { extends: n.extends } : {}) }])),
    );
    // A style value shared by several inlines (one array, as pdfmake's inlines of one run
    // share it) or each its own.
    const styleValue = fc.option(fc.oneof(fc.constantFrom(...NAMES, 'missing'), fc.array(fc.oneof(fc.constantFrom(...NAMES, 'missing'), styles), { maxLength: 3 })), { nil: undefined });
    const inline = fc.record({ props: styles, text: fc.constantFrom('字', ' a ', 'b  ', '  c', ' ', 'word'), style: styleValue, shared: fc.boolean(), section: fc.boolean() });
    const inlines = fc.array(inline, { maxLength: 6 });
    const lineHeight = (size: number) => size * 1.25;
    const context = () => ({
      pdfDocument: { provideFont: (font: unknown, bold: unknown, italics: unknown) => ({ name: `${String(font)}|${String(bold)}|${String(italics)}`, lineHeight }) },
      widthOfText: (text: string, item: { fontSize: number; characterSpacing?: number }) => text.length * Number(item.fontSize) + (item.characterSpacing || 0) * (text.length - 1),
    });
    const measure = (TextInlines.prototype.measure as (this: unknown, a: object[], s: Stack) => object[]);
    const original = ORIGINAL['TextInlines.measure'] as unknown as (this: unknown, a: object[], s: Stack | undefined) => object[];
    fc.assert(
      fc.property(dict, fc.option(styles, { nil: undefined }), fc.array(fc.oneof(fc.constantFrom(...NAMES, 'missing'), styles), { maxLength: 5 }), inlines, fc.constantFrom(...NAMES), fc.boolean(), (d, defaults, stackItems, specs, sharedName, noStack) => {
        const shared = [sharedName];
        const make = () =>
          specs.map((i) => ({ ...i.props, text: i.text, ...(i.shared ? { style: shared } : i.style !== undefined ? { style: i.style } : {}), ...(i.section ? { section: 'x' } : {}) }));
        const stack = new StyleContextStack(d, defaults);
        stack.styleOverrides.push(...stackItems);
        const before = [...stack.styleOverrides];
        const ours = measure.call(context(), make(), noStack ? (undefined as unknown as Stack) : stack);
        expect(stack.styleOverrides).toEqual(before);
        const theirs = original.call(context(), make(), noStack ? undefined : stack);
        expect(ours).toEqual(theirs);
        expect(stack.styleOverrides).toEqual(before);
      }),
      { numRuns: 2000, seed: 17 },
    );
  });

  it('replaces the version of pdfmake it was written against', () => {
    const version = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'node_modules/pdfmake/package.json'), 'utf8')).version;
    const sources = Object.fromEntries(Object.entries(ORIGINAL).map(([name, fn]) => [name, createHash('sha256').update(String(fn)).digest('hex').slice(0, 16)]));
    // When this fails, pdfmake changed: reread StyleContextStack and TextInlines.measure, check style-lookup.ts
    // against it, then update here.
    expect({ version, sources }).toEqual({ version: '0.3.11', sources: { 'StyleContextStack.getProperty': '1f44d5be2de5a5d4', 'StyleContextStack.getStyleProperty': 'ca42470130b7e9d1', 'TextInlines.measure': 'cb17af19531a9de1' } });
  });
});
