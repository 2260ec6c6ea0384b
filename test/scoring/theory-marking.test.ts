import { describe, expect, it } from 'vitest';
import { finalSubjectiveMarks, markAttempt, regrade, theorySourceMark, type StoredAttempt } from '../../scoring';
import { judge, multi, paperOf, single, subjective } from './fixtures';

describe('marking a theory attempt', () => {
  const paper = paperOf(
    [judge('j1', 'T'), judge('j2', 'F'), single('s1', 'B', 1), single('s2', 'D', 1), multi('m1', 'AC', 2), subjective('q1', 10)],
    { kind: 'partial', perOption: 0.5 },
  );

  it('grades each item, sums the total and waits for the subjective mark', () => {
    const r = markAttempt(paper, { 'j1@1': ['T'], 'j2@1': ['T'], 's1@1': ['B'], 'm1@1': ['A'], 'q1@1': '答：……' });
    expect(r.items.map((i) => [i.itemKey, i.state, i.mark])).toEqual([
      ['j1@1', 'correct', 0.5],
      ['j2@1', 'wrong', 0],
      ['s1@1', 'correct', 1],
      ['s2@1', 'unanswered', 0],
      ['m1@1', 'partial', 0.5],
      ['q1@1', 'needsMarking', 0],
    ]);
    expect(r.total).toBe(2);
    expect(r.maxTotal).toBe(15);
    expect(r.status).toBe('needsMarking');
    expect(r.pendingItems).toEqual(['q1@1']);
    expect(r.counts).toEqual({ correct: 2, partial: 1, wrong: 1, unanswered: 1, needsMarking: 1 });
    expect(() => theorySourceMark(r, 'att-1')).toThrow(/待评/);
  });

  it('completes once the examiners agree on the subjective item', () => {
    const { marks, pending } = finalSubjectiveMarks({
      'q1@1': { maxMark: 10, marks: [{ examinerId: 'e1', mark: 7 }, { examinerId: 'e2', mark: 8 }] },
    });
    expect(pending).toEqual([]);
    const r = markAttempt(paper, { 'j1@1': ['T'], 'q1@1': '答：……' }, marks);
    expect(r.status).toBe('complete');
    expect(r.total).toBe(0.5 + 7.5);
    expect(theorySourceMark(r, 'att-1').mark).toBe(Math.round((8 / 15) * 100 * 1e6) / 1e6);
  });

  it('uses the paper rule: the same response earns nothing under all-or-nothing', () => {
    const strict = paperOf([multi('m1', 'AC', 2)]);
    expect(markAttempt(strict, { 'm1@1': ['A'] }).total).toBe(0);
  });

  it('rejects a response for an item that is not on the paper', () => {
    expect(() => markAttempt(paper, { 'zz@1': ['A'] })).toThrow(/zz@1.*试卷中没有这道题/);
  });

  it('accepts responses as a Map as well as a record', () => {
    const r = markAttempt(paper, new Map([['s2@1', ['D']]]));
    expect(r.total).toBe(1);
  });
});

describe('regrading after a key correction (dry run)', () => {
  // Paper P1 carries the faulty item s1 (key B, should be C); P2 is a parallel form without it.
  const p1 = paperOf([judge('j1', 'T'), single('s1', 'B', 1), single('s2', 'A', 1)]);
  const p2 = paperOf([judge('j1', 'T'), single('s9', 'A', 1)]);
  const attempts: StoredAttempt[] = [
    { attemptId: 'a1', paperId: 'P1', responses: { 'j1@1': ['T'], 's1@1': ['B'], 's2@1': ['A'] } }, // loses 1
    { attemptId: 'a2', paperId: 'P1', responses: { 'j1@1': ['T'], 's1@1': ['C'] } }, // gains 1
    { attemptId: 'a3', paperId: 'P1', responses: { 's1@1': ['D'], 's2@1': ['A'] } }, // wrong either way
    { attemptId: 'a4', paperId: 'P1', responses: {} }, // unanswered either way
    { attemptId: 'a5', paperId: 'P2', responses: { 'j1@1': ['T'], 's9@1': ['A'] } }, // other paper
  ];

  it('lists exactly the attempts whose marks change, with old and new totals', () => {
    const plan = regrade({ P1: p1, P2: p2 }, [{ itemId: 's1', version: 1, key: ['C'] }], attempts);
    expect(plan.changed).toEqual([
      {
        attemptId: 'a1',
        paperId: 'P1',
        oldTotal: 2.5,
        newTotal: 1.5,
        delta: -1,
        items: [{ itemKey: 's1@1', oldMark: 1, newMark: 0, oldState: 'correct', newState: 'wrong' }],
      },
      {
        attemptId: 'a2',
        paperId: 'P1',
        oldTotal: 0.5,
        newTotal: 1.5,
        delta: 1,
        items: [{ itemKey: 's1@1', oldMark: 0, newMark: 1, oldState: 'wrong', newState: 'correct' }],
      },
    ]);
    expect(plan.unchangedCount).toBe(3);
  });

  it('writes nothing: the input papers keep their key and the corrected paper is returned separately', () => {
    const plan = regrade({ P1: p1, P2: p2 }, [{ itemId: 's1', version: 1, key: ['C'] }], attempts);
    expect(p1.items[1]!.key).toEqual(['B']);
    expect([...plan.correctedPapers.keys()]).toEqual(['P1']);
    expect(plan.correctedPapers.get('P1')!.items[1]!.key).toEqual(['C']);
  });

  it('accepting both options credits both answers and changes only the newly credited attempt', () => {
    const plan = regrade({ P1: p1, P2: p2 }, [{ itemId: 's1', version: 1, key: ['B', 'C'] }], attempts);
    expect(plan.changed.map((c) => c.attemptId)).toEqual(['a2']);
  });

  it('refuses a correction for an item on no paper, or with a label the item lacks', () => {
    expect(() => regrade({ P1: p1 }, [{ itemId: 's1', version: 2, key: ['C'] }], [])).toThrow(/s1@2/);
    expect(() => regrade({ P1: p1 }, [{ itemId: 's1', version: 1, key: ['F'] }], [])).toThrow(/不是本题的选项/);
    expect(() => regrade({ P1: p1 }, [{ itemId: 's1', version: 1, key: [] }], [])).toThrow(/不能为空/);
  });

  it('refuses an attempt on an unknown paper', () => {
    expect(() => regrade({ P1: p1 }, [{ itemId: 's1', version: 1, key: ['C'] }], [{ attemptId: 'x', paperId: 'P9', responses: {} }])).toThrow(
      /P9/,
    );
  });
});
