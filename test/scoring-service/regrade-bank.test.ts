import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../question-bank/types';
import { dialects } from '../support/databases';
import { makeTestApp, type TestApp } from '../support/app';

const DIALECTS = await dialects();

describe.each(DIALECTS)('a key correction reaches the question bank (%s)', (dialect) => {
  let t: TestApp;
  let office: string;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    office = await t.login('office');
  });
  afterAll(async () => t?.close());

  it('the corrected key becomes a new version of the bank item, so later papers cannot pin the wrong key', async () => {
    const paperRow = await t.db.db.selectFrom('papers').select(['id', 'content_json']).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const paper = JSON.parse(paperRow.content_json) as Paper;
    const item = paper.items.find((i) => i.type === 'single')!;
    const wrong = item.optionLabels.find((l) => !item.key.includes(l))!;
    const corrections = [{ itemId: item.itemId, version: item.version, key: [wrong], reason: '原答案有误' }];
    const preview = await t.call('POST', '/api/scoring/regrade/preview', { cookie: office, body: { corrections } });
    expect(preview.status).toBe(200);
    const applied = await t.call('POST', '/api/scoring/regrade/apply', { cookie: office, body: { corrections, expect: preview.body.fingerprint } });
    expect(applied.status).toBe(200);

    const versions = await t.db.db.selectFrom('items').selectAll().where('item_uid', '=', item.itemId).orderBy('version').execute();
    const latest = versions.at(-1)!;
    expect(latest.version).toBe(item.version + 1);
    expect(JSON.parse(latest.key_json)).toEqual([wrong]);
    expect(latest.is_latest).toBe(1);
    expect(versions.find((v) => v.version === item.version)!.is_latest).toBe(0);
    // The paper keeps pinning the version candidates saw, now with the corrected key.
    const stored = JSON.parse((await t.db.db.selectFrom('papers').select('content_json').where('id', '=', paperRow.id).executeTakeFirstOrThrow()).content_json) as Paper;
    const pinned = stored.items.find((i) => i.itemId === item.itemId)!;
    expect(pinned.version).toBe(item.version);
    expect(pinned.key).toEqual([wrong]);
    const audit = await t.db.db.selectFrom('audit_log').select('after_json').where('action', '=', 'scoring.regrade').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!).bankVersions).toEqual({ [`${item.itemId}@${item.version}`]: item.version + 1 });
  });
});
