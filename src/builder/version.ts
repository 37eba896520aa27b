/**
 * Which briefpack this is: the package version for people, and a code id for the build
 * cache. The bundle (scripts/compile.mjs) stamps both in: the code id is a hash of the
 * sources and the lockfile, so a cache written by other code is never trusted, even when the
 * version number did not change. Run from the TypeScript sources (tests, tsx), the same hash
 * is computed on first use.
 */
import { readFileSync } from 'node:fs';
import { hashSources } from '../../scripts/hash-sources.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

declare const BRIEFPACK_VERSION: string;
declare const BRIEFPACK_CODE_ID: string;

export const VERSION: string = typeof BRIEFPACK_VERSION === 'string' ? BRIEFPACK_VERSION : devVersion();

let codeId: string | undefined = typeof BRIEFPACK_CODE_ID === 'string' ? BRIEFPACK_CODE_ID : undefined;

export function codeIdentity(): string {
  codeId ??= `${VERSION}+${hashSources(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..'))}`;
  return codeId;
}

export { hashSources };

function devVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return `${pkg.version ?? '0.0.0'}-dev`;
  } catch {
    return 'dev';
  }
}
