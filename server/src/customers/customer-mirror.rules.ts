/**
 * The mirror's decisions, as pure functions: given what the database holds (locked) and what WeCom
 * says, what to write. No I/O here, so the ordering and idempotency rules are unit-tested alone.
 *
 * Ordering rule: every relation carries `lastEventTime`, the WeCom CreateTime (unix s) of the newest
 * event applied to it. An event or snapshot older than that is stale for the relation and changes
 * nothing about it (the timeline still records that it happened).
 */
import { groupBy } from '../common/collections';
import type {
  BatchCustomer,
  ExternalContact,
  FollowInfo,
  FollowUser,
} from '../wecom/areas/external-contacts.types';
import { TimelineEntry, TimelineKind } from './customer-timeline.entries';
import { FollowStatus } from './entities/follow-relation.entity';
import type { AddAttribution, AddToAttribute } from './relation-attribution';

/** WeCom's view of one customer. */
export interface CustomerSnapshot {
  externalUserId: string;
  /** null: WeCom no longer knows the customer as anybody's contact (84061). */
  contact: ExternalContact | null;
  follows: SnapshotFollow[];
  /** `follows` is every relation WeCom has for the customer (externalcontact/get), not a part. */
  complete: boolean;
}

export interface SnapshotFollow {
  userId: string;
  remark: string;
  description: string;
  remarkCorpName: string;
  remarkMobiles: string[] | null;
  addWay: number;
  operUserId: string | null;
  state: string | null;
  addedAt: Date | null;
  /** Corp tag ids marked on the relation (personal tags have none and are ignored). */
  tagIds: string[];
}

/** A follow_relation row as stored. */
export interface RelationRow {
  id?: string;
  externalUserId: string;
  userId: string;
  remark: string;
  description: string;
  remarkCorpName: string;
  remarkMobiles: string[] | null;
  addWay: number;
  operUserId: string | null;
  state: string | null;
  addedAt: Date | null;
  status: FollowStatus;
  deletedAt: Date | null;
  lastEventTime: number;
  /** The channel the relation's add was attributed to (kept when a write leaves it undefined). */
  channelId?: string | null;
}

export interface TagMarkRow {
  externalUserId: string;
  userId: string;
  tagId: string;
  source: string;
}

/** A timeline entry the mirror plans (written through CustomerTimelineService). */
export type TimelineDraft = TimelineEntry;
export { TimelineKind };

/**
 * A relation WeCom no longer reports, with no delete event seen yet: WeCom does not say who ended
 * it. The delete event, when it arrives, sets the precise status (snapshot removals keep
 * `lastEventTime`, so that event is not stale).
 */
export const STATUS_WHEN_MISSING = FollowStatus.DeletedByCustomer;

export const fromUnix = (s: number): Date => new Date(s * 1000);

/** Normalizes externalcontact/get `follow_user[]`. */
export function fromFollowUser(f: FollowUser): SnapshotFollow {
  return {
    userId: f.userid,
    remark: f.remark ?? '',
    description: f.description ?? '',
    remarkCorpName: f.remark_corp_name ?? '',
    remarkMobiles: f.remark_mobiles?.length ? [...f.remark_mobiles] : null,
    addWay: f.add_way ?? 0,
    operUserId: f.oper_userid || null,
    state: f.state || null,
    addedAt: f.createtime ? fromUnix(f.createtime) : null,
    tagIds: uniq(
      (f.tags ?? []).filter((t) => t.tag_id && t.type !== 2).map((t) => t.tag_id as string),
    ),
  };
}

/** Normalizes batch/get_by_user `follow_info` (tag ids only). */
export function fromFollowInfo(f: FollowInfo): SnapshotFollow {
  return fromFollowUser({
    ...f,
    tags: (f.tag_id ?? []).map((id) => ({ tag_id: id, type: 1 })),
  });
}

/** externalcontact/get's answer (every follow user): a complete snapshot. */
export function snapshotFromDetail(detail: {
  external_contact: ExternalContact;
  follow_user?: FollowUser[];
}): CustomerSnapshot {
  return {
    externalUserId: detail.external_contact.external_userid,
    contact: detail.external_contact,
    follows: dedupeFollows((detail.follow_user ?? []).map(fromFollowUser)),
    complete: true,
  };
}

/**
 * batch/get_by_user items (one per customer × member): grouped per customer into partial
 * snapshots, because the customer's other members may be on another page or chunk.
 */
export function snapshotsFromBatch(items: BatchCustomer[]): CustomerSnapshot[] {
  const byCustomer = new Map<string, CustomerSnapshot>();
  for (const item of items) {
    const id = item.external_contact.external_userid;
    let snap = byCustomer.get(id);
    if (!snap) {
      snap = { externalUserId: id, contact: item.external_contact, follows: [], complete: false };
      byCustomer.set(id, snap);
    }
    if (item.follow_info) snap.follows.push(fromFollowInfo(item.follow_info));
  }
  for (const snap of byCustomer.values()) snap.follows = dedupeFollows(snap.follows);
  return [...byCustomer.values()];
}

/** The customer is nobody's contact any more (84061): every known relation is gone. */
export function emptySnapshot(externalUserId: string): CustomerSnapshot {
  return { externalUserId, contact: null, follows: [], complete: true };
}

export interface SnapshotOptions {
  observedAt: number;
  /** Prefix of timeline dedupe keys, e.g. `<eventId>` or `sync:<runId>`. */
  ref: string;
  /** Source of tag marks WeCom reports that the mirror did not have. */
  tagSource: 'wecom' | 'sync';
  /**
   * An add event's relation: kept (with the event's State) even when WeCom no longer reports it,
   * so channel attribution survives a quick add-then-delete.
   */
  ensure?: { externalUserId: string; userId: string; state: string | null; at: number };
}

export interface SnapshotPlan {
  relations: RelationRow[];
  addMarks: TagMarkRow[];
  removeMarks: TagMarkRow[];
  timeline: TimelineDraft[];
  /** Per customer: earliest relation createtime WeCom reports (customer.first_added_at). */
  firstAddedAt: Map<string, Date>;
}

/** May a snapshot (or event) observed at `at` change a relation last touched at `last`? */
export const isFresh = (last: number, at: number): boolean => at >= last;

/**
 * Plans applying WeCom snapshots to the locked rows of those customers.
 * - A reported relation is upserted (fields, tags, active) unless the row is newer (stale).
 * - In a complete snapshot, an active relation that WeCom no longer reports is ended when its
 *   lastEventTime < observedAt; its lastEventTime is kept so the delete event still applies.
 * - Marks: the relation's set becomes WeCom's; new marks get `tagSource`, existing ones keep theirs.
 * - Timeline: remark_changed and tag_added/tag_removed for relations that already existed;
 *   `added` (at WeCom's createtime) for relations a full sync finds that the mirror did not have.
 */
export function planSnapshots(
  snapshots: CustomerSnapshot[],
  existing: RelationRow[],
  marks: TagMarkRow[],
  opts: SnapshotOptions,
): SnapshotPlan {
  const at = opts.observedAt;
  const rows = new Map(existing.map((r) => [pairKey(r.externalUserId, r.userId), r]));
  const marksByPair = groupBy(marks, (m) => pairKey(m.externalUserId, m.userId));
  const plan: SnapshotPlan = {
    relations: [],
    addMarks: [],
    removeMarks: [],
    timeline: [],
    firstAddedAt: new Map(),
  };
  const when = fromUnix(at);

  for (const snap of snapshots) {
    const ext = snap.externalUserId;
    const reported = new Set<string>();
    for (const f of snap.follows) {
      reported.add(f.userId);
      if (f.addedAt) {
        const first = plan.firstAddedAt.get(ext);
        if (!first || f.addedAt < first) plan.firstAddedAt.set(ext, f.addedAt);
      }
      const row = rows.get(pairKey(ext, f.userId));
      if (row && !isFresh(row.lastEventTime, at)) continue; // a newer event already decided
      const ensureState =
        opts.ensure && opts.ensure.externalUserId === ext && opts.ensure.userId === f.userId
          ? opts.ensure.state
          : null;
      plan.relations.push({
        id: row?.id,
        externalUserId: ext,
        userId: f.userId,
        remark: f.remark,
        description: f.description,
        remarkCorpName: f.remarkCorpName,
        remarkMobiles: f.remarkMobiles,
        addWay: f.addWay,
        operUserId: f.operUserId,
        state: ensureState ?? f.state ?? row?.state ?? null,
        addedAt: f.addedAt ?? row?.addedAt ?? null,
        status: FollowStatus.Active,
        deletedAt: null,
        lastEventTime: Math.max(row?.lastEventTime ?? 0, at),
      });
      if (!row && opts.tagSource === 'sync') {
        // a relation the mirror learns from a full sync (it predates the SCRM, or its add event
        // was lost): its add goes on the timeline at WeCom's createtime, once per relation and add
        plan.timeline.push({
          externalUserId: ext,
          userId: f.userId,
          kind: TimelineKind.Added,
          detail: {
            state: f.state ?? null,
            addWay: f.addWay ?? null,
            operUserId: f.operUserId ?? null,
            discoveredBy: 'sync',
          },
          occurredAt: f.addedAt ?? when,
          dedupeKey: `added:${ext}:${f.userId}:${f.addedAt ? f.addedAt.getTime() / 1000 : 'unknown'}`,
        });
      }
      if (row && (row.remark !== f.remark || row.description !== f.description)) {
        plan.timeline.push({
          externalUserId: ext,
          userId: f.userId,
          kind: TimelineKind.RemarkChanged,
          detail: {
            from: { remark: row.remark, description: row.description },
            to: { remark: f.remark, description: f.description },
          },
          occurredAt: when,
          dedupeKey: `${opts.ref}:${TimelineKind.RemarkChanged}:${f.userId}`,
        });
      }
      const have = marksByPair.get(pairKey(ext, f.userId)) ?? [];
      const haveIds = new Set(have.map((m) => m.tagId));
      const want = new Set(f.tagIds);
      const added = f.tagIds.filter((t) => !haveIds.has(t));
      const removed = have.filter((m) => !want.has(m.tagId));
      for (const tagId of added)
        plan.addMarks.push({
          externalUserId: ext,
          userId: f.userId,
          tagId,
          source: opts.tagSource,
        });
      plan.removeMarks.push(...removed);
      if (row) {
        if (added.length)
          plan.timeline.push(tagEntry(ext, f.userId, TimelineKind.TagAdded, added, when, opts.ref));
        if (removed.length)
          plan.timeline.push(
            tagEntry(
              ext,
              f.userId,
              TimelineKind.TagRemoved,
              removed.map((m) => m.tagId),
              when,
              opts.ref,
            ),
          );
      }
    }

    // relations WeCom no longer reports
    if (snap.complete) {
      for (const row of existing) {
        if (row.externalUserId !== ext || reported.has(row.userId)) continue;
        if (row.status === FollowStatus.Active && row.lastEventTime < at) {
          plan.relations.push({ ...row, status: STATUS_WHEN_MISSING, deletedAt: when });
        }
      }
    }

    // an add event's relation that WeCom no longer reports: keep its attribution
    const e = opts.ensure;
    const planned =
      e && plan.relations.find((r) => r.externalUserId === ext && r.userId === e.userId);
    if (e && e.externalUserId === ext && !(planned && reported.has(e.userId))) {
      const row = rows.get(pairKey(ext, e.userId));
      if (!row) {
        plan.relations.push({
          externalUserId: ext,
          userId: e.userId,
          remark: '',
          description: '',
          remarkCorpName: '',
          remarkMobiles: null,
          addWay: 0,
          operUserId: null,
          state: e.state,
          addedAt: fromUnix(e.at),
          status: STATUS_WHEN_MISSING,
          deletedAt: when,
          lastEventTime: 0,
        });
      } else if ((!row.state && e.state) || !row.addedAt) {
        // WeCom no longer reports it, or a newer event decided its status: keep the attribution
        const target = planned || { ...row };
        target.state = target.state || e.state;
        target.addedAt = target.addedAt ?? fromUnix(e.at);
        if (!planned) plan.relations.push(target);
      }
    }
  }
  return plan;
}

/** One event's effect on one customer, in the order the events happened. */
export type MirrorStep =
  | {
      kind: 'snapshot';
      snapshot: CustomerSnapshot;
      /** The event's CreateTime (the snapshot was read after the event arrived). */
      at: number;
      /** The event id: prefix of the timeline dedupe keys. */
      ref: string;
      ensure?: SnapshotOptions['ensure'];
      /** The event's own entries (e.g. `added`), written with the snapshot's. */
      timeline?: TimelineDraft[];
      /** An add with a State: asked of the attribution port (channels) in the transaction. */
      add?: AddToAttribute;
    }
  | {
      kind: 'delete';
      input: { externalUserId: string; userId: string; status: FollowStatus; at: number };
      entry: TimelineDraft;
    }
  | { kind: 'timeline'; entry: TimelineDraft };

export const stepCustomer = (step: MirrorStep): string =>
  step.kind === 'snapshot'
    ? step.snapshot.externalUserId
    : step.kind === 'delete'
      ? step.input.externalUserId
      : step.entry.externalUserId;

export interface StepsPlan extends SnapshotPlan {
  /** The customers' profiles as WeCom last reported them. */
  contacts: ExternalContact[];
}

/**
 * Plans one customer's events of a batch as if each were applied alone, in order: every step is
 * planned with `planSnapshots` / `planDelete` against the state the previous steps left, and only
 * the end state is written. So a batch writes what the same events processed one by one would
 * have written, in a constant number of statements.
 */
export function planSteps(
  steps: MirrorStep[],
  existing: RelationRow[],
  marks: TagMarkRow[],
): StepsPlan {
  const rows = new Map(existing.map((r) => [pairKey(r.externalUserId, r.userId), r]));
  const markKey = (m: TagMarkRow) => `${pairKey(m.externalUserId, m.userId)}\u0000${m.tagId}`;
  const before = new Map(marks.map((m) => [markKey(m), m]));
  const now = new Map(before);
  const touched = new Set<string>();
  const contacts = new Map<string, ExternalContact>();
  const out: StepsPlan = {
    relations: [],
    addMarks: [],
    removeMarks: [],
    timeline: [],
    firstAddedAt: new Map(),
    contacts: [],
  };
  const put = (r: RelationRow) => {
    const k = pairKey(r.externalUserId, r.userId);
    rows.set(k, { ...r, id: r.id ?? rows.get(k)?.id });
    touched.add(k);
  };
  for (const step of steps) {
    if (step.kind === 'timeline') {
      out.timeline.push(step.entry);
      continue;
    }
    if (step.kind === 'delete') {
      const k = pairKey(step.input.externalUserId, step.input.userId);
      const next = planDelete(rows.get(k) ?? null, step.input);
      if (next) put(next);
      out.timeline.push(step.entry);
      continue;
    }
    const ext = step.snapshot.externalUserId;
    const plan = planSnapshots(
      [step.snapshot],
      [...rows.values()].filter((r) => r.externalUserId === ext),
      [...now.values()].filter((m) => m.externalUserId === ext),
      { observedAt: step.at, ref: step.ref, tagSource: 'wecom', ensure: step.ensure },
    );
    plan.relations.forEach(put);
    for (const m of plan.removeMarks) now.delete(markKey(m));
    for (const m of plan.addMarks) now.set(markKey(m), m);
    out.timeline.push(...(step.timeline ?? []), ...plan.timeline);
    for (const [id, at] of plan.firstAddedAt) {
      const first = out.firstAddedAt.get(id);
      if (!first || at < first) out.firstAddedAt.set(id, at);
    }
    if (step.snapshot.contact) contacts.set(ext, step.snapshot.contact);
  }
  out.relations = [...touched].map((k) => rows.get(k) as RelationRow);
  out.addMarks = [...now].filter(([k]) => !before.has(k)).map(([, m]) => m);
  out.removeMarks = [...before].filter(([k]) => !now.has(k)).map(([, m]) => m);
  out.contacts = [...contacts.values()];
  return out;
}

/** A delete event (del_external_contact / del_follow_user) against the locked row, if any. */
export function planDelete(
  row: RelationRow | null,
  input: { externalUserId: string; userId: string; status: FollowStatus; at: number },
): RelationRow | null {
  if (row && !isFresh(row.lastEventTime, input.at)) return null; // an add newer than this delete
  if (row && row.status === input.status && row.lastEventTime === input.at) return null; // replay
  const deletedAt = fromUnix(input.at);
  if (row) return { ...row, status: input.status, deletedAt, lastEventTime: input.at };
  // never seen: a tombstone, so an older add arriving later cannot resurrect it
  return {
    externalUserId: input.externalUserId,
    userId: input.userId,
    remark: '',
    description: '',
    remarkCorpName: '',
    remarkMobiles: null,
    addWay: 0,
    operUserId: null,
    state: null,
    addedAt: null,
    status: input.status,
    deletedAt,
    lastEventTime: input.at,
  };
}

/** The relation status a delete event means. */
export function deleteStatus(changeType: string, source?: unknown): FollowStatus {
  if (changeType === 'del_follow_user') return FollowStatus.DeletedByCustomer;
  return source === 'DELETE_BY_TRANSFER'
    ? FollowStatus.TransferredOut
    : FollowStatus.DeletedByStaff;
}

export type DeleteKind =
  TimelineKind.DeletedByCustomer | TimelineKind.TransferredOut | TimelineKind.DeletedByStaff;

export function timelineKindFor(status: FollowStatus): DeleteKind {
  switch (status) {
    case FollowStatus.DeletedByCustomer:
      return TimelineKind.DeletedByCustomer;
    case FollowStatus.TransferredOut:
      return TimelineKind.TransferredOut;
    default:
      return TimelineKind.DeletedByStaff;
  }
}

export const pairKey = (externalUserId: string, userId: string) =>
  `${externalUserId}\u0000${userId}`;

function tagEntry(
  ext: string,
  userId: string,
  kind: TimelineKind.TagAdded | TimelineKind.TagRemoved,
  tagIds: string[],
  when: Date,
  ref: string,
): TimelineDraft {
  return <TimelineEntry<typeof kind>>{
    externalUserId: ext,
    userId,
    kind,
    detail: { tagIds },
    occurredAt: when,
    dedupeKey: `${ref}:${kind}:${userId}`,
  };
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function dedupeFollows(follows: SnapshotFollow[]): SnapshotFollow[] {
  const seen = new Map<string, SnapshotFollow>();
  for (const f of follows) seen.set(f.userId, f);
  return [...seen.values()];
}

/**
 * An attributed add, applied to every snapshot of its customer in the batch (they share one
 * WeCom read, which may predate the channel's mark_tag and remark): the channel's tags count as
 * reported, and an empty remark is the channel's. So no snapshot of the batch undoes what the
 * channel writes to WeCom, whichever of the two lands first.
 */
export function withAttribution(
  snapshot: CustomerSnapshot,
  userId: string,
  a: AddAttribution,
): CustomerSnapshot {
  return {
    ...snapshot,
    follows: snapshot.follows.map((f) =>
      f.userId !== userId
        ? f
        : {
            ...f,
            tagIds: uniq([...f.tagIds, ...a.tagIds]),
            remark: f.remark || a.remark || '',
          },
    ),
  };
}
