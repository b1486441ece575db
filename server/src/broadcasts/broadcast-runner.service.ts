import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AllConfig } from '../config/configuration';
import { MediaService } from '../media/media.service';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName } from '../queue/queue-names';
import { MassMessagesClient } from '../wecom/areas/mass-messages.client';
import type { AddMsgTemplateRequest } from '../wecom/areas/mass-messages.types';
import type { MessageAttachment } from '../wecom/areas/message-attachment.types';
import { WecomApiException, WecomErrorCode } from '../wecom/wecom-api.exception';
import { BroadcastPlannerService } from './broadcast-planner.service';
import { BroadcastRepository, BroadcastRow, TaskRow } from './broadcast.repository';
import { RecipientStatus } from './broadcast.types';

export interface RunBroadcastJobData {
  corpId: string;
  broadcastId: string;
  version: number;
}

export interface PollBroadcastJobData {
  corpId: string;
  broadcastId: string;
}

/** WeCom errcodes the runner acts on (DW 92135, 92136; go-workwx). */
export const MassErrcode = {
  InvalidMediaId: 40007,
  NoCustomerToSend: 41048,
  Dispatching: 41063,
  Canceled: 41093,
  RemindTooOften: 41094,
} as const;

const PAGE = 1000;

const isWecomRefusal = (e: unknown): e is WecomApiException =>
  e instanceof WecomApiException && e.code === WecomErrorCode.ApiError;

/**
 * Runs a broadcast: at its time, writes the plan, then creates its add_msg_template tasks one by
 * one (each claimed in the database before the call, its msgid stored after), then pulls the
 * results on a backing-off schedule until every task is final or the confirmation window ends.
 *
 * A task whose call was made but whose answer was lost (worker killed, network) is matched back
 * through get_groupmsg_list_v2 (same sender, same text, created after the attempt, msgid not
 * already ours) before it is ever called again: a crash never sends a task twice.
 */
@Injectable()
export class BroadcastRunnerService {
  private readonly logger = new Logger(BroadcastRunnerService.name);
  private readonly leaseMs: number;
  /** An attempt younger than this may still be in flight in another worker: not matched back yet. */
  private readonly inFlightMs: number;
  private readonly pollInitialMs: number;
  private readonly pollMaxMs: number;
  private readonly confirmWindowMs: number;

  constructor(
    private readonly repo: BroadcastRepository,
    private readonly planner: BroadcastPlannerService,
    private readonly mass: MassMessagesClient,
    private readonly media: MediaService,
    private readonly jobs: JobQueueService,
    config: ConfigService<AllConfig, true>,
  ) {
    this.leaseMs = config.get('queue', { infer: true }).lockMs;
    this.inFlightMs = 2 * config.get('wecom', { infer: true }).httpTimeoutMs;
    const b = config.get('broadcasts', { infer: true });
    this.pollInitialMs = b.pollInitialMs;
    this.pollMaxMs = b.pollMaxMs;
    this.confirmWindowMs = b.confirmWindowMs;
  }

  /** Enqueues the run at the broadcast's time (Bull's delayed job, kept in Redis across restarts). */
  async schedule(
    b: { corpId: string; id: string; version: number; scheduledAt: Date | null },
    tag = '',
  ) {
    const delay = Math.max(0, (b.scheduledAt?.getTime() ?? 0) - Date.now());
    await this.jobs.enqueue<RunBroadcastJobData>(
      JobName.RunBroadcast,
      { corpId: b.corpId, broadcastId: b.id, version: b.version },
      { jobId: `broadcast-run:${b.id}:v${b.version}${tag}`, delay },
    );
  }

  /** `key` makes the job id (the attempt, or the sweeper's round). */
  async schedulePoll(b: { corpId: string; id: string }, key: number | string, delayMs: number) {
    await this.jobs.enqueue<PollBroadcastJobData>(
      JobName.PollBroadcast,
      { corpId: b.corpId, broadcastId: b.id },
      { jobId: `broadcast-poll:${b.id}:${key}`, delay: delayMs },
    );
  }

  /** The run job: plan (if not yet) and create the tasks. Safe to run again at any point. */
  async run(data: RunBroadcastJobData): Promise<string> {
    let b = await this.repo.find(data.corpId, data.broadcastId);
    if (!b) return 'gone';
    if (b.state === 'scheduled') {
      if (b.version !== data.version) return 'stale version';
      if (b.scheduledAt && b.scheduledAt.getTime() > Date.now() + 1000) return 'not yet';
    }
    if (!['scheduled', 'planning', 'dispatching'].includes(b.state)) return b.state;
    if (!(await this.repo.lease(b.id, this.leaseMs))) return 'busy';
    try {
      if (b.state === 'scheduled') {
        if (!(await this.repo.transition(b.id, ['scheduled'], 'planning'))) return 'moved';
        b = { ...b, state: 'planning' };
      }
      if (b.state === 'planning') {
        const renew = () => this.repo.renewLease(b!.id, this.leaseMs);
        const counts = await this.planner.plan(b, renew);
        const next = counts.tasks === 0 ? 'failed' : 'dispatching';
        const moved = await this.repo.transition(b.id, ['planning'], next, {
          planned_at: new Date(),
          planned_count: counts.planned,
          excluded_count: counts.excluded,
          task_count: counts.tasks,
          ...(next === 'failed'
            ? { error: '没有可发送的对象（受众为空，或都已达到接收上限）', finished_at: new Date() }
            : {}),
        });
        if (!moved || next === 'failed') return next;
        b = { ...b, state: 'dispatching' };
      }
      return await this.dispatch(b);
    } finally {
      await this.repo.releaseLease(b.id);
    }
  }

  private async dispatch(b: BroadcastRow): Promise<string> {
    let content = await this.content(b, false);
    let mediaRenewed = false;
    for (const t of await this.repo.tasks(b.id)) {
      if (t.state === 'created' || t.state === 'failed') continue;
      const current = await this.repo.find(b.corpId, b.id);
      if (current?.state !== 'dispatching') return current?.state ?? 'gone'; // canceled meanwhile
      if (t.state === 'attempting') {
        if (Date.now() - (t.attemptedAt?.getTime() ?? 0) < this.inFlightMs)
          throw new Error(`task ${t.seq} of broadcast ${b.id} may still be in flight; later`);
        if (await this.matchBack(b, t)) continue;
        await this.repo.reattempt(t.id);
      } else if (!(await this.repo.claimTask(t.id))) continue;
      const ids = await this.repo.taskRecipients(b.id, t.seq);
      for (;;) {
        try {
          const res = await this.mass.addMsgTemplate(b.corpId, this.request(b, t, ids, content));
          await this.repo.taskCreated(t.id, res.msgid, res.fail_list?.length ?? 0);
          if (res.fail_list?.length)
            await this.repo.setRecipientStatus(b.id, res.fail_list, RecipientStatus.Refused, null);
          break;
        } catch (e) {
          if (isWecomRefusal(e) && e.errcode === MassErrcode.InvalidMediaId && !mediaRenewed) {
            // WeCom no longer knows a media_id we thought fresh: upload again, once
            mediaRenewed = true;
            content = await this.content(b, true);
            continue;
          }
          if (!isWecomRefusal(e)) throw e; // unknown outcome: stays attempting, matched back later
          await this.repo.taskFailed(t.id, e.errcode, e.message);
          await this.repo.setRecipientStatus(b.id, ids, RecipientStatus.Refused, null);
          break;
        }
      }
      await this.repo.renewLease(b.id, this.leaseMs);
    }
    const tasks = await this.repo.tasks(b.id);
    const created = tasks.filter((t) => t.state === 'created').length;
    const failed = created === 0;
    const moved = await this.repo.transition(b.id, ['dispatching'], failed ? 'failed' : 'sent', {
      sent_at: new Date(),
      next_poll_at: failed ? null : new Date(Date.now() + this.pollInitialMs),
      poll_attempt: 0,
      ...(failed ? { finished_at: new Date(), error: tasks[0]?.error ?? null } : {}),
    });
    if (moved && !failed) await this.schedulePoll(b, 0, this.pollInitialMs);
    return failed ? 'failed' : 'sent';
  }

  private request(
    b: BroadcastRow,
    t: TaskRow,
    ids: string[],
    content: { text?: { content: string }; attachments: MessageAttachment[] },
  ): AddMsgTemplateRequest {
    const groups = b.kind === 'groups';
    return {
      chat_type: groups ? 'group' : 'single',
      ...(groups ? { chat_id_list: ids } : { external_userid: ids }),
      sender: t.senderUserId,
      allow_select: false,
      ...(content.text ? { text: content.text } : {}),
      ...(content.attachments.length ? { attachments: content.attachments } : {}),
    };
  }

  /** Finds the message a lost add_msg_template call created, if it did. */
  private async matchBack(b: BroadcastRow, t: TaskRow): Promise<boolean> {
    const ours = await this.repo.msgids(b.id);
    const since = Math.floor((t.attemptedAt?.getTime() ?? Date.now()) / 1000) - 60;
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const res = await this.mass.getGroupMsgListV2(b.corpId, {
        chat_type: b.kind === 'groups' ? 'group' : 'single',
        start_time: since,
        end_time: Math.floor(Date.now() / 1000) + 3600,
        creator: t.senderUserId,
        filter_type: 0,
        limit: 100,
        cursor,
      });
      for (const m of res.group_msg_list ?? []) {
        if (ours.has(m.msgid) || m.create_type !== 0) continue;
        if ((m.text?.content ?? null) !== (b.textContent || null)) continue;
        try {
          await this.repo.taskCreated(t.id, m.msgid, 0);
        } catch {
          continue; // another broadcast's message with the same text (msgid is unique)
        }
        this.logger.warn(`broadcast ${b.id} task ${t.seq}: matched back lost call as ${m.msgid}`);
        return true;
      }
      if (!res.next_cursor) break;
      cursor = res.next_cursor;
    }
    return false;
  }

  /** WeCom's text and attachments, media uploaded (again when stale or `force`). */
  async content(
    b: Pick<BroadcastRow, 'corpId' | 'textContent' | 'attachments'>,
    force: boolean,
  ): Promise<{ text?: { content: string }; attachments: MessageAttachment[] }> {
    const attachments: MessageAttachment[] = [];
    for (const a of b.attachments) {
      if (a.type === 'link')
        attachments.push({
          msgtype: 'link',
          link: {
            title: a.title,
            url: a.url,
            ...(a.desc ? { desc: a.desc } : {}),
            ...(a.picUrl ? { picurl: a.picUrl } : {}),
          },
        });
      else if (a.type === 'miniprogram')
        attachments.push({
          msgtype: 'miniprogram',
          miniprogram: {
            title: a.title,
            appid: a.appId,
            page: a.page,
            pic_media_id: await this.media.ensureMediaId(b.corpId, a.picAssetId, { force }),
          },
        });
      else {
        const media_id = await this.media.ensureMediaId(b.corpId, a.assetId, { force });
        if (a.type === 'image') attachments.push({ msgtype: 'image', image: { media_id } });
        else if (a.type === 'video') attachments.push({ msgtype: 'video', video: { media_id } });
        else attachments.push({ msgtype: 'file', file: { media_id } });
      }
    }
    return { ...(b.textContent ? { text: { content: b.textContent } } : {}), attachments };
  }

  // ------------------------------------------------------------------ results

  /** The poll job: pulls what changed, then schedules the next pull (backing off) or stops. */
  async poll(data: PollBroadcastJobData): Promise<string> {
    const b = await this.repo.find(data.corpId, data.broadcastId);
    if (!b || b.state !== 'sent') return b?.state ?? 'gone';
    const { final, dispatching } = await this.pull(b);
    if (final) {
      await this.repo.transition(b.id, ['sent'], 'completed', {
        finished_at: new Date(),
        next_poll_at: null,
      });
      return 'completed';
    }
    if (b.sentAt && Date.now() - b.sentAt.getTime() > this.confirmWindowMs) {
      await this.repo.transition(b.id, ['sent'], 'expired', {
        finished_at: new Date(),
        next_poll_at: null,
      });
      return 'expired';
    }
    const attempt = b.pollAttempt + 1;
    const delay = dispatching
      ? this.pollInitialMs
      : Math.min(this.pollMaxMs, this.pollInitialMs * 2 ** Math.min(attempt, 20));
    await this.repo.setPoll(b.id, attempt, new Date(Date.now() + delay));
    await this.schedulePoll(b, attempt, delay);
    return `next in ${delay} ms`;
  }

  /**
   * Reads each created task's status and, for senders who sent, every recipient's result.
   * `final`: every task is sent and its results are in. 41063 (still dispatching) is tried later.
   */
  async pull(b: BroadcastRow): Promise<{ final: boolean; dispatching: boolean }> {
    let final = true;
    let dispatching = false;
    for (const t of await this.repo.tasks(b.id)) {
      if (t.state !== 'created' || t.resultsPulled) {
        if (t.state === 'attempting' || t.state === 'planned') final = false;
        continue;
      }
      try {
        const status = await this.taskStatus(b.corpId, t);
        if (status.status !== 2) {
          final = false;
          continue;
        }
        await this.pullResults(b, t);
        await this.repo.taskProgress(t.id, 2, status.sendTime, true);
      } catch (e) {
        if (isWecomRefusal(e) && e.errcode === MassErrcode.Dispatching) {
          dispatching = true;
          final = false;
          continue;
        }
        throw e;
      }
    }
    return { final, dispatching };
  }

  private async taskStatus(
    corpId: string,
    t: TaskRow,
  ): Promise<{ status: number; sendTime: Date | null }> {
    let cursor: string | undefined;
    for (;;) {
      const res = await this.mass.getGroupMsgTask(corpId, { msgid: t.msgid!, limit: PAGE, cursor });
      const mine = res.task_list.find((x) => x.userid === t.senderUserId);
      if (mine)
        return {
          status: mine.status,
          sendTime: mine.send_time ? new Date(mine.send_time * 1000) : null,
        };
      if (!res.next_cursor) return { status: 0, sendTime: null };
      cursor = res.next_cursor;
    }
  }

  private async pullResults(b: BroadcastRow, t: TaskRow): Promise<void> {
    let cursor: string | undefined;
    do {
      const res = await this.mass.getGroupMsgSendResult(b.corpId, {
        msgid: t.msgid!,
        userid: t.senderUserId,
        limit: PAGE,
        cursor,
      });
      const byStatus = new Map<string, string[]>();
      for (const r of res.send_list) {
        const id = r.external_userid ?? r.chat_id;
        if (!id) continue;
        const key = `${r.status}:${r.send_time ?? ''}`;
        const list = byStatus.get(key);
        if (list) list.push(id);
        else byStatus.set(key, [id]);
      }
      for (const [key, ids] of byStatus) {
        const [status, time] = key.split(':');
        await this.repo.setRecipientStatus(
          b.id,
          ids,
          Number(status),
          time ? new Date(Number(time) * 1000) : null,
        );
      }
      cursor = res.next_cursor || undefined;
    } while (cursor);
  }
}
