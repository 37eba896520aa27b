/**
 * limitHeapGrowth (memory.ts): V8 really grows the heap less. A child process holds a live set
 * and builds and drops "documents" that survive young collections (as a brief's model and
 * layout do); its peak committed heap with the limit must be well under the one without.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const MEMORY = path.resolve(__dirname, '../../src/builder/memory.ts');

function peakHeapMB(limit: boolean): number {
  const code = `
    ${limit ? `const { limitHeapGrowth } = await import(${JSON.stringify(MEMORY)}); limitHeapGrowth();` : ''}
    const live = []; for (let i = 0; i < 6e5; i++) live.push({ i, s: 'live' + i });
    let peak = 0;
    for (let round = 0; round < 12; round++) {
      let doc = [];
      for (let j = 0; j < 3e5; j++) {
        doc.push({ j, words: ['a' + j, 'b' + round], box: { x: j, y: round } });
        if (j % 5e4 === 0) peak = Math.max(peak, process.memoryUsage().heapTotal);
      }
      doc = null;
    }
    console.log(JSON.stringify({ peak, live: live.length }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
  return JSON.parse(out).peak / 2 ** 20;
}

describe('limitHeapGrowth', () => {
  it('keeps the committed heap well below what V8 grows to on its own', () => {
    const own = peakHeapMB(false);
    const limited = peakHeapMB(true);
    // Measured: ~254 MB against ~132 MB.
    expect(limited).toBeLessThan(own * 0.75);
  });
});
