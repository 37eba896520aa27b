/**
 * What the modules that wrap pdfmake's internals (line-adjustment.ts: clreq line filling;
 * keep-lines.ts: widows, orphans and keeps) share: a table of the original methods they
 * wrap, checked once at load. Each table is pinned by source hash in
 * test/render/cjk-typesetting.test.ts and test/render/pdf-keep-lines.test.ts, so a pdfmake
 * update that changes a wrapped method fails there instead of changing layout silently.
 */
type Method = (...args: never[]) => unknown;
type PatchableMethod = (this: unknown, ...args: never[]) => unknown;

/** The class a CommonJS module of pdfmake (or pdfkit) exports (`exports.default`), however it
 * was imported; else an error naming the class and the module to check. */
export function pdfmakeClass(mod: unknown, name: string, patcher: string): { prototype: Record<string, PatchableMethod> } {
  let m = mod as { default?: unknown } | undefined;
  for (let i = 0; i < 3 && m && typeof m !== 'function'; i++) m = m.default as typeof m;
  if (typeof m !== 'function') throw new Error(`pdfmake's ${name} class was not found: ${patcher} needs checking against this pdfmake version`);
  return m as unknown as { prototype: Record<string, PatchableMethod> };
}

/** The table itself, once every entry is a function; else an error naming the method and
 * the module to check against the new pdfmake. */
export function originalMethods<T extends Record<string, Method | undefined>>(methods: T, patcher: string): { readonly [K in keyof T]: NonNullable<T[K]> } {
  for (const [name, fn] of Object.entries(methods)) {
    if (typeof fn !== 'function') throw new Error(`pdfmake's ${name} is missing: ${patcher} needs checking against this pdfmake version`);
  }
  return methods as { readonly [K in keyof T]: NonNullable<T[K]> };
}
