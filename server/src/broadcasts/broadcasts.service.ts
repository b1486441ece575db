import { HttpStatus, Injectable } from '@nestjs/common';
import { AudienceService } from '../audience/audience.service';
import { SegmentService } from '../audience/segments/segment.service';
import { AppException } from '../common/app.exception';
import { MediaService } from '../media/media.service';
import { StaffService } from '../staff/staff.service';
import { MassMessagesClient } from '../wecom/areas/mass-messages.client';
import { WecomApiException, WecomErrorCode } from '../wecom/wecom-api.exception';
import { BroadcastPlannerService } from './broadcast-planner.service';
import { BroadcastRunnerService, MassErrcode } from './broadcast-runner.service';
import { BroadcastException } from './broadcast.exception';
import { BroadcastRepository, BroadcastRow, TaskRow } from './broadcast.repository';
import {
  BroadcastAttachment,
  BroadcastAudience,
  BroadcastKind,
  BroadcastState,
  MAX_CUSTOMERS_PER_TASK,
  MAX_GROUPS_PER_TASK,
  ReceiveLimit,
  RecipientStatus,
} from './broadcast.types';
import type {
  BroadcastContentDto,
  CreateBroadcastDto,
  ListBroadcastsQueryDto,
  RecipientsQueryDto,
} from './dto/broadcast.dto';
import { receiveLimitSentence, receiveWindow } from './receive-limit';

const DAY_MS = 86400_000;
const CN_OFFSET_MS = 8 * 3600_000;
const REMINDS_PER_DAY = 3;
/** A preview counts senders of at most this many recipients (larger: counted, not broken down). */
const PREVIEW_MAX = 200_000;

/** One entry of the campaign calendar (the moments helper merges them with moments). */
export interface CalendarEntry {
  id: string;
  title: string;
  kind: 'broadcast' | 'group_broadcast';
  state: BroadcastState;
  scheduledAt: string | null;
  sentAt: string | null;
  segmentId: string | null;
}

export interface StatusTotals {
  planned: number;
  excluded: number;
  pending: number;
  sent: number;
  notFriend: number;
  limitReached: number;
  refused: number;
  /** sent / (planned recipients), 0..1. */
  sentRate: number;
}

const fieldError = (field: string, message: string) =>
  new AppException('VALIDATION_FAILED', message, HttpStatus.BAD_REQUEST, { [field]: [message] });

function emptyTotals(): StatusTotals {
  return {
    planned: 0,
    excluded: 0,
    pending: 0,
    sent: 0,
    notFriend: 0,
    limitReached: 0,
    refused: 0,
    sentRate: 0,
  };
}

function addStatus(t: StatusTotals, status: number, n: number): void {
  if (status === RecipientStatus.Excluded) t.excluded += n;
  else {
    t.planned += n;
    if (status === RecipientStatus.Pending) t.pending += n;
    else if (status === RecipientStatus.Sent) t.sent += n;
    else if (status === RecipientStatus.NotFriend) t.notFriend += n;
    else if (status === RecipientStatus.LimitReached) t.limitReached += n;
    else t.refused += n;
  }
  t.sentRate = t.planned ? t.sent / t.planned : 0;
}

/**
 * Broadcasts (客户群发, 客户群群发): composing and scheduling, the limits preview, results per
 * staff / recipient / department, remind and cancel, staff's own mass messages, the calendar.
 */
@Injectable()
export class BroadcastsService {
  constructor(
    private readonly repo: BroadcastRepository,
    private readonly planner: BroadcastPlannerService,
    private readonly runner: BroadcastRunnerService,
    private readonly audience: AudienceService,
    private readonly segments: SegmentService,
    private readonly media: MediaService,
    private readonly staff: StaffService,
    private readonly mass: MassMessagesClient,
  ) {}

  // ------------------------------------------------------------------ composing

  private async checked(dto: CreateBroadcastDto) {
    const audience = dto.audience as BroadcastAudience;
    if ((dto.kind === 'groups') !== (audience.type === 'groups'))
      throw fieldError(
        'audience.type',
        dto.kind === 'groups'
          ? '客户群群发的受众必须是群 (groups)'
          : '客户群发的受众不能是群 (groups)',
      );
    const text = dto.text?.trim() ? dto.text : null;
    const attachments = (dto.attachments ?? []) as BroadcastAttachment[];
    if (!text && !attachments.length)
      throw fieldError('text', '群发内容为空：请填写文字或添加附件');
    const assetIds = attachments.flatMap((a) =>
      a.type === 'miniprogram' ? [a.picAssetId] : a.type === 'link' ? [] : [a.assetId],
    );
    const found = new Map(
      (await this.media.existing(dto.corpId, assetIds)).map((a) => [a.id, a.kind]),
    );
    attachments.forEach((a, i) => {
      const id = a.type === 'miniprogram' ? a.picAssetId : a.type === 'link' ? null : a.assetId;
      if (id === null) return;
      const kind = found.get(id);
      const want = a.type === 'miniprogram' ? 'image' : a.type;
      if (!kind) throw fieldError(`attachments[${i}]`, `素材 ${id} 不存在`);
      if (kind !== want)
        throw fieldError(`attachments[${i}]`, `素材 ${id} 是 ${kind}，不是 ${want}`);
    });
    const segmentId = audience.type === 'segment' ? audience.segmentId : null;
    if (segmentId) await this.segments.get(dto.corpId, segmentId); // 404 when unknown
    const senders =
      dto.kind === 'customers' && dto.senderUserIds?.length ? dto.senderUserIds : null;
    if (!(await this.hasRecipients(dto.corpId, audience, senders)))
      throw fieldError('audience', '受众为空：没有符合条件的客户或客户群');
    return { audience, text, attachments, segmentId, senders };
  }

  /**
   * Whether the audience resolves to anyone: the first page or batch, never a full count (a
   * million-customer count can take longer than a request should).
   */
  private async hasRecipients(
    corpId: string,
    audience: BroadcastAudience,
    senders: string[] | null,
  ): Promise<boolean> {
    if ((audience.type === 'segment' || audience.type === 'filter') && !senders) {
      const filter =
        audience.type === 'segment'
          ? (await this.segments.get(corpId, audience.segmentId)).filter
          : audience.filter;
      return (await this.audience.page(corpId, filter, { limit: 1 })).items.length > 0;
    }
    for await (const batch of this.planner.recipients(corpId, audience, senders))
      if (batch.length) return true;
    return false;
  }

  async create(dto: CreateBroadcastDto, createdBy: string | null) {
    const c = await this.checked(dto);
    const id = await this.repo.insert({
      corpId: dto.corpId,
      kind: dto.kind,
      title: dto.title,
      audience: c.audience,
      segmentId: c.segmentId,
      senderUserIds: c.senders,
      textContent: c.text,
      attachments: c.attachments,
      scheduledAt: dto.scheduledAt ?? null,
      createdBy,
    });
    await this.runner.schedule({
      corpId: dto.corpId,
      id,
      version: 1,
      scheduledAt: dto.scheduledAt ?? null,
    });
    return this.get(dto.corpId, id);
  }

  /** Edits a broadcast before its time (a new version: the old delayed job does nothing). */
  async update(id: string, dto: CreateBroadcastDto) {
    const b = await this.require(dto.corpId, id);
    if (b.state !== 'scheduled') throw BroadcastException.notEditable(b.state);
    const c = await this.checked(dto);
    const ok = await this.repo.edit(id, {
      title: dto.title,
      audience: c.audience,
      segmentId: c.segmentId,
      senderUserIds: c.senders,
      textContent: c.text,
      attachments: c.attachments,
      scheduledAt: dto.scheduledAt ?? null,
    });
    if (!ok) throw BroadcastException.notEditable('planning');
    await this.runner.schedule({
      corpId: dto.corpId,
      id,
      version: b.version + 1,
      scheduledAt: dto.scheduledAt ?? null,
    });
    return this.get(dto.corpId, id);
  }

  /**
   * The composer's preview: how many recipients, the senders they resolve to (the rule: the
   * member who added the customer most recently), how many are over the receive limit, and
   * other broadcasts of the same segment on the same day.
   */
  async preview(dto: BroadcastContentDto, scheduledAt?: Date) {
    const audience = dto.audience as BroadcastAudience;
    const senders =
      dto.kind === 'customers' && dto.senderUserIds?.length ? dto.senderUserIds : null;
    const mode = await this.repo.receiveLimit(dto.corpId);
    const { start, cap } = receiveWindow(mode, Date.now());
    const perSender = new Map<string, number>();
    let total = 0;
    let overLimit = 0;
    let truncated = false;
    for await (const batch of this.planner.recipients(dto.corpId, audience, senders)) {
      const received = await this.repo.receivedSince(
        dto.corpId,
        batch.map((r) => r.recipientId),
        start,
      );
      for (const r of batch) {
        total++;
        if ((received.get(r.recipientId) ?? 0) >= cap) overLimit++;
        else perSender.set(r.senderUserId, (perSender.get(r.senderUserId) ?? 0) + 1);
      }
      if (total >= PREVIEW_MAX) {
        truncated = true;
        break;
      }
    }
    const names = await this.staff.names(dto.corpId, [...perSender.keys()]);
    const max = audience.type === 'groups' ? MAX_GROUPS_PER_TASK : MAX_CUSTOMERS_PER_TASK;
    const sendersOut = [...perSender]
      .sort((a, b) => b[1] - a[1])
      .map(([userId, count]) => ({
        userId,
        name: names.get(userId) ?? userId,
        count,
        tasks: Math.ceil(count / max),
      }));
    const segmentId = audience.type === 'segment' ? audience.segmentId : null;
    return {
      total,
      truncated,
      toSend: total - overLimit,
      overLimit,
      receiveLimit: mode,
      receiveLimitText: receiveLimitSentence(mode),
      senderRule: '同一客户被多名成员添加时，由最近添加该客户的成员发送，每位客户只收到一次',
      noNameVariable: '企业微信的群发不支持插入客户昵称等变量，所有客户收到相同内容',
      senders: sendersOut,
      tasks: sendersOut.reduce((n, s) => n + s.tasks, 0),
      sameSegmentSameDay: segmentId
        ? await this.sameSegmentSameDay(dto.corpId, segmentId, scheduledAt ?? new Date())
        : [],
    };
  }

  private async sameSegmentSameDay(corpId: string, segmentId: string, at: Date, exceptId?: string) {
    const local = at.getTime() + CN_OFFSET_MS;
    const dayStart = new Date(local - (local % DAY_MS) - CN_OFFSET_MS);
    const rows = await this.repo.sameSegment(
      corpId,
      segmentId,
      dayStart,
      new Date(dayStart.getTime() + DAY_MS),
      exceptId,
    );
    return rows.map((r) => ({ id: r.id, title: r.title, at: r.at.toISOString() }));
  }

  // ------------------------------------------------------------------ reading

  private async require(corpId: string, id: string): Promise<BroadcastRow> {
    const b = await this.repo.find(corpId, id);
    if (!b) throw BroadcastException.notFound(id);
    return b;
  }

  private view(b: BroadcastRow) {
    const now = Date.now();
    const recent = b.remindTimes.filter((t) => t > now - DAY_MS);
    return {
      id: b.id,
      corpId: b.corpId,
      kind: b.kind,
      title: b.title,
      state: b.state,
      audience: b.audience,
      segmentId: b.segmentId,
      senderUserIds: b.senderUserIds,
      text: b.textContent,
      attachments: b.attachments,
      scheduledAt: b.scheduledAt?.toISOString() ?? null,
      plannedCount: b.plannedCount,
      excludedCount: b.excludedCount,
      taskCount: b.taskCount,
      remindsLeft: b.state === 'sent' ? Math.max(0, REMINDS_PER_DAY - recent.length) : 0,
      nextPollAt: b.nextPollAt?.toISOString() ?? null,
      lastPolledAt: b.lastPolledAt?.toISOString() ?? null,
      error: b.error,
      createdBy: b.createdBy,
      plannedAt: b.plannedAt?.toISOString() ?? null,
      sentAt: b.sentAt?.toISOString() ?? null,
      finishedAt: b.finishedAt?.toISOString() ?? null,
      canceledAt: b.canceledAt?.toISOString() ?? null,
      createdAt: b.createdAt.toISOString(),
    };
  }

  async get(corpId: string, id: string) {
    return this.view(await this.require(corpId, id));
  }

  async list(q: ListBroadcastsQueryDto) {
    const rows = await this.repo.list(q.corpId, {
      kind: q.kind,
      cursor: q.cursor,
      limit: q.limit ?? 50,
    });
    return rows.map((b) => this.view(b));
  }

  /** Entries of the campaign calendar in [from, to). */
  async calendarEntries(corpId: string, from: Date, to: Date): Promise<CalendarEntry[]> {
    return (await this.repo.inRange(corpId, from, to)).map((b) => ({
      id: b.id,
      title: b.title,
      kind: b.kind === 'groups' ? 'group_broadcast' : 'broadcast',
      state: b.state,
      scheduledAt: b.scheduledAt?.toISOString() ?? null,
      sentAt: b.sentAt?.toISOString() ?? null,
      segmentId: b.segmentId,
    }));
  }

  /** Totals and rates per broadcast, per staff member (with their task's state) and department. */
  async results(corpId: string, id: string) {
    const b = await this.require(corpId, id);
    const [rows, tasks] = await Promise.all([this.repo.totals(b.id), this.repo.tasks(b.id)]);
    const total = emptyTotals();
    const perStaff = new Map<string, StatusTotals>();
    for (const r of rows) {
      addStatus(total, r.status, r.n);
      if (!perStaff.has(r.senderUserId)) perStaff.set(r.senderUserId, emptyTotals());
      addStatus(perStaff.get(r.senderUserId)!, r.status, r.n);
    }
    const tasksBySender = new Map<string, TaskRow[]>();
    for (const t of tasks)
      tasksBySender.set(t.senderUserId, [...(tasksBySender.get(t.senderUserId) ?? []), t]);
    const staffRows = await this.staffOf(corpId, [...perStaff.keys()]);
    const staff = [...perStaff].map(([userId, totals]) => {
      const ts = tasksBySender.get(userId) ?? [];
      const confirmed = ts.length > 0 && ts.every((t) => t.sendStatus === 2);
      return {
        userId,
        name: staffRows.get(userId)?.name ?? userId,
        departmentIds: staffRows.get(userId)?.departmentIds ?? [],
        tasks: ts.map((t) => ({
          seq: t.seq,
          state: t.state,
          msgid: t.msgid,
          recipients: t.recipientCount,
          failCount: t.failCount,
          sendStatus: t.sendStatus,
          sendTime: t.sendTime?.toISOString() ?? null,
          error: t.error,
        })),
        confirmed,
        ...totals,
      };
    });
    const perDept = new Map<number, StatusTotals>();
    for (const s of staff)
      for (const d of s.departmentIds) {
        if (!perDept.has(d)) perDept.set(d, emptyTotals());
        const t = perDept.get(d)!;
        for (const [status, n] of [
          [RecipientStatus.Excluded, s.excluded],
          [RecipientStatus.Pending, s.pending],
          [RecipientStatus.Sent, s.sent],
          [RecipientStatus.NotFriend, s.notFriend],
          [RecipientStatus.LimitReached, s.limitReached],
          [RecipientStatus.Refused, s.refused],
        ] as Array<[number, number]>)
          if (n) addStatus(t, status, n);
      }
    const deptNames = new Map(
      (await this.staff.listDepartments(corpId)).map((d) => [d.id, d.name]),
    );
    return {
      broadcast: this.view(b),
      totals: total,
      staff: staff.sort((a, b2) => b2.planned - a.planned),
      departments: [...perDept].map(([id2, t]) => ({
        departmentId: id2,
        name: deptNames.get(id2) ?? String(id2),
        ...t,
      })),
    };
  }

  private async staffOf(corpId: string, userIds: string[]) {
    const want = new Set(userIds);
    const out = new Map<string, { name: string; departmentIds: number[] }>();
    let cursor: string | undefined;
    for (;;) {
      const page = await this.staff.listStaff(corpId, { cursor, limit: 500 });
      for (const s of page)
        if (want.has(s.userId)) out.set(s.userId, { name: s.name, departmentIds: s.departmentIds });
      if (page.length < 500 || out.size === want.size) break;
      cursor = page[page.length - 1].userId;
    }
    return out;
  }

  async recipients(id: string, q: RecipientsQueryDto) {
    const b = await this.require(q.corpId, id);
    const rows = await this.repo.recipients(b.id, {
      status: q.status,
      senderUserId: q.senderUserId,
      cursor: q.cursor,
      limit: q.limit ?? 100,
    });
    // names as the operator knows them: the customer (with the sender's remark) or the group,
    // and the sender; a recipient gone from the mirror keeps its id only
    const [names, senders] = await Promise.all([
      this.audience.recipientNames(q.corpId, b.kind, rows),
      this.staff.names(q.corpId, [...new Set(rows.map((r) => r.senderUserId))]),
    ]);
    return {
      items: rows.map((r) => {
        const n = names.get(`${r.recipientId}|${r.senderUserId}`);
        return {
          ...r,
          recipientName: n?.name ?? null,
          recipientRemark: n?.remark ?? null,
          senderName: senders.get(r.senderUserId) ?? null,
          sendTime: r.sendTime?.toISOString() ?? null,
        };
      }),
      nextCursor: rows.length === (q.limit ?? 100) ? rows[rows.length - 1].recipientId : null,
    };
  }

  /** Pulls the results now (the results page's refresh) instead of waiting for the schedule. */
  async refresh(corpId: string, id: string) {
    const b = await this.require(corpId, id);
    if (b.state === 'sent') await this.runner.poll({ corpId, broadcastId: id });
    else if (b.state === 'canceled' || b.state === 'expired') await this.runner.pull(b);
    return this.results(corpId, id);
  }

  // ------------------------------------------------------------------ remind, cancel

  async remind(corpId: string, id: string) {
    const b = await this.require(corpId, id);
    if (b.state === 'canceled') throw BroadcastException.canceled();
    if (b.state !== 'sent') throw BroadcastException.notRemindable(b.state);
    const now = Date.now();
    const recent = b.remindTimes.filter((t) => t > now - DAY_MS);
    if (recent.length >= REMINDS_PER_DAY)
      throw BroadcastException.remindLimit(new Date(Math.min(...recent) + DAY_MS));
    const tasks = (await this.repo.tasks(b.id)).filter(
      (t) => t.state === 'created' && t.sendStatus !== 2,
    );
    let reminded = 0;
    for (const t of tasks) {
      try {
        await this.mass.remindGroupMsgSend(corpId, t.msgid!);
        reminded++;
      } catch (e) {
        if (e instanceof WecomApiException && e.code === WecomErrorCode.ApiError) {
          if (e.errcode === MassErrcode.Canceled) throw BroadcastException.canceled();
          if (e.errcode === MassErrcode.RemindTooOften) {
            await this.repo.setRemindTimes(
              b.id,
              [...recent, now, now, now].slice(-REMINDS_PER_DAY),
            );
            throw BroadcastException.remindLimit(null);
          }
        }
        throw e;
      }
    }
    await this.repo.setRemindTimes(b.id, [...recent, now]);
    return { reminded, remindsLeft: REMINDS_PER_DAY - recent.length - 1 };
  }

  /**
   * Cancels: before its time nothing is sent; once tasks exist, cancel_groupmsg_send stops what
   * the staff have not sent yet (what they sent stays sent).
   */
  async cancel(corpId: string, id: string) {
    const b = await this.require(corpId, id);
    const open: BroadcastState[] = ['scheduled', 'planning', 'dispatching', 'sent'];
    if (!open.includes(b.state)) return this.get(corpId, id);
    if (
      !(await this.repo.transition(b.id, open, 'canceled', {
        canceled_at: new Date(),
        next_poll_at: null,
      }))
    )
      return this.get(corpId, id);
    for (const t of await this.repo.tasks(b.id))
      if (t.state === 'created' && t.sendStatus !== 2)
        await this.mass.cancelGroupMsgSend(corpId, t.msgid!);
    return this.get(corpId, id);
  }

  // ------------------------------------------------------------------ personal, settings

  /** Mass messages staff created themselves in the WeCom app (create_type 1), read-only. */
  async personal(corpId: string, from?: string, to?: string) {
    const end = to ? new Date(to) : new Date();
    const start = from ? new Date(from) : new Date(end.getTime() - 30 * DAY_MS);
    if (end.getTime() - start.getTime() > 31 * DAY_MS)
      throw fieldError('from', '企业微信只允许查询一个月以内的群发记录');
    const out: Array<{
      msgid: string;
      creator: string | null;
      createdAt: string;
      chatType: 'single' | 'group';
      text: string | null;
      attachmentCount: number;
    }> = [];
    for (const chatType of ['single', 'group'] as const) {
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const res = await this.mass.getGroupMsgListV2(corpId, {
          chat_type: chatType,
          start_time: Math.floor(start.getTime() / 1000),
          end_time: Math.floor(end.getTime() / 1000),
          filter_type: 1,
          limit: 100,
          cursor,
        });
        for (const m of res.group_msg_list ?? [])
          if (m.create_type === 1)
            out.push({
              msgid: m.msgid,
              creator: m.creator ?? null,
              createdAt: new Date(Number(m.create_time) * 1000).toISOString(),
              chatType,
              text: m.text?.content ?? null,
              attachmentCount: m.attachments?.length ?? 0,
            });
        if (!res.next_cursor) break;
        cursor = res.next_cursor;
      }
    }
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async settings(corpId: string) {
    const receiveLimit = await this.repo.receiveLimit(corpId);
    return { receiveLimit, receiveLimitText: receiveLimitSentence(receiveLimit) };
  }

  async setSettings(corpId: string, receiveLimit: ReceiveLimit) {
    await this.repo.setReceiveLimit(corpId, receiveLimit);
    return this.settings(corpId);
  }

  /** The sweeper: re-enqueues what is due and has no live job (lost Redis, crashed workers). */
  async sweep(staleMs: number): Promise<number> {
    const due = await this.repo.due(new Date(), staleMs);
    const round = `sweep-${Math.floor(Date.now() / staleMs)}`;
    for (const b of due) {
      if (b.state === 'sent')
        await this.runner.schedulePoll({ corpId: b.corpId, id: b.id }, round, 0);
      else
        await this.runner.schedule(
          { corpId: b.corpId, id: b.id, version: b.version, scheduledAt: null },
          `:${round}`,
        );
    }
    return due.length;
  }
}

export type BroadcastView =
  ReturnType<BroadcastsService['get']> extends Promise<infer T> ? T : never;
export type { BroadcastKind };
