import { Injectable, Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { RelationCountsService } from '../../customers/relation-counts.service';
import { JobQueueService } from '../../queue/job-queue.service';
import { StaffService } from '../../staff/staff.service';
import { JobName } from '../../queue/queue-names';
import { ContactWaysClient } from '../../wecom/areas/contact-ways.client';
import { WecomApiException } from '../../wecom/wecom-api.exception';
import { ChannelRepository } from '../channel.repository';
import { ChannelEntity, ChannelStatus, ChannelType } from '../entities/channel.entity';
import { PoolMemberView } from '../dto/channel.dto';
import { planPool, PoolMember, PoolMode, PoolPlan } from '../strategy/assignment';
import { dayKey } from '../strategy/working-hours';

/** Errcode of an unknown config_id: the contact way is already gone in WeCom. */
export const UNKNOWN_CONFIG_ID = 41044;
const KEEPER_PAGE = 500;

export interface SyncPoolJobData {
  corpId: string;
  channelId: string;
}

/** The pool of a channel resolved against the mirror, and the plan for its contact way. */
export interface ResolvedPool {
  members: PoolMember[];
  /** Departments passed to WeCom as `party` when the mirror cannot expand them. */
  party: number[];
  plan: PoolPlan;
  names: Map<string, string>;
  assignedToday: Map<string, number>;
  /** Members of channel.staff the mirror says WeCom would refuse, with a sentence each. */
  problems: Record<string, string>;
}

/** A staff member WeCom would refuse on a contact way, in a sentence (null when fine). */
export function staffProblem(
  userId: string,
  row:
    | { name: string; customerContact: boolean; wecomStatus: number; departedAt: Date | null }
    | undefined,
): string | null {
  if (!row)
    return `${userId} is not a member of this corp's address book (check the userid, or sync the staff list).`;
  const who = row.name ? `${row.name} (${userId})` : userId;
  if (row.departedAt || row.wecomStatus === 5) return `${who} has left the company.`;
  if (row.wecomStatus === 2) return `${who} is disabled in WeCom.`;
  if (row.wecomStatus === 4) return `${who} has not activated WeCom yet.`;
  if (row.wecomStatus !== 1) return `${who} is not active in WeCom (status ${row.wecomStatus}).`;
  if (!row.customerContact)
    return `${who} has no customer-contact permission (客户联系) or is outside the app's range: an admin must add them in WeCom's admin console before they can receive customers.`;
  return null;
}

/**
 * Keeps each channel's WeCom contact way in step with its strategy: resolves the pool (staff,
 * departments expanded through the mirror), plans who goes on the code now (hours, caps,
 * backups, shares) and calls update_contact_way only when that set changed.
 */
@Injectable()
export class ChannelPoolService {
  private readonly logger = new Logger(ChannelPoolService.name);
  /** The last one-second keeper pass this process asked for, per channel. */
  private readonly requestedBucket = new LRUCache<string, number>({ max: 10_000 });

  constructor(
    private readonly channels: ChannelRepository,
    private readonly contactWays: ContactWaysClient,
    private readonly jobs: JobQueueService,
    private readonly staff: StaffService,
    private readonly relations: RelationCountsService,
  ) {}

  async resolve(
    channel: Pick<
      ChannelEntity,
      'id' | 'corpId' | 'type' | 'strategy' | 'staff' | 'departmentIds' | 'timezone'
    >,
    now: Date,
  ): Promise<ResolvedPool> {
    const members: PoolMember[] = channel.staff.map((s) => ({
      userId: s.userId,
      weight: s.weight ?? 1,
      dailyCap: s.dailyCap ?? null,
      hours: s.hours ?? null,
      backup: !!s.backup,
    }));
    let party: number[] = [];
    if (channel.departmentIds.length) {
      const tree = await this.staff.departmentTree(channel.corpId);
      if (tree.length === 0) {
        party = [...channel.departmentIds]; // no department mirror: WeCom expands them itself
      } else {
        const ids = subtree(tree, channel.departmentIds);
        const listed = new Set(members.map((m) => m.userId));
        for (const userId of await this.staff.contactStaffInDepartments(channel.corpId, ids)) {
          if (listed.has(userId)) continue;
          members.push({ userId, weight: 1, dailyCap: null, hours: null, backup: false });
        }
      }
    }
    const ids = members.map((m) => m.userId);
    const mirror = await this.staff.hasStaffMirror(channel.corpId);
    const rows = mirror ? await this.staff.availability(channel.corpId, ids) : [];
    const byId = new Map(rows.map((r) => [r.userId, r]));
    const unavailable = new Set<string>();
    const problems: Record<string, string> = {};
    if (mirror) {
      for (const id of ids) {
        const problem = staffProblem(id, byId.get(id));
        if (problem) {
          unavailable.add(id);
          problems[id] = problem;
        }
      }
    }
    const assignedToday = channel.id
      ? await this.channels.assignedOn(channel.id, dayKey(now, channel.timezone))
      : new Map<string, number>();
    const activeCustomers =
      channel.strategy === 'least_loaded'
        ? await this.relations.activeCountByStaff(channel.corpId, ids)
        : new Map<string, number>();
    const plan = planPool(
      { strategy: channel.strategy, single: channel.type === ChannelType.Single, members },
      { assignedToday, activeCustomers, unavailable },
      now,
    );
    const names = new Map(rows.map((r) => [r.userId, r.name]));
    return { members, party, plan, names, assignedToday, problems };
  }

  /** What the keeper would put on the code now, member by member (for the console). */
  async preview(channel: ChannelEntity, now = new Date()) {
    const r = await this.resolve(channel, now);
    const reasons = new Map(r.plan.excluded.map((e) => [e.userId, e.reason]));
    const members: PoolMemberView[] = r.members.map((m) => ({
      userId: m.userId,
      name: r.names.get(m.userId) ?? null,
      onCode: r.plan.pool.includes(m.userId),
      reason: reasons.get(m.userId),
      assignedToday: r.assignedToday.get(m.userId) ?? 0,
    }));
    return {
      mode: r.plan.mode,
      pool: r.plan.pool,
      members,
      changed: !sameSet(r.plan.pool, channel.poolUserIds ?? []),
    };
  }

  /**
   * One keeper pass over one channel. Expired channels lose their WeCom contact way. A WeCom
   * failure is recorded on the channel (pool_error) and retried by the next pass.
   */
  async sync(corpId: string, channelId: string, now = new Date()): Promise<{ changed: boolean }> {
    const channel = await this.channels.findById(corpId, channelId);
    if (!channel || !channel.configId || channel.status !== ChannelStatus.Active)
      return { changed: false };
    if (channel.expiresAt && channel.expiresAt.getTime() <= now.getTime()) {
      await this.removeContactWay(corpId, channel.configId);
      await this.channels.update(corpId, channelId, {
        status: ChannelStatus.Expired,
        poolUserIds: [],
        poolSyncedAt: now,
        poolError: null,
      });
      this.logger.log({ corpId, channelId }, 'channel expired: contact way removed');
      return { changed: true };
    }
    const r = await this.resolve(channel, now);
    if (r.plan.mode === PoolMode.Empty && r.party.length === 0) {
      const why = Object.values(r.problems).join(' ');
      await this.channels.update(corpId, channelId, {
        poolMode: r.plan.mode,
        poolSyncedAt: now,
        poolError:
          `Nobody in this channel can receive customers; the code keeps its members. ${why}`.slice(
            0,
            500,
          ),
      });
      return { changed: false };
    }
    if (sameSet(r.plan.pool, channel.poolUserIds ?? []) && channel.poolMode === r.plan.mode) {
      if (channel.poolError) await this.channels.update(corpId, channelId, { poolError: null });
      return { changed: false };
    }
    if (!sameSet(r.plan.pool, channel.poolUserIds ?? [])) {
      try {
        await this.contactWays.updateContactWay(corpId, {
          config_id: channel.configId,
          user: r.plan.pool,
          ...(r.party.length ? { party: r.party } : {}),
        });
      } catch (err) {
        if (!(err instanceof WecomApiException)) throw err;
        await this.channels.update(corpId, channelId, {
          poolError: `WeCom refused the new members: ${err.message}`.slice(0, 500),
          poolSyncedAt: now,
        });
        if (err.isRetryable) throw err;
        return { changed: false };
      }
    }
    await this.channels.update(corpId, channelId, {
      poolUserIds: r.plan.pool,
      poolMode: r.plan.mode,
      poolSyncedAt: now,
      poolError: null,
    });
    return { changed: true };
  }

  /** del_contact_way; an id WeCom no longer knows counts as removed. */
  async removeContactWay(corpId: string, configId: string): Promise<void> {
    try {
      await this.contactWays.deleteContactWay(corpId, configId);
    } catch (err) {
      if (err instanceof WecomApiException && err.errcode === UNKNOWN_CONFIG_ID) return;
      throw err;
    }
  }

  /**
   * Asks for a keeper pass of one channel, coalesced per second: every add within the same
   * second shares one pass, which runs once the second is over and sees all their counts.
   */
  async requestSync(corpId: string, channelId: string): Promise<void> {
    const now = Date.now();
    const bucket = Math.ceil((now + 1) / 1000);
    // this process already asked for this second's pass (a burst of adds: one Redis call a second)
    if (this.requestedBucket.get(channelId) === bucket) return;
    await this.jobs.enqueue<SyncPoolJobData>(
      JobName.SyncChannelPool,
      { corpId, channelId },
      { jobId: `channel-pool:${channelId}:${bucket}`, delay: bucket * 1000 - now },
    );
    this.requestedBucket.set(channelId, bucket);
  }

  /** The repeatable pass: a keeper job per live channel (hours start and end, days roll over). */
  async syncAll(): Promise<number> {
    let after = '0';
    let n = 0;
    for (;;) {
      const page = await this.channels.listLive(after, KEEPER_PAGE);
      if (page.length === 0) return n;
      for (const c of page) await this.requestSync(c.corpId, c.id);
      n += page.length;
      after = page[page.length - 1].id;
    }
  }
}

export function sameSet(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}

/** The departments and all their descendants. */
export function subtree(tree: Array<{ id: number; parentId: number }>, roots: number[]): number[] {
  const children = new Map<number, number[]>();
  for (const d of tree) {
    const list = children.get(d.parentId) ?? [];
    list.push(d.id);
    children.set(d.parentId, list);
  }
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
