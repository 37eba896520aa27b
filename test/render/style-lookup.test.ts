/**
 * The style lookup that replaces pdfmake's (src/render/pdf/style-lookup.ts) gives the same
 * answer as pdfmake's own for any stack of named styles and style objects, with `extends`
 * chains and cycles; and the originals are the version it was written against.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STYLE_LOOKUP_PATCHED_METHODS } from '../../src/render/pdf/style-lookup.js';
import styleStackModule from 'pdfmake/js/StyleContextStack.js';
import { PROJECT_ROOT } from '../helpers/project.js';

type Stack = { styleOverrides: unknown[]; getProperty(p: string): unknown };
const StyleContextStack = ((styleStackModule as { default?: unknown }).default ?? styleStackModule) as {
  new (dictionary: object, defaultStyle?: object): Stack;
  prototype: Stack;
  getStyleProperty(item: object, stack: Stack | undefined, property: string, defaultValue: unknown): unknown;
};
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

  it('replaces the version of pdfmake it was written against', () => {
    const version = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'node_modules/pdfmake/package.json'), 'utf8')).version;
    const sources = Object.fromEntries(Object.entries(ORIGINAL).map(([name, fn]) => [name, createHash('sha256').update(String(fn)).digest('hex').slice(0, 16)]));
    // When this fails, pdfmake changed: reread StyleContextStack, check style-lookup.ts
    // against it, then update here.
    expect({ version, sources }).toEqual({ version: '0.3.11', sources: { 'StyleContextStack.getProperty': '1f44d5be2de5a5d4', 'StyleContextStack.getStyleProperty': 'ca42470130b7e9d1' } });
  });
});
