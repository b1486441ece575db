import { FollowStatus } from './entities/follow-relation.entity';
import {
  CustomerSnapshot,
  RelationRow,
  STATUS_WHEN_MISSING,
  SnapshotFollow,
  TimelineKind,
  deleteStatus,
  emptySnapshot,
  planDelete,
  planSnapshots,
  snapshotFromDetail,
  snapshotsFromBatch,
} from './customer-mirror.rules';

const follow = (userId: string, over: Partial<SnapshotFollow> = {}): SnapshotFollow => ({
  userId,
  remark: 'r',
  description: '',
  remarkCorpName: '',
  remarkMobiles: null,
  addWay: 1,
  operUserId: 'wm1',
  state: null,
  addedAt: new Date(1_000_000),
  tagIds: [],
  ...over,
});
const row = (userId: string, over: Partial<RelationRow> = {}): RelationRow => ({
  id: '1',
  externalUserId: 'wm1',
  userId,
  remark: 'r',
  description: '',
  remarkCorpName: '',
  remarkMobiles: null,
  addWay: 1,
  operUserId: 'wm1',
  state: null,
  addedAt: new Date(1_000_000),
  status: FollowStatus.Active,
  deletedAt: null,
  lastEventTime: 100,
  ...over,
});
const snap = (follows: SnapshotFollow[], complete = true): CustomerSnapshot => ({
  externalUserId: 'wm1',
  contact: { external_userid: 'wm1', name: 'Lin', type: 1 },
  follows,
  complete,
});
const opts = (observedAt: number) => ({ observedAt, ref: 'e1', tagSource: 'wecom' as const });

describe('planSnapshots', () => {
  it('upserts a reported relation as active and raises lastEventTime', () => {
    const plan = planSnapshots([snap([follow('lina')])], [], [], opts(200));
    expect(plan.relations).toEqual([
      expect.objectContaining({ userId: 'lina', status: FollowStatus.Active, lastEventTime: 200 }),
    ]);
    expect(plan.timeline).toEqual([]); // a new relation: no remark/tag entries
  });

  it("puts a relation a full sync discovers on the timeline as added, at WeCom's createtime", () => {
    const sync = { observedAt: 200, ref: 'sync:7', tagSource: 'sync' as const };
    const found = follow('lina', { addedAt: new Date(1_700_000_000_000), state: 'ch_poster' });
    const plan = planSnapshots([snap([found])], [], [], sync);
    expect(plan.timeline).toEqual([
      {
        externalUserId: 'wm1',
        userId: 'lina',
        kind: TimelineKind.Added,
        detail: expect.objectContaining({ state: 'ch_poster', discoveredBy: 'sync' }),
        occurredAt: new Date(1_700_000_000_000),
        dedupeKey: 'added:wm1:lina:1700000000',
      },
    ]);
    // a relation the mirror has: no entry; the next sync run of the same relation: the same key
    expect(planSnapshots([snap([found])], [row('lina')], [], sync).timeline).toEqual([]);
    expect(
      planSnapshots([snap([found])], [], [], { ...sync, ref: 'sync:8' }).timeline[0].dedupeKey,
    ).toBe('added:wm1:lina:1700000000');
  });

  it('ignores a snapshot older than the relation (a newer delete wins)', () => {
    const existing = [row('lina', { status: FollowStatus.DeletedByCustomer, lastEventTime: 300 })];
    const plan = planSnapshots([snap([follow('lina')])], existing, [], opts(200));
    expect(plan.relations).toEqual([]);
  });

  it('re-activates a deleted relation when the snapshot is newer than the delete', () => {
    const existing = [row('lina', { status: FollowStatus.DeletedByCustomer, lastEventTime: 100 })];
    const plan = planSnapshots([snap([follow('lina')])], existing, [], opts(200));
    expect(plan.relations[0]).toMatchObject({ status: FollowStatus.Active, deletedAt: null });
  });

  it('ends an unreported relation only when its last event is older, keeping lastEventTime', () => {
    const existing = [row('lina', { lastEventTime: 100 }), row('wangfang', { lastEventTime: 300 })];
    const plan = planSnapshots([snap([])], existing, [], opts(200));
    expect(plan.relations).toEqual([
      expect.objectContaining({ userId: 'lina', status: STATUS_WHEN_MISSING, lastEventTime: 100 }),
    ]);
  });

  it('ends nothing from a partial (batch) snapshot', () => {
    const plan = planSnapshots([snap([], false)], [row('lina')], [], opts(200));
    expect(plan.relations).toEqual([]);
  });

  it('is idempotent: the same snapshot again writes the same row and no timeline entry', () => {
    const first = planSnapshots(
      [snap([follow('lina', { remark: 'new' })])],
      [row('lina')],
      [],
      opts(200),
    );
    expect(first.timeline.map((t) => t.kind)).toEqual([TimelineKind.RemarkChanged]);
    const again = planSnapshots(
      [snap([follow('lina', { remark: 'new' })])],
      first.relations,
      [],
      opts(200),
    );
    expect(again.timeline).toEqual([]);
    expect(again.relations[0]).toEqual(first.relations[0]);
  });

  it('makes the marks equal to WeCom: adds with the source, removes any source', () => {
    const marks = [
      { externalUserId: 'wm1', userId: 'lina', tagId: 't1', source: 'manual' },
      { externalUserId: 'wm1', userId: 'lina', tagId: 't2', source: 'channel' },
    ];
    const plan = planSnapshots(
      [snap([follow('lina', { tagIds: ['t1', 't3'] })])],
      [row('lina')],
      marks,
      opts(200),
    );
    expect(plan.addMarks).toEqual([
      { externalUserId: 'wm1', userId: 'lina', tagId: 't3', source: 'wecom' },
    ]);
    expect(plan.removeMarks.map((m) => m.tagId)).toEqual(['t2']);
    expect(plan.timeline.map((t) => [t.kind, t.detail])).toEqual([
      [TimelineKind.TagAdded, { tagIds: ['t3'] }],
      [TimelineKind.TagRemoved, { tagIds: ['t2'] }],
    ]);
  });

  it("keeps an add event's relation with its State when WeCom no longer reports it", () => {
    const plan = planSnapshots([emptySnapshot('wm1')], [], [], {
      ...opts(200),
      ensure: { externalUserId: 'wm1', userId: 'lina', state: 'shop', at: 200 },
    });
    expect(plan.relations).toEqual([
      expect.objectContaining({ state: 'shop', status: STATUS_WHEN_MISSING, lastEventTime: 0 }),
    ]);
  });

  it("stores the add event's State over the detail's", () => {
    const plan = planSnapshots([snap([follow('lina', { state: 'old' })])], [], [], {
      ...opts(200),
      ensure: { externalUserId: 'wm1', userId: 'lina', state: 'qr-7', at: 200 },
    });
    expect(plan.relations[0].state).toBe('qr-7');
    expect(plan.firstAddedAt.get('wm1')).toEqual(new Date(1_000_000));
  });
});

describe('planDelete', () => {
  const input = { externalUserId: 'wm1', userId: 'lina', status: FollowStatus.DeletedByCustomer };

  it('writes a tombstone for a relation never seen (a later, older add cannot resurrect it)', () => {
    const tomb = planDelete(null, { ...input, at: 300 });
    expect(tomb).toMatchObject({ status: FollowStatus.DeletedByCustomer, lastEventTime: 300 });
    const lateAdd = planSnapshots([snap([follow('lina')])], [tomb!], [], opts(200));
    expect(lateAdd.relations).toEqual([]);
  });

  it('is ignored when an add newer than the delete was applied', () => {
    expect(planDelete(row('lina', { lastEventTime: 400 }), { ...input, at: 300 })).toBeNull();
  });

  it('ends the relation, and a replay changes nothing', () => {
    const ended = planDelete(row('lina'), { ...input, at: 300 })!;
    expect(ended).toMatchObject({ status: FollowStatus.DeletedByCustomer, lastEventTime: 300 });
    expect(planDelete(ended, { ...input, at: 300 })).toBeNull();
  });

  it('refines a status a snapshot guessed (snapshot removals keep lastEventTime)', () => {
    const guessed = row('lina', { status: STATUS_WHEN_MISSING, lastEventTime: 100 });
    const next = planDelete(guessed, { ...input, status: FollowStatus.DeletedByStaff, at: 150 });
    expect(next?.status).toBe(FollowStatus.DeletedByStaff);
  });
});

describe('event mapping and normalization', () => {
  it('maps delete events to statuses', () => {
    expect(deleteStatus('del_follow_user')).toBe(FollowStatus.DeletedByCustomer);
    expect(deleteStatus('del_external_contact')).toBe(FollowStatus.DeletedByStaff);
    expect(deleteStatus('del_external_contact', 'DELETE_BY_TRANSFER')).toBe(
      FollowStatus.TransferredOut,
    );
  });

  it('keeps corp tags only, and groups batch items per customer as partial snapshots', () => {
    const s = snapshotFromDetail({
      external_contact: { external_userid: 'wm1', name: 'a', type: 1 },
      follow_user: [
        {
          userid: 'lina',
          createtime: 10,
          tags: [
            { tag_id: 'et1', type: 1 },
            { tag_id: 'p1', type: 2 },
            { type: 2, tag_name: 'x' },
          ],
        },
      ],
    });
    expect(s.follows[0].tagIds).toEqual(['et1']);
    expect(s.follows[0].addedAt).toEqual(new Date(10_000));
    const batch = snapshotsFromBatch([
      {
        external_contact: { external_userid: 'wm1', name: 'a', type: 1 },
        follow_info: { userid: 'lina', createtime: 1, tag_id: ['et1'] },
      },
      {
        external_contact: { external_userid: 'wm1', name: 'a', type: 1 },
        follow_info: { userid: 'wangfang', createtime: 2 },
      },
    ]);
    expect(batch).toHaveLength(1);
    expect(batch[0].complete).toBe(false);
    expect(batch[0].follows.map((f) => f.userId)).toEqual(['lina', 'wangfang']);
  });
});
