/**
 * Traditional → Simplified conversion for briefs with `script: zh-Hans`, phrase by phrase
 * with OpenCC's dictionaries (DESIGN §5), not character by character. The converter costs
 * ~160 ms to build, so it is built on first use only.
 */
import { createRequire } from 'node:module';

type Convert = (text: string) => string;
let toSimplified: Convert | undefined;

export function traditionalToSimplified(text: string): string {
  if (!/\p{Script=Han}/u.test(text)) return text;
  if (!toSimplified) {
    const OpenCC = createRequire(import.meta.url)('opencc-js') as { Converter(o: { from: string; to: string }): Convert };
    toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
  }
  return toSimplified(text);
}

/** A copy of `value` with every string converted (ids and dates have no Han and stay). */
export function convertStrings<T>(value: T, convert: Convert): T {
  if (typeof value === 'string') return convert(value) as T;
  if (Array.isArray(value)) return value.map((v) => convertStrings(v, convert)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convertStrings(v, convert)])) as T;
  }
  return value;
}
