import { randomBytes } from 'node:crypto';
import { Test, TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CallbackEventRepository } from '../../src/callbacks/callback-event.repository';
import { toCallbackEventResponse } from '../../src/callbacks/dto/callback-event.dto';
import {
  CallbackEventEntity,
  CallbackEventStatus,
} from '../../src/callbacks/entities/callback-event.entity';
import { testDataSourceOptions } from '../support/test-database';

/**
 * The inbox's claim protocol against the real MariaDB: concurrent claims never overlap, only the
 * claiming batch settles its events, failures back off and end as failed after the last attempt,
 * and the claims of a dead worker are taken back.
 */
describe('callback inbox claims (MariaDB)', () => {
  let moduleRef: TestingModule;
  let db: DataSource;
  let inbox: CallbackEventRepository;
  const corpId = `wwinbox${randomBytes(4).toString('hex')}`;
  const policy = { maxAttempts: 2, backoffMs: 60_000 };

  const store = async (n: number) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++)
      ids.push(
        (
          await inbox.insertIfNew({
            corpId,
            dedupeKey: randomBytes(32).toString('hex'),
            event: 'scrm_probe',
            changeType: '',
            createTime: 1_700_000_000 + i,
            payload: { i },
          })
        ).id,
      );
    return ids;
  };
  const row = async (id: string) =>
    (
      await db.query(
        `SELECT status, attempts, claim_token AS token, last_error AS lastError,
           TIMESTAMPDIFF(SECOND, NOW(3), available_at) AS dueIn
         FROM callback_event WHERE id = ?`,
        [id],
      )
    )[0] as {
      status: string;
      attempts: number;
      token: string | null;
      lastError: string | null;
      dueIn: number;
    };
  /** Claims only this test's events (others of the shared database are left pending). */
  const claim = async (limit: number, token: string) => {
    const got = await inbox.claimBatch(limit, token);
    const foreign = got.filter((e) => e.corpId !== corpId).map((e) => e.id);
    if (foreign.length)
      await db.query(
        `UPDATE callback_event SET status = 'pending', claim_token = NULL WHERE id IN (?)`,
        [foreign],
      );
    return got.filter((e) => e.corpId === corpId);
  };

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRoot(testDataSourceOptions(10)),
        TypeOrmModule.forFeature([CallbackEventEntity]),
      ],
      providers: [CallbackEventRepository],
    }).compile();
    db = moduleRef.get(DataSource);
    inbox = moduleRef.get(CallbackEventRepository);
    // leave nothing of other suites due, so every claim here sees this test's rows only
    await db.query(
      `UPDATE callback_event SET status = 'done' WHERE status IN ('pending', 'processing')`,
    );
  });

  // and again before each test: work of an earlier suite that outlived it (a loop past its
  // timeout, a worker closed mid-batch) may have left events due or claimed since
  beforeEach(async () => {
    await db.query(
      `UPDATE callback_event SET status = 'done'
       WHERE corp_id <> ? AND status IN ('pending', 'processing')`,
      [corpId],
    );
  });

  afterAll(async () => {
    await moduleRef?.close();
  });

  it('stores 44 concurrent events (group commit) and tells each caller exactly whether it was new', async () => {
    const key = () => randomBytes(32).toString('hex');
    const old = key();
    const [before] = await inbox.insertMany([
      { corpId, dedupeKey: old, event: 'scrm_probe', changeType: '', createTime: 1, payload: {} },
    ]);
    const keys = Array.from({ length: 40 }, key);
    const events = [...keys, keys[3], keys[3], old, keys[7]].map((dedupeKey, i) => ({
      corpId,
      dedupeKey,
      event: 'scrm_probe',
      changeType: '',
      createTime: 1_700_000_000 + i,
      payload: { i },
    }));
    const stored = await Promise.all(events.map((e) => inbox.insertIfNew(e)));
    const rows: { id: string; dedupe_key: string }[] = await db.query(
      'SELECT id, dedupe_key FROM callback_event WHERE corp_id = ? AND dedupe_key IN (?)',
      [corpId, [...keys, old]],
    );
    const idOf = new Map(rows.map((r) => [r.dedupe_key, String(r.id)]));
    expect(rows).toHaveLength(41); // one row per distinct event
    stored.forEach((s, i) => expect(s.id).toBe(idOf.get(events[i].dedupeKey)));
    expect(stored.filter((s) => s.inserted)).toHaveLength(40); // the 40 new keys, once each
    expect([stored[3], stored[40], stored[41]].filter((x) => x.inserted)).toHaveLength(1);
    expect(stored[42]).toEqual({ id: before.id, inserted: false }); // stored before
    // a multi-row insert with a duplicate inside and one already stored
    const more = [key(), key()];
    const many = await inbox.insertMany(
      [more[0], more[1], more[0], old].map((dedupeKey) => ({
        corpId,
        dedupeKey,
        event: 'scrm_probe',
        changeType: '',
        createTime: 2,
        payload: {},
      })),
    );
    expect(many.map((m) => m.inserted)).toEqual([true, true, false, false]);
    expect(many[2].id).toBe(many[0].id);
    expect(many[3].id).toBe(before.id);
    await db.query(`UPDATE callback_event SET status = 'done' WHERE corp_id = ?`, [corpId]);
  });

  it('claims due events oldest first, and concurrent claims never take the same event', async () => {
    const ids = await store(60);
    const claims = await Promise.all([claim(25, 'a'), claim(25, 'b'), claim(25, 'c')]);
    const taken = claims.flatMap((c) => c.map((e) => e.id));
    expect(new Set(taken).size).toBe(taken.length); // no event in two batches
    expect(taken.sort()).toEqual([...ids].sort());
    expect(claims.map((c) => c.length).sort((x, y) => x - y)).toEqual([10, 25, 25]);
    expect((await claim(25, 'd')).length).toBe(0);
    const first = claims.find((c) => c.length === 25 && c[0].id === ids[0]) ?? claims[0];
    expect(first[0]).toMatchObject({
      status: CallbackEventStatus.Processing,
      attempts: 1,
      payload: { i: 0 },
    });
    expect(await row(ids[0])).toMatchObject({ status: 'processing', attempts: 1 });
    for (const [i, c] of claims.entries())
      await inbox.settle(
        c.map((e) => e.id),
        'abc'[i],
        CallbackEventStatus.Done,
      );
  });

  it('lets only the claiming batch settle its events', async () => {
    const [id] = await store(1);
    const [e] = await claim(10, 'mine');
    expect(e.id).toBe(id);
    await inbox.settle([id], 'someone-else', CallbackEventStatus.Done);
    expect((await row(id)).status).toBe('processing');
    await inbox.settle([id], 'mine', CallbackEventStatus.Done);
    expect(await row(id)).toMatchObject({ status: 'done', token: null });
  });

  it('backs a failed event off, and keeps it as failed after its last attempt', async () => {
    const [id] = await store(1);
    await claim(10, 't1');
    await inbox.retryLater([id], 't1', 'WeCom said 45009', policy);
    const first = await row(id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastError: 'WeCom said 45009' });
    expect(Number(first.dueIn)).toBeGreaterThanOrEqual(58); // backoffMs × 2^0
    // the event log shows admins when the next attempt is due
    const view = toCallbackEventResponse((await inbox.findById(id))!);
    expect(Date.parse(view.nextAttemptAt!) - Date.now()).toBeGreaterThan(55_000);
    expect(await claim(10, 't2')).toEqual([]); // not due yet
    await db.query('UPDATE callback_event SET available_at = NOW(3) WHERE id = ?', [id]);
    await claim(10, 't3');
    await inbox.retryLater([id], 't3', 'WeCom said 45009 again', policy);
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 2 });
    expect(toCallbackEventResponse((await inbox.findById(id))!).nextAttemptAt).toBeNull();
    // a replay makes it due again with a fresh set of attempts
    expect(await inbox.resetForReplay([id])).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    await inbox.settle([id], 'nobody', CallbackEventStatus.Done);
    await claim(10, 't4');
    await inbox.settle([id], 't4', CallbackEventStatus.Done);
  });

  it("takes back a dead worker's claims after the lease, unless the claim is renewed", async () => {
    const ids = await store(2);
    await claim(10, 'dead');
    await new Promise((r) => setTimeout(r, 1200));
    await inbox.renewClaim([ids[1]], 'dead');
    expect(await inbox.releaseExpiredClaims(1000, policy.maxAttempts)).toBe(1);
    expect(await row(ids[0])).toMatchObject({ status: 'pending', token: null });
    expect(await row(ids[1])).toMatchObject({ status: 'processing', token: 'dead' });
    expect(await inbox.hasDuePending()).toBe(true);
    // a replay leaves an event a batch holds alone
    expect(await inbox.resetForReplay([ids[1]])).toBe(0);
    const again = await claim(10, 'alive');
    expect(again.map((e) => e.id)).toEqual([ids[0]]);
    expect(again[0].attempts).toBe(2);
  });
});
