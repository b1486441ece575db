import { Injectable } from '@nestjs/common';
import { groupBy } from '../common/collections';
import type {
  BatchCustomer,
  ExternalContact,
  FollowUser,
} from '../wecom/areas/external-contacts.types';
import { CustomerTagMarkRepository } from './customer-tag-mark.repository';
import { CustomerTimelineRepository } from './customer-timeline.repository';
import { CustomerRepository } from './customer.repository';
import {
  CustomerSnapshot,
  MirrorStep,
  RelationRow,
  StepsPlan,
  STATUS_WHEN_MISSING,
  planSnapshots,
  planSteps,
  snapshotFromDetail,
  snapshotsFromBatch,
  stepCustomer,
} from './customer-mirror.rules';
import { FollowRelationRepository } from './follow-relation.repository';
import { MirrorTransactionRepository } from './mirror-transaction.repository';

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
export class CustomerMirrorService {
  constructor(
    private readonly tx: MirrorTransactionRepository,
    private readonly customers: CustomerRepository,
    private readonly relations: FollowRelationRepository,
    private readonly marks: CustomerTagMarkRepository,
    private readonly timeline: CustomerTimelineRepository,
  ) {}

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
   * After a full sync that started at `observedAt`: active relations of these staff that no
   * snapshot of the run reported (their last_event_time is older) are ended.
   */
  closeRelationsNotSeenSince(corpId: string, userIds: string[], observedAt: number) {
    return this.relations.closeNotSeenSince(corpId, userIds, observedAt, STATUS_WHEN_MISSING);
  }

  private applyMerged(
    corpId: string,
    snapshots: CustomerSnapshot[],
    observedAt: number,
    ref: string,
  ): Promise<ApplyResult> {
    const ids = [...new Set(snapshots.map((s) => s.externalUserId))];
    return this.tx.run(async (tx) => {
      const existing = await this.relations.lockByCustomers(tx, corpId, ids);
      const marks = await this.marks.lockByCustomers(tx, corpId, ids);
      const plan = planSnapshots(snapshots, existing, marks, {
        observedAt,
        ref,
        tagSource: 'sync',
      });
      const contacts = snapshots.flatMap((s) => (s.contact ? [s.contact] : []));
      await this.customers.upsertMany(tx, corpId, contacts, plan.firstAddedAt, new Date());
      await this.relations.upsertMany(tx, corpId, plan.relations);
      await this.marks.deleteMany(tx, corpId, plan.removeMarks);
      await this.marks.insertMany(tx, corpId, plan.addMarks);
      const entries = plan.timeline;
      await this.timeline.insertMany(tx, corpId, entries);
      return {
        customers: contacts.length,
        relationsWritten: plan.relations.length,
        marksAdded: plan.addMarks.length,
        marksRemoved: plan.removeMarks.length,
        timelineEntries: entries.length,
      };
    });
  }

  /**
   * Callback events of many customers at once (a batch of the inbox): one transaction over the
   * customers' locked rows, each customer's steps planned in order (`planSteps`), and only the
   * end state written, in a constant number of statements. Rows are written in key order, so two
   * batches lock them in the same order.
   */
  applySteps(corpId: string, steps: MirrorStep[]): Promise<ApplyResult> {
    const byCustomer = groupBy(steps, stepCustomer);
    const ids = [...byCustomer.keys()].sort();
    return this.tx.run(async (tx) => {
      const existing = groupBy(
        await this.relations.lockByCustomers(tx, corpId, ids),
        (r) => r.externalUserId,
      );
      const marks = groupBy(
        await this.marks.lockByCustomers(tx, corpId, ids),
        (m) => m.externalUserId,
      );
      const all: StepsPlan[] = ids.map((id) =>
        planSteps(byCustomer.get(id) ?? [], existing.get(id) ?? [], marks.get(id) ?? []),
      );
      const firstAddedAt = new Map(all.flatMap((p) => [...p.firstAddedAt]));
      const contacts = all.flatMap((p) => p.contacts);
      const relations = all.flatMap((p) => p.relations).sort((a, b) => byPair(a, b));
      const addMarks = all.flatMap((p) => p.addMarks);
      const removeMarks = all.flatMap((p) => p.removeMarks);
      const timeline = all.flatMap((p) => p.timeline);
      await this.customers.upsertMany(tx, corpId, contacts, firstAddedAt, new Date());
      await this.relations.upsertMany(tx, corpId, relations);
      await this.marks.deleteMany(tx, corpId, removeMarks);
      await this.marks.insertMany(tx, corpId, addMarks);
      await this.timeline.insertMany(tx, corpId, timeline);
      return {
        customers: contacts.length,
        relationsWritten: relations.length,
        marksAdded: addMarks.length,
        marksRemoved: removeMarks.length,
        timelineEntries: timeline.length,
      };
    });
  }
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
