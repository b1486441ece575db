import { AudienceRepository } from '../../src/audience/audience.repository';
import { AudienceService } from '../../src/audience/audience.service';
import { randomBytes } from 'node:crypto';
import { Test, TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  CallbackEventEntity,
  CallbackEventStatus,
} from '../../src/callbacks/entities/callback-event.entity';
import { CustomerEventHandler } from '../../src/customers/customer-event.handler';
import { CustomerMirrorService } from '../../src/customers/customer-mirror.service';
import { CustomerCountRepository } from '../../src/customers/customer-count.repository';
import { CustomerCountsService } from '../../src/customers/customer-counts.service';
import { CustomerStatsRepository } from '../../src/customers/customer-stats.repository';
import { CustomerTimelineService } from '../../src/customers/customer-timeline.service';
import { DomainEventBus } from '../../src/events/domain-event-bus';
import { TagMarkRepository } from '../../src/tags/tag-mark.repository';
import { TagMarkService } from '../../src/tags/tag-mark.service';
import { TagService } from '../../src/tags/tag.service';
import { StaffService } from '../../src/staff/staff.service';
import { GroupService } from '../../src/groups/group.service';
import { CustomerTimelineRepository } from '../../src/customers/customer-timeline.repository';
import { CustomerRepository } from '../../src/customers/customer.repository';
import { CustomersService } from '../../src/customers/customers.service';
import { FollowStatus } from '../../src/customers/entities/follow-relation.entity';
import { FollowRelationRepository } from '../../src/customers/follow-relation.repository';
import { MirrorTransactionRepository } from '../../src/customers/mirror-transaction.repository';
import { testDataSourceOptions } from '../support/test-database';
import { WecomApiException } from '../../src/wecom/wecom-api.exception';
import type { InboxEvent } from '../../src/callbacks/callback-event-handler.registry';
import { inboxEvent } from '../../src/common/testing/inbox-event';
import type { CustomerEvent } from '../../src/customers/customer-event.handler';
import { CorpTagsClient } from '../../src/wecom/areas/corp-tags.client';
import { ExternalContactsClient } from '../../src/wecom/areas/external-contacts.client';
import type {
  BatchCustomer,
  ExternalContactGetResponse,
  FollowUser,
} from '../../src/wecom/areas/external-contacts.types';

type CustomerInbox = InboxEvent<CustomerEvent>;

/** What the fake WeCom answers to externalcontact/get: relations per customer (none = 84061). */
class FakeWecom {
  follows = new Map<string, FollowUser[]>();
  calls = 0;
  async getExternalContact(_corpId: string, ext: string): Promise<ExternalContactGetResponse> {
    this.calls++;
    const list = this.follows.get(ext) ?? [];
    if (!list.length)
      throw WecomApiException.fromResponse('externalcontact/get', 84061, 'not external contact');
    return {
      errcode: 0,
      errmsg: 'ok',
      external_contact: { external_userid: ext, name: `name-${ext}`, type: 1, gender: 2 },
      follow_user: list.map((f) => ({ ...f })),
    };
  }
}

/**
 * The change_external_contact handlers against the real MariaDB: replays change nothing, events
 * out of order never resurrect a deleted relation, a newer add re-activates it.
 */
describe('customer mirror handlers (MariaDB)', () => {
  let moduleRef: TestingModule;
  let db: DataSource;
  let handler: CustomerEventHandler;
  let mirror: CustomerMirrorService;
  let reads: CustomersService;
  const wecom = new FakeWecom();
  const corpId = `wwit${randomBytes(5).toString('hex')}`;
  let nextEventId = 1000;

  const event = (
    changeType: string,
    ext: string,
    userId: string,
    createTime: number,
    extra: Record<string, unknown> = {},
    id = String(nextEventId++),
  ): CustomerInbox =>
    inboxEvent<CustomerEvent>(
      Object.assign(new CallbackEventEntity(), {
        id,
        corpId,
        dedupeKey: id,
        event: 'change_external_contact',
        changeType,
        createTime,
        payload: { UserID: userId, ExternalUserID: ext, ...extra },
        status: CallbackEventStatus.Processing,
        attempts: 1,
        lastError: null,
        receivedAt: new Date(),
        processedAt: null,
      }),
    );
  const relation = async (ext: string, userId: string) =>
    (
      await db.query(
        'SELECT status, state, remark, last_event_time AS t FROM follow_relation WHERE corp_id = ? AND external_user_id = ? AND user_id = ?',
        [corpId, ext, userId],
      )
    )[0] as { status: string; state: string | null; remark: string; t: number } | undefined;
  const timeline = async (ext: string) =>
    (
      (await db.query(
        'SELECT kind, user_id AS userId FROM customer_timeline WHERE corp_id = ? AND external_user_id = ? ORDER BY id',
        [corpId, ext],
      )) as { kind: string; userId: string }[]
    ).map((r) => r.kind);
  const marks = async (ext: string, userId: string) =>
    (
      (await db.query(
        'SELECT tag_id AS tagId, source FROM customer_tag WHERE corp_id = ? AND external_user_id = ? AND user_id = ? ORDER BY tag_id',
        [corpId, ext, userId],
      )) as { tagId: string; source: string }[]
    ).map((m) => `${m.tagId}:${m.source}`);
  const fu = (userid: string, over: Partial<FollowUser> = {}): FollowUser => ({
    userid,
    remark: '',
    description: '',
    createtime: 1_700_000_000,
    add_way: 1,
    oper_userid: 'x',
    tags: [],
    ...over,
  });
  const ext = () => `wm${randomBytes(8).toString('hex')}`;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [TypeOrmModule.forRoot(testDataSourceOptions(10))],
      providers: [
        MirrorTransactionRepository,
        CustomerRepository,
        FollowRelationRepository,
        CustomerTimelineRepository,
        CustomerTimelineService,
        TagMarkRepository,
        TagMarkService,
        DomainEventBus,
        { provide: TagService, useValue: { tagNames: async () => new Map() } },
        { provide: StaffService, useValue: { names: async () => new Map() } },
        { provide: GroupService, useValue: { membershipsOf: async () => [] } },
        CustomerMirrorService,
        CustomerCountRepository,
        CustomerStatsRepository,
        CustomerCountsService,
        CustomerEventHandler,
        AudienceRepository,
        AudienceService,
        CustomersService,
        { provide: ExternalContactsClient, useValue: wecom },
        { provide: CorpTagsClient, useValue: wecom },
      ],
    }).compile();
    db = moduleRef.get(DataSource);
    handler = moduleRef.get(CustomerEventHandler);
    mirror = moduleRef.get(CustomerMirrorService);
    reads = moduleRef.get(CustomersService);
    // the corp is counted from its first write on (the marker row; every test below keeps it)
    await moduleRef.get(CustomerCountsService).recount(corpId);
  });

  /** The counter's answers beside the SQL counts over the mirror, for every status filter. */
  const countsNow = async () => {
    const counts = moduleRef.get(CustomerCountsService);
    const audience = moduleRef.get(AudienceService);
    const filters = [[], ['deleted_by_customer'], ['deleted_by_staff', 'active']] as const;
    const counter = {
      total: await counts.activeCustomers(corpId),
      audience: await Promise.all(
        filters.map((s) => audience.count(corpId, s.length ? { relationStatus: [...s] } : {})),
      ),
    };
    const [{ n: total }] = await db.query(
      `SELECT COUNT(DISTINCT external_user_id) AS n FROM follow_relation
       WHERE corp_id = ? AND status = 'active'`,
      [corpId],
    );
    const sql = {
      total: Number(total),
      audience: await Promise.all(
        filters.map(async (s) => {
          const [{ n }] = await db.query(
            `SELECT COUNT(*) AS n FROM customer c WHERE c.corp_id = ? AND EXISTS (
               SELECT 1 FROM follow_relation r WHERE r.corp_id = c.corp_id
                 AND r.external_user_id = c.external_user_id AND r.status IN (?))`,
            [corpId, s.length ? s : ['active']],
          );
          return Number(n);
        }),
      ),
    };
    return { counter, sql };
  };

  afterAll(async () => {
    await moduleRef?.close();
  });

  it('the same add event three times: same state, one timeline entry', async () => {
    const c = ext();
    wecom.follows.set(c, [fu('lina', { state: 'shop', tags: [{ tag_id: 'et1', type: 1 }] })]);
    const add = event('add_external_contact', c, 'lina', 1000, { State: 'qr-1', WelcomeCode: 'w' });
    for (let i = 0; i < 3; i++) await handler.handle(add);
    expect(await relation(c, 'lina')).toMatchObject({ status: 'active', state: 'qr-1', t: 1000 });
    expect(await timeline(c)).toEqual(['added']);
    expect(await marks(c, 'lina')).toEqual(['et1:wecom']);
    const [{ n }] = await db.query(
      'SELECT COUNT(*) AS n FROM customer WHERE corp_id = ? AND external_user_id = ?',
      [corpId, c],
    );
    expect(Number(n)).toBe(1);
  });

  it('the same delete event three times: one timeline entry', async () => {
    const c = ext();
    wecom.follows.set(c, [fu('lina')]);
    await handler.handle(event('add_external_contact', c, 'lina', 1000));
    wecom.follows.set(c, []);
    const del = event('del_external_contact', c, 'lina', 1010);
    for (let i = 0; i < 3; i++) await handler.handle(del);
    expect(await relation(c, 'lina')).toMatchObject({ status: 'deleted_by_staff', t: 1010 });
    expect(await timeline(c)).toEqual(['added', 'deleted_by_staff']);
  });

  it('announces RelationAdded and RelationRemoved (who deleted whom) once, after the commit', async () => {
    const bus = moduleRef.get(DomainEventBus);
    const seen: string[] = [];
    const c = ext();
    bus.on('RelationAdded', (e) => {
      if (e.externalUserId === c) seen.push(`added:${e.userId}:${e.state}:${e.via}`);
    });
    bus.on('RelationRemoved', (e) => {
      if (e.externalUserId === c) seen.push(`removed:${e.userId}:${e.removedBy}`);
    });
    wecom.follows.set(c, [fu('lina'), fu('wangwu')]);
    const add = event('add_external_contact', c, 'lina', 3000, { State: 'qr-9' });
    await handler.handle(add);
    await handler.handle(add); // a replay: nothing new to announce
    wecom.follows.set(c, [fu('wangwu')]);
    await handler.handle(event('del_follow_user', c, 'lina', 3010));
    wecom.follows.set(c, []);
    await handler.handle(event('del_external_contact', c, 'wangwu', 3020));
    expect(seen).toEqual([
      'added:lina:qr-9:event',
      'added:wangwu:null:event',
      'removed:lina:customer',
      'removed:wangwu:staff',
    ]);
  });

  it('a delete that arrives before its add is not resurrected by the older add', async () => {
    const c = ext();
    // WeCom's detail still lagging behind (reports the relation) is the hardest case
    wecom.follows.set(c, [fu('lina')]);
    await handler.handle(event('del_follow_user', c, 'lina', 2000));
    await handler.handle(event('add_external_contact', c, 'lina', 1990, { State: 'qr-2' }));
    expect(await relation(c, 'lina')).toMatchObject({
      status: 'deleted_by_customer',
      state: 'qr-2',
      t: 2000,
    });
    // and with WeCom consistent (no relation left)
    const d = ext();
    await handler.handle(event('del_follow_user', d, 'lina', 2000));
    await handler.handle(event('add_external_contact', d, 'lina', 1990, { State: 'qr-3' }));
    expect(await relation(d, 'lina')).toMatchObject({
      status: 'deleted_by_customer',
      state: 'qr-3',
    });
    expect((await timeline(d)).sort()).toEqual(['added', 'deleted_by_customer']);
  });

  it('an add newer than the delete re-activates the relation', async () => {
    const c = ext();
    wecom.follows.set(c, [fu('lina')]);
    await handler.handle(event('add_external_contact', c, 'lina', 3000));
    wecom.follows.set(c, []);
    await handler.handle(event('del_follow_user', c, 'lina', 3010));
    wecom.follows.set(c, [fu('lina', { createtime: 3020 })]);
    await handler.handle(event('add_external_contact', c, 'lina', 3020));
    expect(await relation(c, 'lina')).toMatchObject({ status: 'active', t: 3020 });
    // the old delete replayed afterwards changes nothing
    await handler.handle(event('del_follow_user', c, 'lina', 3010));
    expect(await relation(c, 'lina')).toMatchObject({ status: 'active', t: 3020 });
  });

  it('an edit records remark and tag changes once; WeCom is the truth for marks', async () => {
    const c = ext();
    wecom.follows.set(c, [fu('lina', { remark: 'a', tags: [{ tag_id: 'et1', type: 1 }] })]);
    await handler.handle(event('add_external_contact', c, 'lina', 4000));
    await db.query(
      `INSERT INTO customer_tag (corp_id, external_user_id, user_id, tag_id, source) VALUES (?, ?, 'lina', 'et9', 'manual'), (?, ?, 'lina', 'et2', 'channel')`,
      [corpId, c, corpId, c],
    );
    wecom.follows.set(c, [
      fu('lina', {
        remark: 'b',
        tags: [
          { tag_id: 'et2', type: 1 },
          { tag_id: 'et3', type: 1 },
        ],
      }),
    ]);
    const edit = event('edit_external_contact', c, 'lina', 4010);
    await handler.handle(edit);
    await handler.handle(edit);
    expect(await relation(c, 'lina')).toMatchObject({ remark: 'b' });
    expect(await marks(c, 'lina')).toEqual(['et2:channel', 'et3:wecom']);
    expect(await timeline(c)).toEqual(['added', 'remark_changed', 'tag_added', 'tag_removed']);
    // the removals made in WeCom are recorded (a chat rule re-marks et1 or et9 only from a
    // message sent later)
    const removals = await moduleRef.get(TagMarkService).removalsOfCustomers(corpId, [c]);
    expect([...removals.keys()].sort()).toEqual([`${c}|lina|et1`, `${c}|lina|et9`]);
    expect(Math.abs([...removals.values()][0] - Date.now())).toBeLessThan(60_000);
  });

  it('transfer_fail and DELETE_BY_TRANSFER go on the timeline', async () => {
    const c = ext();
    wecom.follows.set(c, [fu('lina')]);
    await handler.handle(event('add_external_contact', c, 'lina', 5000));
    const fail = event('transfer_fail', c, 'wangfang', 5010, { FailReason: 'customer_refused' });
    await handler.handle(fail);
    await handler.handle(fail);
    expect(await relation(c, 'lina')).toMatchObject({ status: 'active' });
    await handler.handle(
      event('del_external_contact', c, 'lina', 5020, { Source: 'DELETE_BY_TRANSFER' }),
    );
    expect(await relation(c, 'lina')).toMatchObject({ status: 'transferred_out' });
    expect(await timeline(c)).toEqual(['added', 'transfer_failed', 'transferred_out']);
  });

  it('concurrent add and delete of one relation end in the newer one, whatever the interleaving', async () => {
    for (let round = 0; round < 5; round++) {
      const c = ext();
      wecom.follows.set(c, [fu('lina')]); // lagging detail: the add alone would say active
      const add = event('add_external_contact', c, 'lina', 6000);
      const del = event('del_follow_user', c, 'lina', 6001);
      await Promise.all(
        round % 2
          ? [handler.handle(add), handler.handle(del)]
          : [handler.handle(del), handler.handle(add)],
      );
      expect(await relation(c, 'lina')).toMatchObject({ status: 'deleted_by_customer', t: 6001 });
    }
  });

  it('a batch of many customers reads each customer once and ends as the events one by one would', async () => {
    const customers = Array.from({ length: 20 }, () => ext());
    for (const c of customers) wecom.follows.set(c, [fu('lina', { remark: `final-${c}` })]);
    const broken = customers[0];
    const events = customers.flatMap((c) => [
      event('add_external_contact', c, 'lina', 7000, { State: 'qr-batch' }),
      event('edit_external_contact', c, 'lina', 7001),
      event('del_follow_user', c, 'mona', 7002),
      event('edit_external_contact', c, 'lina', 7003),
    ]);
    const original = wecom.getExternalContact.bind(wecom);
    wecom.getExternalContact = async (corp: string, id: string) => {
      if (id === broken) throw new Error('WeCom is down for this one');
      return original(corp, id);
    };
    const callsBefore = wecom.calls;
    let failed: Map<string, Error>;
    try {
      // delivered out of order
      failed = await handler.handleBatch([...events].reverse());
    } finally {
      wecom.getExternalContact = original;
    }
    expect(wecom.calls - callsBefore).toBe(19); // one read per customer, not per event
    // only the broken customer's adds and edits failed; its delete was applied
    expect([...failed.keys()].sort()).toEqual(
      events
        .filter((e) => e.payload.ExternalUserID === broken && e.changeType !== 'del_follow_user')
        .map((e) => e.id)
        .sort(),
    );
    expect(await relation(broken, 'mona')).toMatchObject({ status: 'deleted_by_customer' });
    for (const c of customers.slice(1)) {
      expect(await relation(c, 'lina')).toMatchObject({
        status: 'active',
        state: 'qr-batch',
        remark: `final-${c}`,
        t: 7003,
      });
      expect(await relation(c, 'mona')).toMatchObject({ status: 'deleted_by_customer', t: 7002 });
      expect((await timeline(c)).sort()).toEqual(['added', 'deleted_by_customer']);
    }
    // a replay of the whole batch changes nothing
    await handler.handleBatch(events.filter((e) => e.payload.ExternalUserID !== broken));
    expect(await timeline(customers[1])).toHaveLength(2);
  });

  it('applySnapshots: 100 customers in one call, with few statements', async () => {
    const items: BatchCustomer[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      const id = ext();
      ids.push(id);
      items.push({
        external_contact: { external_userid: id, name: `batch-${i}`, type: 1 },
        follow_info: {
          userid: i % 2 ? 'lina' : 'zhangwei',
          createtime: 1_600_000_000 + i,
          tag_id: ['et1'],
          state: i % 10 === 0 ? 'batch-ch' : undefined,
        },
      });
    }
    const queries: string[] = [];
    const original = db.driver.createQueryRunner.bind(db.driver);
    const spy = jest.spyOn(db.driver, 'createQueryRunner').mockImplementation((mode) => {
      const qr = original(mode);
      const q = qr.query.bind(qr);
      qr.query = ((sql: string, ...rest: unknown[]) => {
        queries.push(sql);
        return (q as (...a: unknown[]) => unknown)(sql, ...rest);
      }) as typeof qr.query;
      return qr;
    });
    const res = await mirror.applySnapshots(corpId, items, 1_700_000_000);
    spy.mockRestore();
    expect(res).toMatchObject({ customers: 100, relationsWritten: 100, marksAdded: 100 });
    expect(
      queries.filter((q) => !/^(START|COMMIT|SET)/i.test(q.trim())).length,
    ).toBeLessThanOrEqual(14); // 8, the counter's 5 (classes before and after, deltas) and the first-added bound's 1
    // the read API pages over them newest added first (keyset), with relation filters
    const page1 = await reads.list({ corpId, q: 'batch-', limit: 30 });
    expect(page1.items).toHaveLength(30);
    const page2 = await reads.list({ corpId, q: 'batch-', limit: 30, cursor: page1.nextCursor! });
    expect(page2.items[0].addedAt! <= page1.items[29].addedAt!).toBe(true);
    expect(page2.items.some((c) => page1.items.some((p) => p.id === c.id))).toBe(false);
    const byState = await reads.list({ corpId, state: 'batch-ch', limit: 50 });
    expect(byState.items).toHaveLength(10);
    const byStaff = await reads.list({
      corpId,
      userId: 'lina',
      status: FollowStatus.Active,
      q: 'batch-',
      limit: 200,
    });
    expect(byStaff.items).toHaveLength(50);
    const detail = await reads.detail(corpId, ids[1]);
    expect(detail.follows[0]).toMatchObject({
      userId: 'lina',
      status: 'active',
      tags: [{ tagId: 'et1', source: 'sync' }],
    });
    const beforeClose = await countsNow();
    expect(beforeClose.counter).toEqual(beforeClose.sql);
    // the sync closes what it did not see
    expect(
      await mirror.closeRelationsNotSeenSince(corpId, ['zhangwei'], 1_700_000_001),
    ).toBeGreaterThanOrEqual(50);
  });

  it('the maintained counts equal the SQL counts after adds, deletes, re-adds, transfers and a sync', async () => {
    const check = async (when: string) => {
      const { counter, sql } = await countsNow();
      // and the invariant the audience's "added before" bound relies on: no relation of a
      // customer was added before the customer's first-added time
      const [{ n: early }] = await db.query(
        `SELECT COUNT(*) AS n FROM customer c JOIN follow_relation r
           ON r.corp_id = c.corp_id AND r.external_user_id = c.external_user_id
         WHERE c.corp_id = ? AND r.added_at < c.added_at`,
        [corpId],
      );
      expect({ when, ...counter, early: Number(early) }).toEqual({ when, ...sql, early: 0 });
    };
    await check('after the tests above');
    const [a, b, c, d] = [ext(), ext(), ext(), ext()];
    wecom.follows.set(a, [fu('lina'), fu('mona')]);
    wecom.follows.set(b, [fu('lina')]);
    wecom.follows.set(c, [fu('zhangwei')]);
    wecom.follows.set(d, [fu('lina')]);
    // adds of different customers at once (sharded counter rows, no update lost)
    await Promise.all([
      handler.handle(event('add_external_contact', a, 'lina', 9000)),
      handler.handle(event('add_external_contact', a, 'mona', 9000)),
      handler.handle(event('add_external_contact', b, 'lina', 9000)),
      handler.handle(event('add_external_contact', c, 'zhangwei', 9000)),
      handler.handle(event('add_external_contact', d, 'lina', 9000)),
    ]);
    await check('adds');
    // many more at once (10 connections): writers share the corp's counter rows, none is lost
    const many = Array.from({ length: 60 }, () => ext());
    for (const id of many) wecom.follows.set(id, [fu('lina'), fu('mona')]);
    await Promise.all(
      many.flatMap((id, i) => [
        handler.handle(event('add_external_contact', id, 'lina', 9001 + i)),
        handler.handle(event('add_external_contact', id, 'mona', 9001 + i)),
      ]),
    );
    await check('60 customers added by two staff each, all at once');
    // a keeps mona; b leaves (deleted by the customer); c is deleted by staff
    wecom.follows.set(a, [fu('mona')]);
    await handler.handle(event('del_follow_user', a, 'lina', 9010));
    wecom.follows.set(b, []);
    await handler.handle(event('del_follow_user', b, 'lina', 9010));
    wecom.follows.set(c, []);
    await handler.handle(event('del_external_contact', c, 'zhangwei', 9010));
    await check('deletes');
    // b re-adds lina; replays change nothing
    wecom.follows.set(b, [fu('lina')]);
    const readd = event('add_external_contact', b, 'lina', 9020);
    await handler.handle(readd);
    await handler.handle(readd);
    await check('a re-add and its replay');
    // an add WeCom no longer reports keeps the event's time as the relation's (the ensure path),
    // earlier than the customer's first add WeCom reported: first_added_at follows it
    const e = ext();
    wecom.follows.set(e, [fu('mona')]);
    await handler.handle(event('add_external_contact', e, 'mona', 9021));
    await handler.handle(event('add_external_contact', e, 'lina', 9022, { State: 'qr-gone' }));
    expect(await relation(e, 'lina')).toMatchObject({ state: 'qr-gone' });
    await check('an add WeCom no longer reports');
    // d is handed over from lina to wangfang (在职继承)
    wecom.follows.set(d, [fu('wangfang')]);
    await mirror.recordHandover(corpId, await wecom.getExternalContact(corpId, d), {
      fromUserId: 'lina',
      observedAt: 9030,
      ref: 'handover-test',
    });
    expect(await relation(d, 'lina')).toMatchObject({ status: 'transferred_out' });
    await check('a handover');
    // a full sync that sees only a and d, then closes lina's unseen relations
    await mirror.applySnapshots(
      corpId,
      [a, d].map((id) => ({
        external_contact: { external_userid: id, name: id, type: 1 },
        follow_info: { userid: id === a ? 'mona' : 'wangfang', createtime: 1_600_000_000 },
      })),
      9040,
    );
    await mirror.closeRelationsNotSeenSince(corpId, ['lina'], 9040);
    await check('a full sync');
  });
});
