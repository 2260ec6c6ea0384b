/**
 * Pure, deterministic fingerprints (no `node:crypto`, so the domain runs anywhere): FNV-1a 64 over
 * UTF-8, and the hash of a canonical bank snapshot that an assembly result records, so one can tell
 * later whether a paper set was built from the bank as it is now.
 */
import type { Item } from './types';

/**
 * Incremental FNV-1a 64: feed strings (hashed as UTF-8) and numbers, read the hex digest.
 * The 64-bit state is four 16-bit limbs so every step is small-integer arithmetic (a multiply by the
 * FNV prime 2^40 + 0x1b3 is limb × 0x1b3 plus limbs shifted by 40 bits), ~20× faster than doubles.
 */
export class Fnv1a64 {
  private h0 = 0x2325;
  private h1 = 0x8422;
  private h2 = 0x9ce4;
  private h3 = 0xcbf2;
  private readonly f64 = new Float64Array(1);
  private readonly u8 = new Uint8Array(this.f64.buffer);

  private bytes(data: ArrayLike<number>, from: number, to: number): void {
    let h0 = this.h0;
    let h1 = this.h1;
    let h2 = this.h2;
    let h3 = this.h3;
    for (let i = from; i < to; i++) {
      h0 ^= data[i]!;
      const t0 = h0 * 0x1b3;
      let t1 = h1 * 0x1b3;
      let t2 = h2 * 0x1b3 + (h0 << 8);
      let t3 = h3 * 0x1b3 + (h1 << 8);
      t1 += t0 >>> 16;
      t2 += t1 >>> 16;
      t3 += t2 >>> 16;
      h0 = t0 & 0xffff;
      h1 = t1 & 0xffff;
      h2 = t2 & 0xffff;
      h3 = t3 & 0xffff;
    }
    this.h0 = h0;
    this.h1 = h1;
    this.h2 = h2;
    this.h3 = h3;
  }

  /** Add the UTF-8 bytes of `s` (lone surrogates are encoded as U+FFFD, as TextEncoder does). */
  update(s: string): this {
    let h0 = this.h0;
    let h1 = this.h1;
    let h2 = this.h2;
    let h3 = this.h3;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        // ASCII fast path, the step inlined: ids and codes are ASCII.
        h0 ^= c;
        const t0 = h0 * 0x1b3;
        let t1 = h1 * 0x1b3;
        let t2 = h2 * 0x1b3 + (h0 << 8);
        let t3 = h3 * 0x1b3 + (h1 << 8);
        t1 += t0 >>> 16;
        t2 += t1 >>> 16;
        t3 += t2 >>> 16;
        h0 = t0 & 0xffff;
        h1 = t1 & 0xffff;
        h2 = t2 & 0xffff;
        h3 = t3 & 0xffff;
        continue;
      }
      this.h0 = h0;
      this.h1 = h1;
      this.h2 = h2;
      this.h3 = h3;
      i = this.multiByte(s, i, c);
      h0 = this.h0;
      h1 = this.h1;
      h2 = this.h2;
      h3 = this.h3;
    }
    this.h0 = h0;
    this.h1 = h1;
    this.h2 = h2;
    this.h3 = h3;
    return this;
  }

  /** Add the 8 bytes of `x` as an IEEE 754 double (platform byte order, little-endian on every JS engine in use). */
  number(x: number): this {
    this.f64[0] = x;
    this.bytes(this.u8, 0, 8);
    return this;
  }

  private multiByte(s: string, i: number, c: number): number {
    let out: number[];
    let next = i;
    if (c < 0x800) {
      out = [0xc0 | (c >> 6), 0x80 | (c & 63)];
    } else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) < 0xe000) {
      const cp = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00);
      out = [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
      next = i + 1;
    } else {
      const cc = c >= 0xd800 && c < 0xe000 ? 0xfffd : c;
      out = [0xe0 | (cc >> 12), 0x80 | ((cc >> 6) & 63), 0x80 | (cc & 63)];
    }
    this.bytes(out, 0, out.length);
    return next;
  }

  /** 16 lowercase hex digits. */
  digest(): string {
    return [this.h3, this.h2, this.h1, this.h0].map((h) => h.toString(16).padStart(4, '0')).join('');
  }
}

/** FNV-1a 64 of a string's UTF-8 bytes as 16 hex digits. Example: `fnv1a64('a')` → `'af63dc4c8601ec8c'`. */
export function fnv1a64(s: string): string {
  return new Fnv1a64().update(s).digest();
}

function compareItems(a: Item, b: Item): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : a.version - b.version;
}

const INDEX_SPACE = 1 << 20;

/** FNV-1a 32 over UTF-16 code units: a cheap numeric sort key for ids. */
function idKey(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Items in the canonical order every assembly works in: by a 32-bit hash of the id, then id, then
 * version — a total order that does not depend on the input order. Sorting packed numeric keys
 * (hash × 2^20 + input index) natively is ~10× faster than comparing id strings on a shuffled
 * 20 000-item bank; ids sharing a hash are then ordered by id and version.
 * Example: `canonicalOrder(bank.slice().reverse())` equals `canonicalOrder(bank)` element by element.
 */
export function canonicalOrder(items: readonly Item[]): Item[] {
  const n = items.length;
  if (n >= INDEX_SPACE) return items.slice().sort((a, b) => idKey(a.id) - idKey(b.id) || compareItems(a, b));
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = idKey(items[i]!.id) * INDEX_SPACE + i;
  keys.sort();
  const out: Item[] = new Array<Item>(n);
  for (let j = 0; j < n; j++) out[j] = items[keys[j]! % INDEX_SPACE]!;
  for (let j = 0; j < n; ) {
    const hash = Math.floor(keys[j]! / INDEX_SPACE);
    let end = j + 1;
    while (end < n && Math.floor(keys[end]! / INDEX_SPACE) === hash) end++;
    if (end - j > 1) {
      const run = out.slice(j, end).sort(compareItems);
      for (let x = 0; x < run.length; x++) out[j + x] = run[x]!;
    }
    j = end;
  }
  return out;
}

/**
 * Fingerprint of a bank snapshot, independent of the order of `items`: items in `canonicalOrder`,
 * each contributing the fields an assembly depends on (id, version, type, point, statistics and
 * exposure as IEEE doubles, enemy group, status, key, option labels). Texts are not hashed: an item is never edited
 * in place, a changed text is a new version. Example: `bankHash(items)` → `'fnv1a64:3f2c…'`.
 */
export function bankHash(items: readonly Item[]): string {
  const h = new Fnv1a64();
  const ordered = canonicalOrder(items);
  // Indexed loops: iterator results here were a fifth of an assembly's garbage on a large bank.
  for (let i = 0; i < ordered.length; i++) {
    const it = ordered[i]!;
    // \u001f separates fields and \u001e items, so no two snapshots serialise alike.
    h.update(it.id).update('\u001f').number(it.version).update(it.type).update('\u001f').update(it.pointCode).update('\u001f');
    h.number(it.difficulty).number(it.discrimination).number(it.statsN).number(it.exposure);
    h.update(it.enemyGroup ?? '\u0000').update('\u001f').update(it.status).update('\u001f');
    for (let j = 0; j < it.key.length; j++) h.update(it.key[j]!).update('\u001d');
    h.update('\u001f');
    for (let j = 0; j < it.options.length; j++) h.update(it.options[j]!.label).update('\u001d');
    h.update('\u001e');
  }
  return `fnv1a64:${h.digest()}`;
}
