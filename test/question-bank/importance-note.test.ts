import { describe, expect, it } from 'vitest';
import { importanceNote } from '../../question-bank/assembly';

const form = (X: number, Y: number, Z: number) => ({ importance: { X, Y, Z } });

describe('importanceNote: why the forms of a set differ in X/Y/Z', () => {
  it('says nothing when every level has the same count in every form', () => {
    expect(importanceNote([form(40, 40, 20), form(40, 40, 20), form(40, 40, 20)], 'snake-swap-pair/2')).toBeNull();
  });

  it('names the largest gap; a set from the old balancing is told to rebuild, a current one to add items', () => {
    const stats = [form(40, 40, 20), form(39, 40, 21), form(41, 38, 21)];
    expect(importanceNote(stats, 'snake-swap-pair/1')).toMatch(/^各卷 X\/Y\/Z 要素题量最多相差 2 题。.*重新组卷即可/);
    expect(importanceNote(stats, 'snake-swap-pair/2')).toMatch(/^各卷 X\/Y\/Z 要素题量最多相差 2 题。题库中缺少可替换的试题/);
  });
});
