import { Injectable, Logger } from '@nestjs/common';
import { InboxEvent, OnWecomEvent } from '../callbacks/callback-event-handler.registry';
import { Event, ExternalChatEvent } from '../wecom/events/wecom-event';
import { tzOffsetMinutes } from '../channels/strategy/working-hours';
import { lastLocalDays } from '../common/local-days';
import { TimelineEntry, TimelineKind } from '../customers/customer-timeline.entries';
import { CustomerTimelineService } from '../customers/customer-timeline.service';
import { OnDomainEvent } from '../events/domain-event-bus';
import type { StaffUserIdRenamed } from '../events/domain-events';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName } from '../queue/queue-names';
import { MirrorLock } from '../common/mirror-lock/mirror-lock';
import { WecomApiException } from '../wecom/wecom-api.exception';
import { CustomerGroupsClient } from '../wecom/areas/customer-groups.client';
import type { GroupChat } from '../wecom/areas/customer-groups.types';
import {
  GroupChatDetailDto,
  GroupChatResponseDto,
  GroupDailyDto,
  GroupDailyQueryDto,
  ListGroupsQueryDto,
  toGroupChatDetail,
  toGroupChatResponse,
} from './dto/group.dto';
import { GroupException } from './group.exception';
import { GroupMembershipRow, GroupRepository, GroupSnapshot } from './group.repository';

export type { GroupMembershipRow };

/** groupchat/get: chat not found (dismissed, or never existed). */
const CHAT_NOT_FOUND = 40050;
/** WeCom: a group event may come before groupchat/get shows it; read ~2 s after the event. */
export const GROUP_READ_DELAY_MS = 2000;

/** What a RefreshGroupChat job carries: the event's facts, so the job needs no other read. */
export interface GroupRefreshJobData {
  corpId: string;
  chatId: string;
  eventId: string;
  changeType: string;
  updateDetail: string;
  createTime: number;
  quitScene: number | null;
  joinScene: number | null;
  memChangeList: string[] | null;
}

export type GroupRefreshOutcome = 'applied' | 'stale' | 'dismissed';

export function toGroupSnapshot(g: GroupChat): GroupSnapshot {
  return {
    chatId: g.chat_id,
    name: g.name ?? '',
    ownerUserId: g.owner ?? '',
    notice: g.notice ?? '',
    createTime: g.create_time ?? 0,
    memberVersion: g.member_version ?? null,
    members: (g.member_list ?? []).map((x) => ({
      memberId: x.userid,
      type: x.type,
      name: x.name ?? '',
      groupNickname: x.group_nickname ?? '',
      unionId: x.unionid ?? null,
      joinTime: x.join_time ?? 0,
      joinScene: x.join_scene ?? 0,
      invitorUserId: x.invitor?.userid ?? null,
    })),
  };
}

/** The job data of a change_external_chat event (MemChangeList is `<Item>` elements). */
export function toRefreshJobData(event: InboxEvent<ExternalChatEvent>): GroupRefreshJobData {
  const p = event.payload;
  const update = p.type === 'change_external_chat/update' ? p : undefined;
  return {
    corpId: event.corpId,
    chatId: p.ChatId,
    eventId: String(event.id),
    changeType: event.changeType,
    updateDetail: update?.UpdateDetail ?? '',
    createTime: event.createTime,
    quitScene: update?.QuitScene ?? null,
    joinScene: update?.JoinScene ?? null,
    memChangeList: update?.MemChangeList ?? null,
  };
}

/** Customer ids are external userids: wm… (WeChat) or wo… (WeCom users). */
const looksExternal = (id: string) => /^w[mo]/.test(id);

/**
 * group_joined / group_left timeline entries of an event for its customer members, with the
 * dedupe key `<eventId>:<kind>:<externalUserId>` (a replay writes nothing twice).
 */
export function timelineEntries(
  data: GroupRefreshJobData,
  chat: { name: string; ownerUserId: string } | null,
  joined: string[],
  left: string[],
  types: Map<string, number>,
): TimelineEntry[] {
  const isCustomer = (id: string) => (types.get(id) ?? (looksExternal(id) ? 2 : 1)) === 2;
  const occurredAt = new Date(data.createTime * 1000);
  const base = (kind: string, id: string) => ({
    externalUserId: id,
    userId: chat?.ownerUserId || null,
    occurredAt,
    dedupeKey: `${data.eventId}:${kind}:${id}`,
  });
  const where = { chatId: data.chatId, chatName: chat?.name ?? '' };
  return [
    ...joined.filter(isCustomer).map((id): TimelineEntry => ({
      ...base(TimelineKind.GroupJoined, id),
      kind: TimelineKind.GroupJoined,
      detail: { ...where, ...(data.joinScene !== null ? { joinScene: data.joinScene } : {}) },
    })),
    ...left.filter(isCustomer).map((id): TimelineEntry => ({
      ...base(TimelineKind.GroupLeft, id),
      kind: TimelineKind.GroupLeft,
      detail: { ...where, ...(data.quitScene !== null ? { quitScene: data.quitScene } : {}) },
    })),
  ];
}

/**
 * The customer group mirror. create/update events are applied by re-reading groupchat/get
 * (in a delayed job, ~2 s after the event); CreateTime against group_chat.last_event_time keeps
 * an older event from overwriting a newer state. dismiss is applied directly.
 */
@Injectable()
export class GroupService {
  private readonly logger = new Logger(GroupService.name);

  constructor(
    private readonly repo: GroupRepository,
    private readonly customerGroups: CustomerGroupsClient,
    private readonly lock: MirrorLock,
    private readonly jobs: JobQueueService,
    private readonly timeline: CustomerTimelineService,
  ) {}

  /** Groups a customer is or was in (the customer's detail). */
  membershipsOf(corpId: string, externalUserId: string): Promise<GroupMembershipRow[]> {
    return this.repo.membershipsOf(corpId, externalUserId);
  }

  /** Members and chat owners follow a renamed userid (group_member, group_chat are ours). */
  @OnDomainEvent('StaffUserIdRenamed')
  onStaffUserIdRenamed(e: StaffUserIdRenamed): Promise<void> {
    return this.lock.run(`groups-rename:${e.corpId}`, () =>
      this.repo.renameUserId(e.corpId, e.oldUserId, e.newUserId),
    );
  }

  /** Callback handler: dismiss now; create/update through a delayed re-read job. */
  @OnWecomEvent(Event.ChangeExternalChat)
  async handleChatEvent(event: InboxEvent<ExternalChatEvent>): Promise<void> {
    const data = toRefreshJobData(event);
    if (!data.chatId) return;
    if (event.changeType === 'dismiss') {
      await this.lock.run(`group:${data.corpId}:${data.chatId}`, () =>
        this.repo.markDismissed(
          data.corpId,
          data.chatId,
          data.createTime,
          new Date(data.createTime * 1000),
        ),
      );
      return;
    }
    const due = data.createTime * 1000 + GROUP_READ_DELAY_MS - Date.now();
    await this.jobs.enqueue(JobName.RefreshGroupChat, data, {
      jobId: `group-refresh:${data.corpId}:${data.eventId}:${event.attempts}`,
      delay: Math.min(GROUP_READ_DELAY_MS, Math.max(0, due)),
    });
  }

  /** Job: re-read the chat and apply it for one event (idempotent, order-safe). */
  async refreshFromEvent(data: GroupRefreshJobData): Promise<GroupRefreshOutcome> {
    return this.lock.run(`group:${data.corpId}:${data.chatId}`, async () => {
      const row = await this.repo.findChat(data.corpId, data.chatId);
      const quitting = data.updateDetail === 'del_member' ? (data.memChangeList ?? []) : [];
      if (row && row.lastEventTime > data.createTime) {
        // a newer event was applied already: its re-read is newer than anything we could read
        if (quitting.length && data.quitScene !== null)
          await this.repo.fillQuitScene(data.corpId, data.chatId, quitting, data.quitScene);
        await this.writeTimeline(data, row, data.memChangeList ?? [], null);
        return 'stale';
      }
      let chat: GroupChat;
      try {
        chat = (await this.customerGroups.getGroupChat(data.corpId, data.chatId)).group_chat;
      } catch (err) {
        if (!(err instanceof WecomApiException && err.errcode === CHAT_NOT_FOUND)) throw err;
        await this.repo.markDismissed(data.corpId, data.chatId, data.createTime, new Date());
        return 'dismissed';
      }
      const snap = toGroupSnapshot(chat);
      const res = await this.repo.applySnapshot(data.corpId, snap, {
        observedAt: Math.floor(Date.now() / 1000),
        eventTime: data.createTime,
        quit:
          quitting.length && data.quitScene !== null
            ? { memberIds: quitting, scene: data.quitScene }
            : undefined,
      });
      // another event's re-read may have marked the leavers already, without their QuitScene
      if (res.applied && quitting.length && data.quitScene !== null)
        await this.repo.fillQuitScene(data.corpId, data.chatId, quitting, data.quitScene);
      const types = new Map(snap.members.map((x) => [x.memberId, x.type]));
      for (const l of res.left) types.set(l.memberId, l.type);
      // create: who was in the chat at its creation (a later joiner has its own add_member event)
      const joined =
        data.changeType === 'create'
          ? res.joined.filter((j) => j.joinTime <= data.createTime)
          : res.joined;
      await this.writeTimeline(
        data,
        snap,
        joined.map((j) => j.memberId),
        res.left.map((l) => l.memberId),
        types,
      );
      return res.applied ? 'applied' : 'stale';
    });
  }

  /** Full sync: one chat from groupchat/get (skipped if an event newer than the read won). */
  async syncChat(corpId: string, chatId: string, wecomStatus?: number): Promise<boolean> {
    return this.lock.run(`group:${corpId}:${chatId}`, async () => {
      const observedAt = Math.floor(Date.now() / 1000);
      let chat: GroupChat;
      try {
        chat = (await this.customerGroups.getGroupChat(corpId, chatId)).group_chat;
      } catch (err) {
        if (err instanceof WecomApiException && err.errcode === CHAT_NOT_FOUND) return false;
        throw err;
      }
      const res = await this.repo.applySnapshot(corpId, toGroupSnapshot(chat), {
        observedAt,
        wecomStatus,
      });
      return res.applied;
    });
  }

  markUnseenDismissed(corpId: string, runStart: Date): Promise<number> {
    return this.repo.markUnseenDismissed(corpId, runStart);
  }

  async list(q: ListGroupsQueryDto): Promise<GroupChatResponseDto[]> {
    const rows = await this.repo.listChats(q.corpId, {
      ownerUserId: q.ownerUserId,
      cursor: q.cursor,
      limit: q.limit ?? 50,
    });
    const counts = await this.repo.memberCounts(
      q.corpId,
      rows.map((r) => r.chatId),
    );
    return rows.map((r) => ({
      ...toGroupChatResponse(r),
      customerCount: counts.get(r.chatId)?.customers ?? 0,
      staffCount: counts.get(r.chatId)?.staff ?? 0,
    }));
  }

  /** Joins and leaves per local day over the last `days` days (one chat, or all of the corp). */
  async dailyMembers(q: GroupDailyQueryDto, now = new Date()): Promise<GroupDailyDto> {
    const timeZone = q.timeZone ?? 'Asia/Shanghai';
    const offset = tzOffsetMinutes(now, timeZone);
    const { days, from } = lastLocalDays(now, offset, q.days ?? 30);
    const { joins, leaves } = await this.repo.joinsAndLeavesPerDay(
      q.corpId,
      from,
      offset,
      q.chatId,
    );
    const joined = new Map(joins.map((d) => [d.day, d.n]));
    const left = new Map(leaves.map((d) => [d.day, d.n]));
    return {
      corpId: q.corpId,
      chatId: q.chatId ?? null,
      timeZone,
      days: days.map((day) => ({ day, joins: joined.get(day) ?? 0, leaves: left.get(day) ?? 0 })),
    };
  }

  async get(corpId: string, chatId: string): Promise<GroupChatDetailDto> {
    const chat = await this.repo.findChat(corpId, chatId);
    if (!chat) throw GroupException.notFound(corpId, chatId);
    return toGroupChatDetail(chat, await this.repo.listMembers(corpId, chatId));
  }

  /**
   * Timeline entries of the event: MemChangeList when WeCom sent one, else what the snapshot
   * diff says (create: every member present is "joined").
   */
  private async writeTimeline(
    data: GroupRefreshJobData,
    chat: { name: string; ownerUserId: string },
    joinedByDiff: string[],
    leftByDiff: string[] | null,
    knownTypes?: Map<string, number>,
  ): Promise<void> {
    let joined: string[] = [];
    let left: string[] = [];
    if (data.changeType === 'create') joined = joinedByDiff;
    else if (data.updateDetail === 'add_member') joined = data.memChangeList ?? joinedByDiff;
    else if (data.updateDetail === 'del_member') left = data.memChangeList ?? leftByDiff ?? [];
    if (!joined.length && !left.length) return;
    const types =
      knownTypes ?? (await this.repo.memberTypes(data.corpId, data.chatId, [...joined, ...left]));
    await this.timeline.append(data.corpId, timelineEntries(data, chat, joined, left, types));
  }
}
