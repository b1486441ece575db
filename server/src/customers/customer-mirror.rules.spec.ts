import { FollowStatus } from './entities/follow-relation.entity';
import {
  CustomerSnapshot,
  RelationRow,
  STATUS_WHEN_MISSING,
  SnapshotFollow,
  TimelineKind,
  deleteStatus,
  emptySnapshot,
  MirrorStep,
  TagMarkRow,
  planDelete,
  planSnapshots,
  planSteps,
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

describe("planSteps (one customer's events of a batch)", () => {
  const snapStep = (at: number, ref: string, follows: SnapshotFollow[]): MirrorStep => ({
    kind: 'snapshot',
    snapshot: snap(follows),
    at,
    ref,
  });
  const delStep = (at: number, ref: string, userId = 'lina'): MirrorStep => ({
    kind: 'delete',
    input: { externalUserId: 'wm1', userId, status: FollowStatus.DeletedByCustomer, at },
    entry: {
      externalUserId: 'wm1',
      userId,
      kind: TimelineKind.DeletedByCustomer,
      detail: null,
      occurredAt: new Date(at * 1000),
      dedupeKey: `${ref}:deleted_by_customer`,
    },
  });
  const mark = (tagId: string, source = 'wecom'): TagMarkRow => ({
    externalUserId: 'wm1',
    userId: 'lina',
    tagId,
    source,
  });

  /** The same steps applied one call at a time, carrying the written state between calls. */
  const oneByOne = (steps: MirrorStep[], rows: RelationRow[], marks: TagMarkRow[]) => {
    const state = new Map(rows.map((r) => [r.userId, r]));
    let have = [...marks];
    const timeline: string[] = [];
    for (const step of steps) {
      const plan = planSteps([step], [...state.values()], have);
      for (const r of plan.relations) state.set(r.userId, r);
      const removed = new Set(plan.removeMarks.map((m) => `${m.userId}/${m.tagId}`));
      have = [...have.filter((m) => !removed.has(`${m.userId}/${m.tagId}`)), ...plan.addMarks];
      timeline.push(...plan.timeline.map((t) => t.dedupeKey));
    }
    return { state, have, timeline };
  };

  it('writes what the same events processed one by one would have written', () => {
    const stored = [row('lina', { lastEventTime: 100, remark: 'old' })];
    const marks = [mark('t1', 'manual'), mark('t2')];
    // generated sequences of edits (with changing remarks and tags) and deletes, in and out of order
    for (let seed = 1; seed <= 200; seed++) {
      let x = seed;
      const rnd = (n: number) => ((x = (x * 1103515245 + 12345) % 2 ** 31), x % n);
      const steps: MirrorStep[] = Array.from({ length: 1 + rnd(6) }, (_, i) =>
        rnd(3) === 0
          ? delStep(90 + rnd(40), `e${i}`)
          : snapStep(
              90 + rnd(40),
              `e${i}`,
              rnd(4) === 0
                ? []
                : [
                    follow('lina', {
                      remark: `r${rnd(3)}`,
                      tagIds: ['t1', 't2', 't3'].slice(rnd(3)),
                    }),
                  ],
            ),
      );
      const batch = planSteps(steps, stored, marks);
      const ref = oneByOne(steps, stored, marks);
      const end = new Map(batch.relations.map((r) => [r.userId, r]));
      for (const [userId, r] of ref.state) {
        if (r === stored.find((s) => s.userId === userId)) continue; // never written
        expect({ seed, row: end.get(userId) }).toEqual({ seed, row: { ...r, id: r.id } });
      }
      const after = new Set([
        ...marks.map((m) => m.tagId).filter((t) => !batch.removeMarks.some((m) => m.tagId === t)),
        ...batch.addMarks.map((m) => m.tagId),
      ]);
      expect({ seed, marks: [...after].sort() }).toEqual({
        seed,
        marks: ref.have.map((m) => m.tagId).sort(),
      });
      expect(batch.timeline.map((t) => t.dedupeKey)).toEqual(ref.timeline);
    }
  });

  it("keeps each event's timeline entries and writes a mark removed and re-added not at all", () => {
    const plan = planSteps(
      [
        snapStep(200, 'e1', [follow('lina', { tagIds: [] })]),
        snapStep(201, 'e2', [follow('lina', { tagIds: ['t1'] })]),
      ],
      [row('lina')],
      [mark('t1', 'manual')],
    );
    expect(plan.addMarks).toEqual([]);
    expect(plan.removeMarks).toEqual([]);
    expect(plan.timeline.map((t) => t.dedupeKey)).toEqual([
      'e1:tag_removed:lina',
      'e2:tag_added:lina',
    ]);
    expect(plan.relations).toEqual([expect.objectContaining({ lastEventTime: 201 })]);
  });

  it('lets a delete newer than the edits win, and ignores a delete older than them', () => {
    const newer = planSteps(
      [snapStep(200, 'e1', [follow('lina')]), delStep(210, 'e2')],
      [row('lina')],
      [],
    );
    expect(newer.relations).toEqual([
      expect.objectContaining({ status: FollowStatus.DeletedByCustomer, lastEventTime: 210 }),
    ]);
    const older = planSteps(
      [snapStep(200, 'e1', [follow('lina')]), delStep(150, 'e2')],
      [row('lina')],
      [],
    );
    expect(older.relations).toEqual([
      expect.objectContaining({ status: FollowStatus.Active, lastEventTime: 200 }),
    ]);
    expect(older.timeline.map((t) => t.dedupeKey)).toEqual(['e2:deleted_by_customer']);
  });

  it('keeps the contact WeCom reported last and the earliest createtime', () => {
    const later = snapStep(201, 'e2', [follow('lina', { addedAt: new Date(500_000) })]);
    if (later.kind === 'snapshot')
      later.snapshot.contact = { external_userid: 'wm1', name: 'Lin 2', type: 1 };
    const plan = planSteps([snapStep(200, 'e1', [follow('lina')]), later], [], []);
    expect(plan.contacts).toEqual([expect.objectContaining({ name: 'Lin 2' })]);
    expect(plan.firstAddedAt.get('wm1')).toEqual(new Date(500_000));
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
