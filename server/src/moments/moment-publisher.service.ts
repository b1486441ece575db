import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName } from '../queue/queue-names';
import { MomentsClient } from '../wecom/areas/moments.client';
import type { AddMomentTaskRequest, MomentInteraction } from '../wecom/areas/moments.types';
import { WecomApiException, WecomErrorCode } from '../wecom/wecom-api.exception';
import { MomentEntity, MomentState } from './entities/moment.entity';
import { momentErrcodeSentence } from './moment.exception';
import { MomentInteractionRow, MomentRepository } from './moment.repository';
import { resultsPullDelayMs, sameContent, taskPollDelayMs } from './moment-rules';
import { PublishMomentJobData, publishJobId } from './moment.service';
import { MOMENT_MEDIA, MomentInvalid, MomentMediaPort } from './moment.types';

export interface MomentChainJobData {
  corpId: string;
  id: string;
  /** The n-th of the chain (its delay grows with n). */
  n: number;
  /** false: a one-off (the refresh button, the sweep) that schedules no next pull. */
  chain?: boolean;
}

const HOUR_MS = 3600_000;
/** A jobid is valid 24 h (DW 95094). */
const JOBID_VALID_MS = 24 * HOUR_MS;
/** Results are pulled until the moment is this old. */
export const RESULTS_FOR_MS = 14 * 24 * HOUR_MS;
/**
 * A `creating` moment that get_moment_list does not show yet is resubmitted only after this
 * long: WeCom's job may still be running (the moment appears when it finishes).
 */
export const RECONCILE_WAIT_MS = 2 * 60_000;
/** How far before the submission get_moment_list is searched (clock skew). */
const RECONCILE_SKEW_MS = 5 * 60_000;

/**
 * The worker's side of moments: add_moment_task at the scheduled time (persisted first; a crash
 * is reconciled from get_moment_list, so a moment is never created twice), the jobid poll, and
 * the results pulled on a backing-off schedule until the moment is old.
 */
@Injectable()
export class MomentPublisher {
  private readonly log = new Logger(MomentPublisher.name);

  constructor(
    private readonly repo: MomentRepository,
    private readonly jobs: JobQueueService,
    private readonly client: MomentsClient,
    @Optional() @Inject(MOMENT_MEDIA) private readonly media?: MomentMediaPort,
  ) {}

  // ------------------------------------------------------------------ publish

  async publish(data: PublishMomentJobData): Promise<string> {
    let m = await this.repo.findById(data.corpId, data.id);
    if (!m) return 'gone';
    if (m.state === MomentState.Scheduled) {
      if (m.scheduledAt.getTime() !== data.scheduledAtMs) return 'rescheduled';
      if (m.scheduledAt.getTime() > Date.now() + 1000) return 'not yet due';
      // media first: nothing is claimed while an upload may still fail and be retried
      const attachments = await this.mediaIds(m);
      if (await this.repo.claimForSubmit(m.id, m.scheduledAt, new Date()))
        return this.submit((await this.repo.findById(m.corpId, m.id))!, attachments);
      m = (await this.repo.findById(data.corpId, data.id))!;
    }
    if (m.state === MomentState.Creating) return this.reconcile(m, data);
    if (m.state === MomentState.Submitted) await this.enqueuePoll(m, 0, 0);
    return m.state;
  }

  /** The one add_moment_task call, after the `creating` commit. */
  private async submit(
    m: MomentEntity,
    attachments: AddMomentTaskRequest['attachments'],
  ): Promise<string> {
    const req: AddMomentTaskRequest = { visible_range: this.visibleRange(m) };
    if (m.text) req.text = { content: m.text };
    if (attachments?.length) req.attachments = attachments;
    let jobid: string;
    try {
      ({ jobid } = await this.client.addMomentTask(m.corpId, req));
    } catch (err) {
      if (err instanceof WecomApiException && err.code === WecomErrorCode.ApiError) {
        // WeCom answered no: nothing was created
        await this.repo.markFailed(
          m.id,
          [MomentState.Creating],
          momentErrcodeSentence(err.errcode, err.errmsg),
        );
        return 'refused';
      }
      throw err; // no answer: the retry reconciles (WeCom may have created it)
    }
    await this.repo.markSubmitted(m.id, jobid, new Date());
    await this.enqueuePoll(m, 0, taskPollDelayMs(0));
    return 'submitted';
  }

  /**
   * A retry of a moment left `creating`: add_moment_task may have run. A corp moment with the
   * same content since the submission that the SCRM does not know is it; none yet: wait for
   * WeCom's job; none after RECONCILE_WAIT_MS: submit again.
   */
  private async reconcile(m: MomentEntity, data: PublishMomentJobData): Promise<string> {
    const started = m.submitStartedAt ?? m.updatedAt;
    const found = await this.findListed(m, started);
    if (found) {
      await this.repo.markCreated(m.id, [MomentState.Creating], found, null, new Date());
      this.log.log(
        { momentPk: m.id, momentId: found },
        'reconciled a moment created before a crash',
      );
      await this.enqueueResults(m, 0, resultsPullDelayMs(0));
      return 'reconciled';
    }
    if (Date.now() - started.getTime() < RECONCILE_WAIT_MS) {
      await this.jobs.enqueue(JobName.PublishMoment, data, {
        jobId: `${publishJobId(m.id, data.scheduledAtMs)}-reconcile-${started.getTime()}`,
        delay: RECONCILE_WAIT_MS - (Date.now() - started.getTime()) + 1000,
      });
      return 'waiting for WeCom before resubmitting';
    }
    const attachments = await this.mediaIds(m);
    if (!(await this.repo.restartSubmit(m.id, started, new Date()))) return 'taken';
    return this.submit(m, attachments);
  }

  private async findListed(m: MomentEntity, since: Date): Promise<string | null> {
    const start = Math.floor((since.getTime() - RECONCILE_SKEW_MS) / 1000);
    const end = Math.floor(Date.now() / 1000) + 60;
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const res = await this.client.getMomentList(m.corpId, {
        start_time: start,
        end_time: end,
        filter_type: 0,
        cursor,
        limit: 20,
      });
      const candidates = (res.moment_list ?? []).filter((x) =>
        sameContent(x, m.text, m.attachments),
      );
      const known = await this.repo.knownMomentIds(
        m.corpId,
        candidates.map((c) => c.moment_id),
      );
      const hit = candidates.find((c) => !known.has(c.moment_id));
      if (hit) return hit.moment_id;
      cursor = res.next_cursor || undefined;
      if (!cursor) return null;
    }
    return null;
  }

  private visibleRange(m: MomentEntity): AddMomentTaskRequest['visible_range'] {
    const v = m.visible;
    const range: NonNullable<AddMomentTaskRequest['visible_range']> = {};
    if (v.userIds.length || v.departmentIds.length)
      range.sender_list = {
        ...(v.userIds.length ? { user_list: v.userIds } : {}),
        ...(v.departmentIds.length ? { department_list: v.departmentIds } : {}),
      };
    if (v.tagIds.length) range.external_contact_list = { tag_list: v.tagIds };
    return range;
  }

  private async mediaIds(m: MomentEntity): Promise<AddMomentTaskRequest['attachments']> {
    if (!m.attachments.length) return undefined;
    if (!this.media) throw new Error('moment attachments need the media module (MOMENT_MEDIA)');
    const out: NonNullable<AddMomentTaskRequest['attachments']> = [];
    for (const a of m.attachments) {
      const media_id = await this.media.ensureAttachmentId(m.corpId, a.assetId);
      if (a.type === 'link')
        out.push({ msgtype: 'link', link: { title: a.title, url: a.url, media_id } });
      else if (a.type === 'video') out.push({ msgtype: 'video', video: { media_id } });
      else out.push({ msgtype: 'image', image: { media_id } });
    }
    return out;
  }

  // ------------------------------------------------------------------ the jobid poll

  async pollTask(data: MomentChainJobData): Promise<string> {
    const m = await this.repo.findById(data.corpId, data.id);
    if (!m || m.state !== MomentState.Submitted || !m.jobId) return m?.state ?? 'gone';
    if (m.jobCreatedAt && Date.now() - m.jobCreatedAt.getTime() > JOBID_VALID_MS) {
      await this.repo.markFailed(
        m.id,
        [MomentState.Submitted],
        '创建任务的 jobid 已过期（24 小时内有效），企业微信没有返回结果。',
      );
      return 'expired';
    }
    const res = await this.client.getMomentTaskResult(m.corpId, m.jobId);
    if (res.status !== 3 || !res.result) {
      if (data.chain !== false) await this.enqueuePoll(m, data.n + 1, taskPollDelayMs(data.n + 1));
      return `status ${res.status}`;
    }
    const r = res.result;
    const invalid: MomentInvalid = {
      userIds: r.invalid_sender_list?.user_list ?? [],
      departmentIds: r.invalid_sender_list?.department_list ?? [],
      tagIds: r.invalid_external_contact_list?.tag_list ?? [],
    };
    const anyInvalid =
      invalid.userIds.length + invalid.departmentIds.length + invalid.tagIds.length;
    if (r.errcode !== 0 || !r.moment_id) {
      await this.repo.markFailed(
        m.id,
        [MomentState.Submitted],
        momentErrcodeSentence(r.errcode ?? -1, r.errmsg ?? ''),
        anyInvalid ? invalid : null,
      );
      return 'failed';
    }
    await this.repo.markCreated(
      m.id,
      [MomentState.Submitted],
      r.moment_id,
      anyInvalid ? invalid : null,
      new Date(),
    );
    await this.enqueueResults(m, 0, resultsPullDelayMs(0));
    return 'created';
  }

  // ------------------------------------------------------------------ results

  async pullResults(data: MomentChainJobData): Promise<string> {
    const m = await this.repo.findById(data.corpId, data.id);
    if (!m || m.state !== MomentState.Created || !m.momentId) return m?.state ?? 'gone';
    const momentId = m.momentId;
    const tasks: Array<{ userId: string; publishStatus: number }> = [];
    let cursor: string | undefined;
    do {
      const res = await this.client.getMomentTask(m.corpId, {
        moment_id: momentId,
        cursor,
        limit: 1000,
      });
      for (const t of res.task_list ?? [])
        tasks.push({ userId: t.userid, publishStatus: t.publish_status });
      cursor = res.next_cursor || undefined;
    } while (cursor);
    await this.repo.upsertStaff(m.id, m.corpId, tasks);
    for (const t of tasks.filter((x) => x.publishStatus === 1)) {
      await this.pullCustomers(m, t.userId, 'visible');
      await this.pullCustomers(m, t.userId, 'sent');
      const c = await this.client.getMomentComments(m.corpId, {
        moment_id: momentId,
        userid: t.userId,
      });
      const rows = [
        ...(c.comment_list ?? []).map((x) => interaction(t.userId, 'comment', x)),
        ...(c.like_list ?? []).map((x) => interaction(t.userId, 'like', x)),
      ];
      await this.repo.insertInteractions(m.id, m.corpId, rows);
      await this.repo.recount(m.id, t.userId);
    }
    await this.repo.notePull(m.id, new Date());
    const age = Date.now() - (m.createdAtWecom ?? m.scheduledAt).getTime();
    if (data.chain !== false && age < RESULTS_FOR_MS)
      await this.enqueueResults(m, data.n + 1, resultsPullDelayMs(data.n + 1));
    return `pulled ${tasks.length} members`;
  }

  private async pullCustomers(m: MomentEntity, userId: string, field: 'visible' | 'sent') {
    let cursor: string | undefined;
    do {
      const req = {
        moment_id: m.momentId!,
        userid: userId,
        cursor,
        limit: field === 'visible' ? 1000 : 5000,
      };
      const res =
        field === 'visible'
          ? await this.client.getMomentCustomerList(m.corpId, req)
          : await this.client.getMomentSendResult(m.corpId, req);
      const ids = (res.customer_list ?? []).map((c) => c.external_userid);
      await this.repo.markCustomers(m.id, m.corpId, userId, ids, field);
      cursor = res.next_cursor || undefined;
    } while (cursor);
  }

  // ------------------------------------------------------------------ the sweep

  /** Re-enqueues what Redis may have lost; every job it adds checks the row first. */
  async sweep(now = new Date()): Promise<number> {
    const rows = await this.repo.needingAttention(now, 60_000);
    const slot = Math.floor(now.getTime() / 60_000);
    for (const m of rows) {
      if (m.state === MomentState.Scheduled) {
        const data: PublishMomentJobData = {
          corpId: m.corpId,
          id: m.id,
          scheduledAtMs: m.scheduledAt.getTime(),
        };
        await this.jobs.enqueue(JobName.PublishMoment, data, {
          jobId: publishJobId(m.id, data.scheduledAtMs),
        });
      } else if (m.state === MomentState.Creating) {
        if (now.getTime() - (m.submitStartedAt ?? m.updatedAt).getTime() < RECONCILE_WAIT_MS)
          continue;
        const data: PublishMomentJobData = {
          corpId: m.corpId,
          id: m.id,
          scheduledAtMs: m.scheduledAt.getTime(),
        };
        await this.jobs.enqueue(JobName.PublishMoment, data, {
          jobId: `${publishJobId(m.id, data.scheduledAtMs)}-sweep-${slot}`,
        });
      } else if (m.state === MomentState.Submitted) {
        await this.jobs.enqueue(
          JobName.PollMomentTask,
          { corpId: m.corpId, id: m.id, n: 0, chain: false },
          { jobId: `moment-poll-${m.id}-sweep-${slot}` },
        );
      }
    }
    return rows.length;
  }

  private enqueuePoll(m: MomentEntity, n: number, delay: number) {
    const data: MomentChainJobData = { corpId: m.corpId, id: m.id, n };
    return this.jobs.enqueue(JobName.PollMomentTask, data, {
      jobId: `moment-poll-${m.id}-${n}`,
      delay,
    });
  }

  private enqueueResults(m: MomentEntity, n: number, delay: number) {
    const data: MomentChainJobData = { corpId: m.corpId, id: m.id, n };
    return this.jobs.enqueue(JobName.PullMomentResults, data, {
      jobId: `moment-results-${m.id}-${n}`,
      delay,
    });
  }
}

function interaction(
  userId: string,
  kind: 'comment' | 'like',
  x: MomentInteraction,
): MomentInteractionRow {
  return {
    userId,
    kind,
    externalUserId: x.external_userid ?? '',
    actorUserId: x.userid ?? '',
    createTime: Number(x.create_time) || 0,
  };
}
