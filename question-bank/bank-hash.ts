/**
 * Pure, deterministic fingerprints (no `node:crypto`, so the domain runs anywhere): FNV-1a 64 over
 * UTF-8, and the hash of a canonical bank snapshot that an assembly result records, so one can tell
 * later whether a paper set was built from the bank as it is now.
 */
import type { Item } from './types';

const OFFSET_HI = 0xcbf29ce4;
const OFFSET_LO = 0x84222325;
// The 64-bit FNV prime is 2^40 + 0x1b3: multiplying = (h × 0x1b3) + (h << 40).
const PRIME_LO = 0x1b3;
const TWO32 = 4294967296;

/** Incremental FNV-1a 64: feed strings (hashed as UTF-8), read the hex digest. */
export class Fnv1a64 {
  private hi = OFFSET_HI;
  private lo = OFFSET_LO;

  private byte(b: number): void {
    const lo = (this.lo ^ b) >>> 0;
    const product = lo * PRIME_LO; // < 2^41, exact in a double
    const carry = Math.floor(product / TWO32);
    this.lo = product % TWO32;
    this.hi = (Math.imul(this.hi, PRIME_LO) + carry + (lo << 8)) >>> 0;
  }

  /** Add the UTF-8 bytes of `s` (lone surrogates are encoded as U+FFFD, as TextEncoder does). */
  update(s: string): this {
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        this.byte(c);
        continue;
      }
      if (c < 0x800) {
        this.byte(0xc0 | (c >> 6));
        this.byte(0x80 | (c & 63));
        continue;
      }
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d < 0xe000) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          this.byte(0xf0 | (c >> 18));
          this.byte(0x80 | ((c >> 12) & 63));
          this.byte(0x80 | ((c >> 6) & 63));
          this.byte(0x80 | (c & 63));
          continue;
        }
      }
      if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
      this.byte(0xe0 | (c >> 12));
      this.byte(0x80 | ((c >> 6) & 63));
      this.byte(0x80 | (c & 63));
    }
    return this;
  }

  /** 16 lowercase hex digits. */
  digest(): string {
    return this.hi.toString(16).padStart(8, '0') + this.lo.toString(16).padStart(8, '0');
  }
}

/** FNV-1a 64 of a string's UTF-8 bytes as 16 hex digits. Example: `fnv1a64('a')` → `'af63dc4c8601ec8c'`. */
export function fnv1a64(s: string): string {
  return new Fnv1a64().update(s).digest();
}

function compareItems(a: Item, b: Item): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : a.version - b.version;
}

/**
 * Fingerprint of a bank snapshot, independent of the order of `items`: items sorted by id and version,
 * each contributing the fields an assembly depends on (id, version, type, point, statistics,
 * exposure, enemy group, status, key, option labels). Texts are not hashed: an item is never edited
 * in place, a changed text is a new version. Example: `bankHash(items)` → `'fnv1a64:3f2c…'`.
 */
export function bankHash(items: readonly Item[]): string {
  const h = new Fnv1a64();
  const sorted = items.slice().sort(compareItems);
  for (const it of sorted) {
    // \u001f separates fields and \u001e items, so no two snapshots serialise alike.
    h.update(it.id).update('\u001f').update(String(it.version)).update('\u001f').update(it.type).update('\u001f');
    h.update(it.pointCode).update('\u001f').update(String(it.difficulty)).update('\u001f');
    h.update(String(it.discrimination)).update('\u001f').update(String(it.statsN)).update('\u001f');
    h.update(String(it.exposure)).update('\u001f').update(it.enemyGroup ?? '\u0000').update('\u001f');
    h.update(it.status).update('\u001f').update(it.key.join('\u001d')).update('\u001f');
    for (const o of it.options) h.update(o.label).update('\u001d');
    h.update('\u001e');
  }
  return `fnv1a64:${h.digest()}`;
}
