import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { groupBy } from '../common/collections';
import { DomainEventBus, OnDomainEvent } from '../events/domain-event-bus';
import type { RelationRemovedBy, StaffUserIdRenamed } from '../events/domain-events';
import { TagSource } from '../tags/entities/customer-tag.entity';
import type {
  BatchCustomer,
  ExternalContact,
  FollowUser,
} from '../wecom/areas/external-contacts.types';
import { TagMarkService } from '../tags/tag-mark.service';
import { CustomerCountsService } from './customer-counts.service';
import { CustomerTimelineService } from './customer-timeline.service';
import { CustomerRepository } from './customer.repository';
import {
  CustomerSnapshot,
  MirrorStep,
  RelationRow,
  StepsPlan,
  STATUS_WHEN_MISSING,
  TagMarkRow,
  TimelineDraft,
  TimelineKind,
  pairKey,
  withAttribution,
  planSnapshots,
  planSteps,
  snapshotFromDetail,
  snapshotsFromBatch,
  stepCustomer,
} from './customer-mirror.rules';
import { FollowStatus } from './entities/follow-relation.entity';
import { FollowRelationRepository } from './follow-relation.repository';
import { MirrorTransactionRepository, MirrorTx } from './mirror-transaction.repository';
import {
  AddAttribution,
  AddToAttribute,
  RELATION_ATTRIBUTION,
  RelationAttribution,
} from './relation-attribution';

/** externalcontact/get's answer: the customer and every member following them. */
export interface CustomerDetail {
  external_contact: ExternalContact;
  follow_user: FollowUser[];
}

export interface ApplyResult {
  customers: number;
  relationsWritten: number;
  marksAdded: number;
  marksRemoved: number;
  timelineEntries: number;
}

/**
 * Writes WeCom's view of customers into the mirror: customer rows, follow relations, the
 * relations' WeCom tag marks and the timeline. Every write of one call is one transaction over
 * locked rows, so concurrent events of one customer cannot interleave.
 */
@Injectable()
export class CustomerMirrorService implements OnModuleInit {
  private readonly logger = new Logger(CustomerMirrorService.name);
  private attribution: RelationAttribution | null = null;

  constructor(
    private readonly tx: MirrorTransactionRepository,
    private readonly customers: CustomerRepository,
    private readonly relations: FollowRelationRepository,
    private readonly marks: TagMarkService,
    private readonly timeline: CustomerTimelineService,
    private readonly events: DomainEventBus,
    private readonly moduleRef: ModuleRef,
    private readonly counts: CustomerCountsService,
  ) {}

  /** The attribution port (channels/), when the application has one. */
  onModuleInit(): void {
    try {
      this.attribution = this.moduleRef.get<RelationAttribution>(RELATION_ATTRIBUTION, {
        strict: false,
      });
    } catch {
      this.attribution = null;
    }
  }

  /** Relations and timeline entries follow a renamed userid (this module's tables). */
  @OnDomainEvent('StaffUserIdRenamed')
  async onStaffUserIdRenamed(e: StaffUserIdRenamed): Promise<void> {
    await this.relations.renameUserId(e.corpId, e.oldUserId, e.newUserId);
    await this.timeline.renameUserId(e.corpId, e.oldUserId, e.newUserId);
    // two relations of one customer may have become one: count the corp again
    await this.counts.recount(e.corpId);
  }

  /** The customer's name as the mirror has it (null when unknown). */
  async customerName(corpId: string, externalUserId: string): Promise<string | null> {
    return (await this.customers.findByExternalUserId(corpId, externalUserId))?.name || null;
  }

  /**
   * The server set a remark in WeCom (externalcontact/remark): the writer puts it in the mirror
   * right away, since WeCom sends no callback for API writes.
   */
  recordRemark(corpId: string, externalUserId: string, userId: string, remark: string) {
    return this.relations.setRemark(corpId, externalUserId, userId, remark);
  }

  /**
   * Many customers at once (the full sync: e.g. 100 per batch/get_by_user page), in a constant
   * number of statements. `ref` (the sync run) prefixes the timeline dedupe keys; new marks get
   * the source `sync` (callback events go through `applySteps`). Items may be complete details (`follow_user[]`: relations missing from
   * them are ended) or batch/get_by_user items (`follow_info`: partial, nothing is ended; the sync
   * ends unseen relations with `closeRelationsNotSeenSince` after the run).
   */
  applySnapshots(
    corpId: string,
    items: Array<CustomerDetail | BatchCustomer>,
    observedAt: number,
    ref = `sync:${observedAt}`,
  ): Promise<ApplyResult> {
    const details = items.filter((i): i is CustomerDetail => 'follow_user' in i);
    const batch = items.filter((i): i is BatchCustomer => !('follow_user' in i));
    const snapshots = [...details.map(snapshotFromDetail), ...snapshotsFromBatch(batch)];
    return this.applyMerged(corpId, mergeSameCustomer(snapshots), observedAt, ref);
  }

  /**
   * A customer handed over to a successor (离职/在职继承, accepted): WeCom's current detail is
   * applied (the successor's relation, with what WeCom carried), and the handover member's
   * relation ends as `transferred_out`, not as deleted by the customer.
   */
  async recordHandover(
    corpId: string,
    detail: CustomerDetail,
    handover: { fromUserId: string; observedAt: number; ref: string },
  ): Promise<ApplyResult> {
    const result = await this.applySnapshots(corpId, [detail], handover.observedAt, handover.ref);
    const externalUserId = detail.external_contact.external_userid;
    await this.tx.run(async (tx) => {
      await this.relations.lockByCustomers(tx, corpId, [externalUserId]);
      const counted = await this.counts.track(tx, corpId, [externalUserId]);
      await this.relations.endAsTransferredOut(tx, corpId, externalUserId, handover.fromUserId);
      await counted.commit();
    });
    return result;
  }

  /**
   * After a full sync that started at `observedAt`: active relations of these staff that no
   * snapshot of the run reported (their last_event_time is older) are ended.
   */
  async closeRelationsNotSeenSince(
    corpId: string,
    userIds: string[],
    observedAt: number,
  ): Promise<number> {
    const closed = await this.relations.closeNotSeenSince(
      corpId,
      userIds,
      observedAt,
      STATUS_WHEN_MISSING,
    );
    // the end of a full sync: the counter is rebuilt from what the run left
    await this.counts.recount(corpId);
    return closed;
  }

  private async applyMerged(
    corpId: string,
    snapshots: CustomerSnapshot[],
    observedAt: number,
    ref: string,
  ): Promise<ApplyResult> {
    const ids = [...new Set(snapshots.map((s) => s.externalUserId))];
    let changes: RelationChanges | null = null;
    const result = await this.tx.run(async (tx) => {
      const existing = await this.relations.lockByCustomers(tx, corpId, ids);
      const counted = await this.counts.track(tx, corpId, ids);
      const marks = await this.marks.lockForMirror(tx, corpId, ids);
      const plan = planSnapshots(snapshots, existing, marks, {
        observedAt,
        ref,
        tagSource: 'sync',
      });
      const contacts = snapshots.flatMap((s) => (s.contact ? [s.contact] : []));
      await this.customers.upsertMany(tx, corpId, contacts, plan.firstAddedAt, new Date());
      await this.relations.upsertMany(tx, corpId, plan.relations);
      await this.customers.keepFirstAddedAt(tx, corpId, ids);
      await counted.commit();
      await this.marks.applyFromMirror(tx, corpId, {
        remove: plan.removeMarks,
        add: plan.addMarks,
      });
      const entries = plan.timeline;
      await this.timeline.append(corpId, entries, tx);
      changes = relationChanges(existing, plan.relations, plan.addMarks, plan.removeMarks);
      return {
        customers: contacts.length,
        relationsWritten: plan.relations.length,
        marksAdded: plan.addMarks.length,
        marksRemoved: plan.removeMarks.length,
        timelineEntries: entries.length,
      };
    });
    if (changes) await this.announce(corpId, changes, 'sync');
    return result;
  }

  /**
   * Callback events of many customers at once (a batch of the inbox): one transaction over the
   * customers' locked rows, each customer's steps planned in order (`planSteps`), and only the
   * end state written, in a constant number of statements. Rows are written in key order, so two
   * batches lock them in the same order.
   */
  async applySteps(corpId: string, steps: MirrorStep[]): Promise<ApplyResult> {
    const byCustomer = groupBy(steps, stepCustomer);
    const ids = [...byCustomer.keys()].sort();
    let changes: RelationChanges | null = null;
    let attributions: AddAttribution[] = [];
    const result = await this.tx.run(async (tx) => {
      const locked = await this.relations.lockByCustomers(tx, corpId, ids);
      const counted = await this.counts.track(tx, corpId, ids);
      const existing = groupBy(locked, (r) => r.externalUserId);
      const marks = groupBy(
        await this.marks.lockForMirror(tx, corpId, ids),
        (m) => m.externalUserId,
      );
      const attributed = await this.attribute(tx, corpId, steps);
      attributions = [...attributed.values()];
      const all: StepsPlan[] = ids.map((id) =>
        planSteps(
          attributedSteps(byCustomer.get(id) ?? [], attributed),
          existing.get(id) ?? [],
          marks.get(id) ?? [],
        ),
      );
      const firstAddedAt = new Map(all.flatMap((p) => [...p.firstAddedAt]));
      const contacts = all.flatMap((p) => p.contacts);
      const relations = all.flatMap((p) => p.relations).sort((a, b) => byPair(a, b));
      const addMarks = all.flatMap((p) => p.addMarks);
      const removeMarks = all.flatMap((p) => p.removeMarks);
      const timeline = all.flatMap((p) => p.timeline);
      const channel = channelWrites(relations, attributed);
      await this.customers.upsertMany(tx, corpId, contacts, firstAddedAt, new Date());
      await this.relations.upsertMany(tx, corpId, relations);
      await this.customers.keepFirstAddedAt(tx, corpId, ids);
      await counted.commit();
      await this.marks.applyFromMirror(tx, corpId, {
        remove: removeMarks,
        add: [...addMarks, ...channel.marks],
      });
      await this.timeline.append(corpId, [...timeline, ...channel.timeline], tx);
      changes = relationChanges(locked, relations, addMarks, removeMarks);
      return {
        customers: contacts.length,
        relationsWritten: relations.length,
        marksAdded: addMarks.length,
        marksRemoved: removeMarks.length,
        timelineEntries: timeline.length,
      };
    });
    if (attributions.length && this.attribution)
      await this.attribution
        .committed(corpId, attributions)
        .catch((err: Error) =>
          this.logger.warn({ corpId, err: err.message }, 'attribution bookkeeping failed'),
        );
    if (changes) await this.announce(corpId, changes, 'event');
    return result;
  }

  /** Asks the attribution port about the batch's adds with a State (in the transaction). */
  private async attribute(
    tx: MirrorTx,
    corpId: string,
    steps: MirrorStep[],
  ): Promise<Map<string, AddAttribution>> {
    const adds: AddToAttribute[] = [];
    for (const s of steps) if (s.kind === 'snapshot' && s.add) adds.push(s.add);
    if (!adds.length || !this.attribution) return new Map();
    return this.attribution.attribute(tx, corpId, adds);
  }

  /**
   * RelationAdded / RelationRemoved / TagsChanged for what the transaction committed. A handler's
   * failure is logged, not thrown: the commit is done and a retry would find nothing to announce
   * (handlers enqueue durable work; see docs/architecture.md).
   */
  private async announce(corpId: string, c: RelationChanges, via: 'event' | 'sync'): Promise<void> {
    const log = (err: Error) =>
      this.logger.error({ corpId, err: err.message }, 'a mirror event handler failed');
    await this.events
      .emitAll(
        'RelationAdded',
        c.added.map((r) => ({
          corpId,
          externalUserId: r.externalUserId,
          userId: r.userId,
          state: r.state,
          channelId: r.channelId ?? null,
          addedAt: r.addedAt,
          via,
        })),
      )
      .catch(log);
    await this.events
      .emitAll(
        'RelationRemoved',
        c.removed.map((r) => ({
          corpId,
          externalUserId: r.externalUserId,
          userId: r.userId,
          removedBy: REMOVED_BY[r.status] ?? 'customer',
          removedAt: r.deletedAt ?? new Date(),
        })),
      )
      .catch(log);
    await this.events
      .emitAll(
        'TagsChanged',
        c.tags.map((t) => ({ corpId, ...t, source: via === 'sync' ? 'sync' : 'wecom' })),
      )
      .catch(log);
  }
}

const REMOVED_BY: Partial<Record<FollowStatus, RelationRemovedBy>> = {
  [FollowStatus.DeletedByStaff]: 'staff',
  [FollowStatus.DeletedByCustomer]: 'customer',
  [FollowStatus.TransferredOut]: 'transfer',
};

interface RelationChanges {
  added: RelationRow[];
  removed: RelationRow[];
  tags: Array<{ externalUserId: string; userId: string; added: string[]; removed: string[] }>;
}

/** Relations that became active, relations that ended, marks per relation, by one write. */
function relationChanges(
  before: RelationRow[],
  written: RelationRow[],
  addMarks: TagMarkRow[],
  removeMarks: TagMarkRow[],
): RelationChanges {
  const was = new Map(before.map((r) => [pairKey(r.externalUserId, r.userId), r]));
  const added: RelationRow[] = [];
  const removed: RelationRow[] = [];
  for (const r of written) {
    const prev = was.get(pairKey(r.externalUserId, r.userId));
    const active = r.status === FollowStatus.Active;
    const wasActive = prev?.status === FollowStatus.Active;
    if (active && !wasActive) added.push({ ...r, channelId: r.channelId ?? prev?.channelId });
    if (!active && wasActive) removed.push(r);
  }
  const tags = new Map<string, RelationChanges['tags'][number]>();
  const entry = (m: TagMarkRow) => {
    const k = pairKey(m.externalUserId, m.userId);
    const e = tags.get(k) ?? {
      externalUserId: m.externalUserId,
      userId: m.userId,
      added: [],
      removed: [],
    };
    tags.set(k, e);
    return e;
  };
  for (const m of addMarks) entry(m).added.push(m.tagId);
  for (const m of removeMarks) entry(m).removed.push(m.tagId);
  return { added, removed, tags: [...tags.values()] };
}

/** Every snapshot step of an attributed relation's customer sees the channel's tags and remark. */
function attributedSteps(
  steps: MirrorStep[],
  attributed: Map<string, AddAttribution>,
): MirrorStep[] {
  if (!attributed.size) return steps;
  return steps.map((s) => {
    if (s.kind !== 'snapshot') return s;
    let snapshot = s.snapshot;
    for (const f of s.snapshot.follows) {
      const a = attributed.get(pairKey(s.snapshot.externalUserId, f.userId));
      if (a) snapshot = withAttribution(snapshot, f.userId, a);
    }
    return snapshot === s.snapshot ? s : { ...s, snapshot };
  });
}

/**
 * The channel's part of its adds, in the mirror's transaction: the relation's channel_id, the
 * channel's tag marks (source `channel`, which outranks the copies of WeCom's view) and the
 * `channel_added` timeline entry.
 */
function channelWrites(
  relations: RelationRow[],
  attributed: Map<string, AddAttribution>,
): { marks: Array<TagMarkRow & { evidence: Record<string, unknown> }>; timeline: TimelineDraft[] } {
  const out = {
    marks: [] as Array<TagMarkRow & { evidence: Record<string, unknown> }>,
    timeline: [] as TimelineDraft[],
  };
  for (const [key, a] of attributed) {
    const row = relations.find((r) => pairKey(r.externalUserId, r.userId) === key);
    if (!row) continue;
    row.channelId = a.channelId;
    const evidence = { channelId: a.channelId, channelName: a.channelName };
    if (row.status === FollowStatus.Active)
      for (const tagId of a.tagIds)
        out.marks.push({
          externalUserId: row.externalUserId,
          userId: row.userId,
          tagId,
          source: TagSource.Channel,
          evidence,
        });
    out.timeline.push({
      kind: TimelineKind.ChannelAdded,
      externalUserId: row.externalUserId,
      userId: row.userId,
      detail: { ...evidence, tagIds: a.tagIds, remark: a.remark },
      occurredAt: row.addedAt ?? new Date(),
      dedupeKey: a.dedupeKey,
    });
  }
  return out;
}

const byPair = (a: RelationRow, b: RelationRow) =>
  a.externalUserId < b.externalUserId
    ? -1
    : a.externalUserId > b.externalUserId
      ? 1
      : a.userId < b.userId
        ? -1
        : a.userId > b.userId
          ? 1
          : 0;

/** A customer given twice (detail and batch item, or two details) becomes one snapshot. */
function mergeSameCustomer(snapshots: CustomerSnapshot[]): CustomerSnapshot[] {
  const out = new Map<string, CustomerSnapshot>();
  for (const s of snapshots) {
    const prev = out.get(s.externalUserId);
    if (!prev) {
      out.set(s.externalUserId, { ...s, follows: [...s.follows] });
      continue;
    }
    const byUser = new Map(prev.follows.map((f) => [f.userId, f]));
    for (const f of s.follows) byUser.set(f.userId, f);
    prev.follows = [...byUser.values()];
    prev.complete = prev.complete || s.complete;
    prev.contact = s.contact ?? prev.contact;
  }
  return [...out.values()];
}
