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

const BATCH = 5000;
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
    const groups = b.audience.type === 'groups';
    const chunker = new TaskChunker(groups ? MAX_GROUPS_PER_TASK : MAX_CUSTOMERS_PER_TASK);
    const { start, cap } = receiveWindow(await this.repo.receiveLimit(b.corpId), Date.now());
    let planned = 0;
    let excluded = 0;
    // the receive-limit lookup only matters once something was sent in the period
    const limitApplies = await this.repo.anySentSince(b.corpId, start);
    // the next batch is read from the audience while the previous one is written
    let writing: Promise<void> = Promise.resolve();
    for await (const batch of this.recipients(b.corpId, b.audience, b.senderUserIds)) {
      const received = limitApplies
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
      await writing;
      writing = this.repo.insertRecipients(b.id, b.corpId, rows).then(renew);
      writing.catch(() => undefined); // awaited (and thrown) on the next batch or after the loop
    }
    await writing;
    const tasks = chunker.tasks();
    await this.repo.insertTasks(b.id, tasks);
    return { planned, excluded, tasks: tasks.length };
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
