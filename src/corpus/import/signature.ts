/**
 * Signatures (落款) under official texts: the issuing body on one to three short lines over the
 * date line (`国务院办公厅` / `2025年1月20日`; `MINISTRY OF FOREIGN AFFAIRS` / `SINGAPORE` /
 * `16 JANUARY 2025`). They close a release and name its issuer; they are never paragraphs.
 */
import { width, type DumpUnit } from './cues.js';

/** How many short lines from `i` on sign off over a date line (`MINISTRY OF FOREIGN AFFAIRS` / `SINGAPORE` / `16 JANUARY 2025`): 0 if none. */
export function signatureLength(units: readonly DumpUnit[], i: number): number {
  for (let n = 1; n <= MAX_SIGNATURE_LINES; n++) {
    const u = units[i + n - 1];
    if (u?.kind !== 'para' || !u.headlineShaped || width(u.text) > 40) return 0;
    if (units[i + n]?.kind === 'date') return n;
  }
  return 0;
}
const MAX_SIGNATURE_LINES = 3;
