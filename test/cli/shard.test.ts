/**
 * `build --shard K/N`: the shares are chosen by a hash of each brief's path, so together they
 * cover every brief exactly once, a brief never changes shard when others are added, and each
 * shard builds its briefs to the same bytes, with the same cache keys, as a build of all of them
 * on one machine.
 */
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifestPath, type Manifest } from '../../src/builder/cache.js';
import { sha256 } from '../../src/builder/file-store.js';
import { briefsOfShard, parseShard, shardOfBrief } from '../../src/builder/shard.js';
import { events, runCli, tempProject } from '../helpers/temp-project.js';

const names = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `briefs/brief-${String(from + i).padStart(4, '0')}.yaml`);

describe('choosing a shard', () => {
  it('covers every brief exactly once, for any number of shards', () => {
    const briefs = names(500);
    for (const count of [1, 2, 3, 4, 7, 16]) {
      const shares = Array.from({ length: count }, (_, i) => briefsOfShard(briefs, { index: i + 1, count }));
      expect(shares.flat().sort()).toEqual([...briefs].sort());
      // Roughly even: no share is more than 40 % off its fair size.
      for (const s of shares) expect(Math.abs(s.length - briefs.length / count)).toBeLessThan(0.4 * (briefs.length / count) + 3);
    }
  });

  it('keeps every brief in its shard when briefs are added or removed', () => {
    const before = names(200);
    const after = [...names(150), ...names(300, 1000)];
    // The shard depends on the path alone: a fixed brief has a fixed shard.
    expect([1, 2, 3, 4, 5].map((n) => shardOfBrief('briefs/cambodia-law-enforcement-meeting.yaml', n))).toEqual(
      [1, 2, 3, 4, 5].map((n) => shardOfBrief(['briefs', 'cambodia-law-enforcement-meeting.yaml'].join(path.sep), n)),
    );
    const keep = new Set(after);
    for (let k = 1; k <= 5; k++) {
      const was = briefsOfShard(before, { index: k, count: 5 }).filter((b) => keep.has(b));
      expect(briefsOfShard(after, { index: k, count: 5 }).filter((b) => before.includes(b))).toEqual(was);
    }
  });

  it('reads K/N and refuses anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '2', '2/0', 'a/b', '-1/3', '1.5/3', '']) expect(parseShard(bad), bad).toBeUndefined();
  });
});

describe('build --shard', () => {
  let project = '';
  const briefs: string[] = [];
  beforeAll(() => {
    project = tempProject();
    // Six briefs: the three samples and a copy of each under another name.
    for (const f of readdirSync(path.join(project, 'briefs')).filter((x) => x.endsWith('.yaml'))) {
      copyFileSync(path.join(project, 'briefs', f), path.join(project, 'briefs', f.replace('.yaml', '-copy.yaml')));
    }
    briefs.push(...readdirSync(path.join(project, 'briefs')).filter((x) => x.endsWith('.yaml')).map((x) => `briefs/${x}`));
  });

  const build = async (out: string, ...args: string[]) => {
    const r = await runCli(['build', '--jobs', '1', '--json', '--out', out, ...args], project);
    expect(r.code, r.stderr).toBe(0);
    const built = events(r.stdout).filter((e) => e.event === 'brief' && e.status === 'built').map((e) => e.brief as string);
    const files = Object.fromEntries(readdirSync(path.join(project, out)).map((f) => [f, sha256(readFileSync(path.join(project, out, f)))]));
    const manifest = JSON.parse(readFileSync(manifestPath(project, path.join(project, out)), 'utf8')) as Manifest;
    const keys = Object.fromEntries(Object.entries(manifest.briefs).map(([b, e]) => [b, e.key]));
    return { built, files, keys };
  };

  it('builds each brief once across the shards, to the same bytes and cache keys as one build', async () => {
    const whole = await build('out-all');
    expect(whole.built.sort()).toEqual([...briefs].sort());
    const shards = [];
    for (let k = 1; k <= 3; k++) shards.push(await build(`out-shard-${k}`, '--shard', `${k}/3`));
    expect(shards.flatMap((s) => s.built).sort()).toEqual([...briefs].sort());
    for (const [k, s] of shards.entries()) expect(s.built.sort()).toEqual(briefsOfShard(briefs, { index: k + 1, count: 3 }).sort());
    expect(Object.assign({}, ...shards.map((s) => s.files))).toEqual(whole.files);
    expect(Object.assign({}, ...shards.map((s) => s.keys))).toEqual(whole.keys);
    expect(Object.keys(whole.files).filter((f) => f.endsWith('.pdf'))).toHaveLength(6);
  }, 300_000);

  it('rejects a malformed --shard as a usage error', async () => {
    const r = await runCli(['build', '--shard', '4/3'], project);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--shard: expected K\/N/);
  });
});
