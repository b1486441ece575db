import { Injectable } from '@nestjs/common';
import { AudienceService } from '../audience/audience.service';
import { SegmentService } from '../audience/segments/segment.service';
import { GroupService } from '../groups/group.service';
import { StaffService } from '../staff/staff.service';
import { BroadcastRepository, BroadcastRow, NewRecipient } from './broadcast.repository';
import {
  CustomerAudience,
  GroupAudience,
  MAX_CUSTOMERS_PER_TASK,
  MAX_GROUPS_PER_TASK,
  RecipientStatus,
} from './broadcast.types';
import { receiveWindow } from './receive-limit';

/** One recipient (customer or group) with the member who sends to it. */
export interface PlannedRecipient {
  recipientId: string;
  senderUserId: string;
}

const BATCH = 2000;
/** Relations per range of a filter's plan written inside the database (docs/broadcasts.md). */
export const PLAN_RANGE_RELATIONS = 50_000;
const LEASE_HEARTBEAT_MS = 1000;
const GROUP_PAGE = 200;

/**
 * Splits recipients into add_msg_template tasks as they stream by: one open task per sender,
 * closed at `max`. Memory is one counter per sender plus one entry per closed task, never the
 * recipients: a million customers of 500 staff is ~600 entries.
 */
export class TaskChunker {
  private readonly open = new Map<string, { seq: number; count: number }>();
  private readonly closed: Array<{ seq: number; senderUserId: string; recipientCount: number }> =
    [];
  private nextSeq = 1;

  constructor(private readonly max: number) {}

  /** The task (seq) of the next recipient of `sender`. */
  add(sender: string): number {
    let t = this.open.get(sender);
    if (!t || t.count === this.max) {
      if (t) this.closed.push({ seq: t.seq, senderUserId: sender, recipientCount: t.count });
      t = { seq: this.nextSeq++, count: 0 };
      this.open.set(sender, t);
    }
    t.count++;
    return t.seq;
  }

  tasks(): Array<{ seq: number; senderUserId: string; recipientCount: number }> {
    const all = [
      ...this.closed,
      ...[...this.open].map(([senderUserId, t]) => ({
        seq: t.seq,
        senderUserId,
        recipientCount: t.count,
      })),
    ];
    return all.sort((a, b) => a.seq - b.seq);
  }
}

/**
 * Writes a broadcast's plan (its tasks and each recipient once, with its sender and task) from
 * the audience's stream, before any WeCom call. Recipients who already received as many mass
 * messages as the corp's receive limit allows in the current period are written as excluded.
 */
@Injectable()
export class BroadcastPlannerService {
  constructor(
    private readonly repo: BroadcastRepository,
    private readonly audience: AudienceService,
    private readonly segments: SegmentService,
    private readonly groups: GroupService,
    private readonly staff: StaffService,
  ) {}

  /** PLAN_RANGE_RELATIONS; tests set it small to write a plan in several ranges. */
  rangeRelations = PLAN_RANGE_RELATIONS;

  /** The recipients, in batches, each once with its sender. */
  async *recipients(
    corpId: string,
    audience: CustomerAudience | GroupAudience,
    senderUserIds: string[] | null,
  ): AsyncIterable<PlannedRecipient[]> {
    if (audience.type === 'groups') {
      yield* this.groupRecipients(corpId, audience);
      return;
    }
    const senders = senderUserIds?.length ? senderUserIds : undefined;
    if (audience.type === 'list') {
      const ids = [...new Set(audience.externalUserIds)];
      for (let i = 0; i < ids.length; i += BATCH) {
        const part = ids.slice(i, i + BATCH);
        const found = await this.audience.recipientsOf(corpId, part, senders);
        yield found.map((r) => ({ recipientId: r.externalUserId, senderUserId: r.userId }));
      }
      return;
    }
    const filter =
      audience.type === 'segment'
        ? (await this.segments.get(corpId, audience.segmentId)).filter
        : audience.filter;
    for await (const batch of this.audience.streamRecipients(corpId, filter, {
      senderUserIds: senders,
      batchSize: BATCH,
    }))
      yield batch.map((r) => ({ recipientId: r.externalUserId, senderUserId: r.userId }));
  }

  /** Groups by owner, name, owner's department (sub-departments included) or by hand. */
  private async *groupRecipients(
    corpId: string,
    a: GroupAudience,
  ): AsyncIterable<PlannedRecipient[]> {
    let owners: Set<string> | null = a.ownerUserIds?.length ? new Set(a.ownerUserIds) : null;
    if (a.ownerDepartmentIds?.length) {
      const tree = await this.staff.departmentTree(corpId);
      const sub = subtree(tree, a.ownerDepartmentIds);
      const inDept = new Set(await this.staff.contactStaffInDepartments(corpId, sub));
      owners = owners ? new Set([...owners].filter((o) => inDept.has(o))) : inDept;
    }
    const chatIds = a.chatIds?.length ? new Set(a.chatIds) : null;
    const name = a.nameContains?.trim().toLowerCase();
    let cursor: string | undefined;
    for (;;) {
      const page = await this.groups.list({ corpId, cursor, limit: GROUP_PAGE });
      const batch = page
        .filter(
          (g) =>
            !g.dismissedAt &&
            (!owners || owners.has(g.ownerUserId)) &&
            (!chatIds || chatIds.has(g.chatId)) &&
            (!name || g.name.toLowerCase().includes(name)),
        )
        .map((g) => ({ recipientId: g.chatId, senderUserId: g.ownerUserId }));
      if (batch.length) yield batch;
      if (page.length < GROUP_PAGE) break;
      cursor = page[page.length - 1].chatId;
    }
  }

  /**
   * Writes the plan of a broadcast in state planning (starting over if a previous attempt died
   * half-way: nothing was sent then). `renew` keeps the runner's lease while it writes.
   */
  async plan(
    b: BroadcastRow,
    renew: () => Promise<void>,
  ): Promise<{ planned: number; excluded: number; tasks: number }> {
    await this.repo.clearPlan(b.id);
    const { start, cap } = receiveWindow(await this.repo.receiveLimit(b.corpId), Date.now());
    // the receive-limit lookup only matters once something was sent in the period
    const limitApplies = await this.repo.anySentSince(b.corpId, start);
    const limit = limitApplies ? { since: start, cap } : undefined;
    if (b.audience.type === 'filter' || b.audience.type === 'segment')
      return this.planInDatabase(b, b.audience, limit, renew);
    const groups = b.audience.type === 'groups';
    const chunker = new TaskChunker(groups ? MAX_GROUPS_PER_TASK : MAX_CUSTOMERS_PER_TASK);
    let planned = 0;
    let excluded = 0;
    for await (const batch of this.recipients(b.corpId, b.audience, b.senderUserIds)) {
      const received = limit
        ? await this.repo.receivedSince(
            b.corpId,
            batch.map((r) => r.recipientId),
            start,
          )
        : new Map<string, number>();
      const rows: NewRecipient[] = batch.map((r) => {
        if ((received.get(r.recipientId) ?? 0) >= cap) {
          excluded++;
          return { ...r, taskSeq: null, status: RecipientStatus.Excluded };
        }
        planned++;
        return { ...r, taskSeq: chunker.add(r.senderUserId), status: RecipientStatus.Pending };
      });
      await this.repo.insertRecipients(b.id, b.corpId, rows);
      await renew();
    }
    const tasks = chunker.tasks();
    await this.repo.insertTasks(b.id, tasks);
    return { planned, excluded, tasks: tasks.length };
  }

  /**
   * A filter's or segment's plan written inside the database, a range of about
   * PLAN_RANGE_RELATIONS relations (in external_userid order) at a time: the audience module's
   * selection (streamRecipients' rule) with the receive limit staged in one statement, counted
   * per sender, then copied with each recipient's task in another. Node holds one open task per
   * sender and the closed tasks, never the recipients. The lease is renewed while the
   * statements run (a slow range must not let the sweeper start a second run).
   */
  private async planInDatabase(
    b: BroadcastRow,
    audience: Exclude<CustomerAudience, { type: 'list' }>,
    limit: { since: Date; cap: number } | undefined,
    renew: () => Promise<void>,
  ): Promise<{ planned: number; excluded: number; tasks: number }> {
    const filter =
      audience.type === 'segment'
        ? (await this.segments.get(b.corpId, audience.segmentId)).filter
        : audience.filter;
    const selector = await this.audience.recipientSelector(b.corpId, filter, {
      senderUserIds: b.senderUserIds ?? undefined,
    });
    const tasks = new RangeTaskAllocator(MAX_CUSTOMERS_PER_TASK);
    let excluded = 0;
    const writer = await this.repo.planWriter(b.id, b.corpId);
    const heartbeat = setInterval(() => void renew().catch(() => undefined), LEASE_HEARTBEAT_MS);
    try {
      let after: string | undefined;
      for (;;) {
        const upTo = await selector.nextRangeEnd(after, this.rangeRelations);
        const staged = await writer.stage(selector.select({ after, upTo }), limit);
        await writer.write(tasks.assign(staged.pending), MAX_CUSTOMERS_PER_TASK);
        excluded += staged.excluded;
        await renew();
        if (upTo === undefined) break;
        after = upTo;
      }
    } finally {
      clearInterval(heartbeat);
      await writer.close();
    }
    const all = tasks.tasks();
    await this.repo.insertTasks(b.id, all);
    return {
      planned: all.reduce((n, t) => n + t.recipientCount, 0),
      excluded,
      tasks: all.length,
    };
  }
}

/**
 * TaskChunker by counts, for a plan written a range at a time: given how many recipients each
 * sender has in the next range, where they go (the room left in the sender's open task, then
 * new tasks of `max`, numbered on from the last). The same tasks as TaskChunker would make.
 */
export class RangeTaskAllocator {
  private readonly open = new Map<string, { seq: number; count: number }>();
  private readonly closed: Array<{ seq: number; senderUserId: string; recipientCount: number }> =
    [];
  private nextSeq = 1;

  constructor(private readonly max: number) {}

  assign(
    counts: Array<{ sender: string; n: number }>,
  ): Array<{ sender: string; n: number; openSeq: number; room: number; nextSeq: number }> {
    return counts.map(({ sender, n }) => {
      const t = this.open.get(sender);
      const room = t ? Math.min(this.max - t.count, n) : 0;
      const openSeq = t?.seq ?? 0;
      if (t) t.count += room;
      const rest = n - room;
      const first = this.nextSeq;
      if (rest > 0) {
        if (t) this.closed.push({ seq: t.seq, senderUserId: sender, recipientCount: t.count });
        const full = Math.ceil(rest / this.max);
        for (let k = 0; k < full - 1; k++)
          this.closed.push({ seq: first + k, senderUserId: sender, recipientCount: this.max });
        this.open.set(sender, { seq: first + full - 1, count: rest - (full - 1) * this.max });
        this.nextSeq += full;
      }
      return { sender, n, openSeq, room, nextSeq: first };
    });
  }

  tasks(): Array<{ seq: number; senderUserId: string; recipientCount: number }> {
    return [
      ...this.closed,
      ...[...this.open].map(([senderUserId, t]) => ({
        seq: t.seq,
        senderUserId,
        recipientCount: t.count,
      })),
    ].sort((a, b) => a.seq - b.seq);
  }
}

/** The departments and all their descendants. */
export function subtree(tree: Array<{ id: number; parentId: number }>, roots: number[]): number[] {
  const children = new Map<number, number[]>();
  for (const d of tree) children.set(d.parentId, [...(children.get(d.parentId) ?? []), d.id]);
  const out = new Set<number>();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return [...out];
}
