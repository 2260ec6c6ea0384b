import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SUBJECTIVE_MARKING,
  buildMarkingQueue,
  resolveSubjectiveMark,
  type SubjectiveAnswer,
  type SubjectiveMarkingConfig,
} from '../../scoring';

const cfg = DEFAULT_SUBJECTIVE_MARKING; // 2 markers, gap 20 % of the item, half up to 1 decimal

describe('two markers per subjective answer', () => {
  it('waits until both markers have marked', () => {
    expect(resolveSubjectiveMark({ maxMark: 10, marks: [{ examinerId: 'e1', mark: 6 }] }, cfg)).toMatchObject({
      status: 'awaitingMarkers',
      mark: null,
    });
  });

  it('takes the mean when the spread is within the gap, rounded half up', () => {
    const r = resolveSubjectiveMark({ maxMark: 10, marks: [{ examinerId: 'e1', mark: 6.5 }, { examinerId: 'e2', mark: 8 }] }, cfg);
    expect(r).toEqual({ status: 'agreed', mark: 7.3, mean: 7.3, spread: 1.5 });
  });

  it('treats a spread equal to the gap as agreed and one above it as a dispute for the leader', () => {
    expect(resolveSubjectiveMark({ maxMark: 10, marks: [{ examinerId: 'e1', mark: 6 }, { examinerId: 'e2', mark: 8 }] }, cfg).status).toBe('agreed');
    const disputed = resolveSubjectiveMark({ maxMark: 10, marks: [{ examinerId: 'e1', mark: 5 }, { examinerId: 'e2', mark: 8 }] }, cfg);
    expect(disputed).toMatchObject({ status: 'needsLeader', mark: null, spread: 3 });
  });

  it('makes the leader mark final after a dispute', () => {
    const r = resolveSubjectiveMark(
      { maxMark: 10, marks: [{ examinerId: 'e1', mark: 5 }, { examinerId: 'e2', mark: 8 }], leader: { examinerId: 'L', mark: 7 } },
      cfg,
    );
    expect(r).toMatchObject({ status: 'leaderDecided', mark: 7, mean: 6.5 });
  });

  it('honours an absolute gap when configured', () => {
    const abs: SubjectiveMarkingConfig = { ...cfg, gap: { kind: 'absolute', marks: 4 } };
    expect(resolveSubjectiveMark({ maxMark: 10, marks: [{ examinerId: 'e1', mark: 5 }, { examinerId: 'e2', mark: 8 }] }, abs).status).toBe('agreed');
  });

  it('refuses records that break the protocol', () => {
    const two = [{ examinerId: 'e1', mark: 6 }, { examinerId: 'e2', mark: 7 }];
    expect(() => resolveSubjectiveMark({ maxMark: 10, marks: [{ examinerId: 'e1', mark: 6 }, { examinerId: 'e1', mark: 7 }] }, cfg)).toThrow(/重复评分/);
    expect(() => resolveSubjectiveMark({ maxMark: 10, marks: two, leader: { examinerId: 'L', mark: 7 } }, cfg)).toThrow(/不需要组长裁定/);
    expect(() =>
      resolveSubjectiveMark({ maxMark: 10, marks: [{ examinerId: 'e1', mark: 2 }, { examinerId: 'e2', mark: 9 }], leader: { examinerId: 'e2', mark: 9 } }, cfg),
    ).toThrow(/回避/);
    expect(() => resolveSubjectiveMark({ maxMark: 10, marks: [{ examinerId: 'e1', mark: 12 }] }, cfg)).toThrow(/0–10/);
  });
});

describe('anonymous marking queue', () => {
  const answers: SubjectiveAnswer[] = [
    {
      answerId: 'ans-7f3a',
      itemKey: 'q1@1',
      maxMark: 10,
      text: '答：先断开电源……',
      marks: [],
      attemptId: 'att-1',
      candidateId: 'c-1',
      candidateName: '王小明',
      idNumber: '11010519491231002X',
      ticketNumber: '2024360100001',
      seat: '01',
    },
    {
      answerId: 'ans-19bc',
      itemKey: 'q1@1',
      maxMark: 10,
      text: '答：验电后挂接地线……',
      marks: [{ examinerId: 'e1', mark: 6 }],
      candidateName: '李华',
      idNumber: '110105199001011234',
    },
    {
      answerId: 'ans-c04d',
      itemKey: 'q1@1',
      maxMark: 10,
      text: '答：……',
      marks: [
        { examinerId: 'e1', mark: 2 },
        { examinerId: 'e2', mark: 9 },
      ],
      candidateName: '赵六',
    },
  ];

  it('shows a marker only opaque answer ids, never a name, ID number, ticket or seat', () => {
    const queue = buildMarkingQueue(answers, { examinerId: 'e2', role: 'marker' }, cfg, 'batch-1:e2');
    expect(queue.map((q) => q.answerId).sort()).toEqual(['ans-19bc', 'ans-7f3a']);
    const json = JSON.stringify(queue);
    for (const secret of ['王小明', '李华', '11010519491231002X', '2024360100001', 'att-1', 'c-1']) expect(json).not.toContain(secret);
    for (const entry of queue) {
      expect(Object.keys(entry).sort()).toEqual(['answerId', 'itemKey', 'maxMark', 'task', 'text']);
    }
  });

  it('hides the first mark from the second marker and skips answers the examiner already marked', () => {
    const queue = buildMarkingQueue(answers, { examinerId: 'e1', role: 'marker' }, cfg, 's');
    expect(queue).toEqual([{ answerId: 'ans-7f3a', itemKey: 'q1@1', maxMark: 10, text: '答：先断开电源……', task: 'firstMark' }]);
    const second = buildMarkingQueue(answers, { examinerId: 'e3', role: 'marker' }, cfg, 's').find((q) => q.answerId === 'ans-19bc');
    expect(second).toEqual({ answerId: 'ans-19bc', itemKey: 'q1@1', maxMark: 10, text: '答：验电后挂接地线……', task: 'secondMark' });
  });

  it('gives the leader only the disputed answers, with both marks', () => {
    const queue = buildMarkingQueue(answers, { examinerId: 'L', role: 'leader' }, cfg, 's');
    expect(queue).toEqual([{ answerId: 'ans-c04d', itemKey: 'q1@1', maxMark: 10, text: '答：……', task: 'leader', priorMarks: [2, 9] }]);
  });

  it('orders the queue by the seed, not by the input (seat) order, reproducibly', () => {
    const many: SubjectiveAnswer[] = Array.from({ length: 30 }, (_, i) => ({
      answerId: `a${String(i).padStart(2, '0')}`,
      itemKey: 'q1@1',
      maxMark: 10,
      text: 't',
      marks: [],
    }));
    const one = buildMarkingQueue(many, { examinerId: 'e1', role: 'marker' }, cfg, 'seed-A').map((q) => q.answerId);
    const again = buildMarkingQueue(many, { examinerId: 'e1', role: 'marker' }, cfg, 'seed-A').map((q) => q.answerId);
    expect(again).toEqual(one);
    expect(one).not.toEqual(many.map((a) => a.answerId));
    expect([...one].sort()).toEqual(many.map((a) => a.answerId));
  });
});
