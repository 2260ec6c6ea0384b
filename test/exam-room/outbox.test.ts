import { describe, expect, it } from 'vitest';
import { Outbox, type KeyValueStore } from '../../client/src/candidate/outbox';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

describe('the candidate outbox', () => {
  it('keeps unsent answers across a crash (a new outbox on the same storage sees them) and never reuses a seq', () => {
    const store = memoryStore();
    const a = new Outbox(store, 7);
    a.put({ item: 'q1@1', seq: a.nextSeq(), value: ['A'], flagged: false });
    a.put({ item: 'q2@1', seq: a.nextSeq(), value: '答案', flagged: true });
    a.ack('q1@1', 1);
    // The browser crashed here; after the restart the page builds a new outbox.
    const b = new Outbox(store, 7);
    expect(b.entries()).toEqual([{ item: 'q2@1', seq: 2, value: '答案', flagged: true }]);
    expect(b.nextSeq()).toBe(3);
    b.atLeast(40); // the server had seen seq 40 (saved from another device)
    expect(b.nextSeq()).toBe(41);
    expect(new Outbox(store, 8).size).toBe(0); // another attempt's outbox is separate
  });

  it('keeps only the newest entry per item; an ack of an older seq does not remove a newer change', () => {
    const o = new Outbox(memoryStore(), 1);
    o.put({ item: 'q@1', seq: 1, value: ['A'], flagged: false });
    o.put({ item: 'q@1', seq: 2, value: ['B'], flagged: false });
    o.put({ item: 'q@1', seq: 1, value: ['C'], flagged: false }); // a late older write never wins
    expect(o.entries()).toEqual([{ item: 'q@1', seq: 2, value: ['B'], flagged: false }]);
    o.ack('q@1', 1);
    expect(o.size).toBe(1);
    o.ack('q@1', 2);
    expect(o.size).toBe(0);
  });

  it('ignores a corrupt stored outbox instead of failing the exam page', () => {
    const store = memoryStore();
    store.setItem('sc.outbox.3', '{not json');
    expect(new Outbox(store, 3).size).toBe(0);
  });
});
