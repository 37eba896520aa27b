/**
 * `build --shard K/N`: one machine's share of the briefs, so a CI matrix of N runners builds
 * thousands of briefs between them (docs/ci-sharding.md).
 *
 * A brief belongs to shard 1 + (first 8 bytes of SHA-256 of its project-relative path, with
 * "/" separators) mod N. It depends on nothing but the brief's own path and N, so:
 * - every runner computes the same split, on any OS, in any order of listing;
 * - the shards together hold every brief exactly once;
 * - adding or removing a brief never moves another one to a different shard, so a runner's
 *   cached output stays valid for the briefs it already had.
 * Each brief is built exactly as in a one-machine build: the same bytes, the same cache key.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';

export interface Shard {
  /** 1-based: 1 … count. */
  index: number;
  count: number;
}

/** Which shard (1 … count) a brief belongs to. */
export function shardOfBrief(brief: string, count: number): number {
  const key = brief.split(path.sep).join('/');
  const digest = createHash('sha256').update(key).digest();
  return Number(digest.readBigUInt64BE(0) % BigInt(count)) + 1;
}

/** The briefs (project-relative paths) of one shard, in their given order. */
export function briefsOfShard(briefs: readonly string[], shard: Shard): string[] {
  return briefs.filter((b) => shardOfBrief(b, shard.count) === shard.index);
}

/** Parses "K/N" (1 ≤ K ≤ N); `undefined` for anything else. */
export function parseShard(value: string): Shard | undefined {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) return undefined;
  return { index, count };
}
