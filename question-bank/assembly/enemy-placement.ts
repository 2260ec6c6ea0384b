/**
 * Placing enemy items where a cell cannot be filled with free items alone. Which enemy items go to
 * which form is a small constraint problem (an enemy group may span cells, so it is not a flow):
 * solved exactly by depth-first search over the few enemy items of short cells — the cell with the
 * least slack first, combinations in index order (no duplicates), forward checking that every
 * short cell keeps enough placeable candidates, and empty forms treated as interchangeable —
 * with a node limit.
 */
import type { FormState } from './state';
import { enemyFree, place, unplace } from './state';

/** Search nodes before giving up and letting the greedy fallback try. */
const NODE_LIMIT = 100_000;

/**
 * Place enough enemy items that every cell's free items can fill the rest. `need[g]` = enemy items
 * cell g needs; `filled` tracks items per form and cell. Returns false (nothing placed) if no
 * placement exists or the node limit is hit.
 */
export function placeEnemies(st: FormState, enemies: number[][], need: Int32Array, filled: Int32Array): boolean {
  const { pool, k } = st;
  const G = pool.groups.length;
  const left = Int32Array.from(need);
  const nextIndex = new Int32Array(G);
  const perForm = new Int32Array(k);
  const cells: number[] = [];
  for (let g = 0; g < G; g++) if (need[g]! > 0) cells.push(g);
  let nodes = 0;
  const room = (f: number, g: number) => pool.groups[g]!.count - filled[f * G + g]!;

  /** Candidates of cell g still placeable somewhere; −1 marks a cell that can no longer be met. */
  const slack = (g: number): number => {
    let viable = 0;
    const list = enemies[g]!;
    for (let j = nextIndex[g]!; j < list.length; j++) {
      const v = list[j]!;
      if (st.mask[v] !== 0) continue;
      for (let f = 0; f < k; f++) {
        if (room(f, g) > 0 && enemyFree(st, f, v, -1)) {
          viable++;
          break;
        }
      }
    }
    return viable - left[g]!;
  };

  const dfs = (): boolean => {
    if (++nodes > NODE_LIMIT) return false;
    let g = -1;
    let best = Infinity;
    for (const h of cells) {
      if (left[h]! <= 0) continue;
      const s = slack(h);
      if (s < 0) return false;
      if (s < best) [g, best] = [h, s];
    }
    if (g < 0) return true;
    const list = enemies[g]!;
    const start = nextIndex[g]!;
    for (let j = start; j < list.length; j++) {
      const v = list[j]!;
      if (st.mask[v] !== 0) continue;
      let triedEmpty = false;
      for (let f = 0; f < k; f++) {
        if (room(f, g) <= 0 || !enemyFree(st, f, v, -1)) continue;
        // Forms holding nothing yet are interchangeable: trying one of them is enough.
        if (perForm[f] === 0) {
          if (triedEmpty) continue;
          triedEmpty = true;
        }
        place(st, f, st.groupStart[g]! + filled[f * G + g]!, v);
        filled[f * G + g]!++;
        perForm[f]!++;
        left[g]!--;
        nextIndex[g] = j + 1;
        if (dfs()) return true;
        nextIndex[g] = start;
        left[g]!++;
        perForm[f]!--;
        filled[f * G + g]!--;
        unplace(st, f, st.groupStart[g]! + filled[f * G + g]!);
        if (nodes > NODE_LIMIT) return false;
      }
    }
    return false;
  };
  return dfs();
}
