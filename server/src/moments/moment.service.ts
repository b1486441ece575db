import { Injectable, Logger } from '@nestjs/common';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName, QueueName } from '../queue/queue-names';
import { StaffService } from '../staff/staff.service';
import { TagService } from '../tags/tag.service';
import { MomentsClient } from '../wecom/areas/moments.client';
import { WecomApiException } from '../wecom/wecom-api.exception';
import {
  CreateMomentDto,
  MomentCustomersPageDto,
  MomentResponseDto,
  MomentResultsDto,
  PersonalMomentView,
  toInteractionView,
  toMomentResponse,
  UpdateMomentDto,
} from './dto/moment.dto';
import { MomentEntity, MomentState } from './entities/moment.entity';
import { momentErrcodeSentence, MomentException } from './moment.exception';
import { MomentRepository } from './moment.repository';
import { defaultTitle, momentContentProblems } from './moment-rules';
import type { MomentAttachment, MomentVisibility } from './moment.types';

export interface PublishMomentJobData {
  corpId: string;
  id: string;
  /** The schedule the job was enqueued for: an edit re-enqueues, the old job then does nothing. */
  scheduledAtMs: number;
}

/** A moment on the campaign calendar (campaigns/ maps it to a CalendarEntry). */
export interface MomentCalendarItem {
  id: string;
  title: string;
  state: MomentState;
  scheduledAt: Date;
  sentAt: Date | null;
}

const DAY_MS = 86_400_000;
const PERSONAL_SPAN_MS = 30 * DAY_MS;

/** The publish job's id: one per moment and schedule (an edited schedule gets a new job). */
export const publishJobId = (id: string, scheduledAtMs: number) =>
  `moment-publish-${id}-${scheduledAtMs}`;

/**
 * Moments (客户朋友圈) of the console: compose (WeCom's rules checked first), schedule, edit or
 * cancel before the time, results and the members' own moments. Publishing runs in the worker
 * (MomentPublisher).
 */
@Injectable()
export class MomentService {
  private readonly log = new Logger(MomentService.name);

  constructor(
    private readonly repo: MomentRepository,
    private readonly jobs: JobQueueService,
    private readonly staff: StaffService,
    private readonly tags: TagService,
    private readonly client: MomentsClient,
  ) {}

  async create(dto: CreateMomentDto, actor: string | null): Promise<MomentResponseDto> {
    const attachments = toAttachments(dto.attachments);
    const visible = toVisibility(dto.visible);
    await this.check(dto.corpId, dto.text ?? null, attachments, visible);
    const scheduledAt = dto.scheduledAt ?? new Date();
    const row = await this.repo.insert({
      corpId: dto.corpId,
      title: dto.title?.trim() || defaultTitle(dto.text, attachments),
      text: dto.text ?? null,
      attachments,
      visible,
      state: MomentState.Scheduled,
      scheduledAt,
      createdBy: actor,
    });
    await this.enqueuePublish(row);
    return toMomentResponse(row);
  }

  async update(corpId: string, id: string, dto: UpdateMomentDto): Promise<MomentResponseDto> {
    const current = await this.get(corpId, id);
    if (current.state !== MomentState.Scheduled) throw MomentException.notScheduled(current.state);
    const attachments =
      dto.attachments !== undefined ? toAttachments(dto.attachments) : current.attachments;
    const visible = dto.visible !== undefined ? toVisibility(dto.visible) : current.visible;
    const text = dto.text !== undefined ? dto.text : current.text;
    await this.check(corpId, text, attachments, visible);
    const scheduledAt =
      dto.scheduledAt === undefined ? current.scheduledAt : (dto.scheduledAt ?? new Date());
    const ok = await this.repo.updateScheduled(corpId, id, {
      title:
        dto.title?.trim() ||
        (dto.text !== undefined ? defaultTitle(text, attachments) : current.title),
      text,
      attachments,
      visible,
      scheduledAt,
    });
    if (!ok) throw MomentException.notScheduled((await this.get(corpId, id)).state);
    const row = await this.get(corpId, id);
    if (scheduledAt.getTime() !== current.scheduledAt.getTime()) {
      await this.removeJob(publishJobId(id, current.scheduledAt.getTime()));
      await this.enqueuePublish(row);
    }
    return toMomentResponse(row);
  }

  async cancel(corpId: string, id: string): Promise<MomentResponseDto> {
    const current = await this.get(corpId, id);
    if (!(await this.repo.cancel(corpId, id)))
      throw MomentException.notScheduled((await this.get(corpId, id)).state ?? current.state);
    await this.removeJob(publishJobId(id, current.scheduledAt.getTime()));
    return toMomentResponse(await this.get(corpId, id));
  }

  async list(corpId: string, states?: MomentState[]): Promise<MomentResponseDto[]> {
    return (await this.repo.list(corpId, states, 500)).map(toMomentResponse);
  }

  async detail(corpId: string, id: string): Promise<MomentResponseDto> {
    return toMomentResponse(await this.get(corpId, id));
  }

  /** Per member: published or not, shown to, sent to, comments and likes; the latest interactions. */
  async results(corpId: string, id: string): Promise<MomentResultsDto> {
    const m = await this.get(corpId, id);
    const [staff, interactions] = await Promise.all([
      this.repo.staffRows(m.id),
      this.repo.interactions(m.id, 500),
    ]);
    const names = await this.staff.names(
      corpId,
      staff.map((s) => s.userId),
    );
    const sum = (f: (s: (typeof staff)[number]) => number) => staff.reduce((n, s) => n + f(s), 0);
    return {
      moment: toMomentResponse(m),
      totals: {
        staff: staff.length,
        published: staff.filter((s) => s.publishStatus === 1).length,
        visible: sum((s) => s.visibleCount),
        sent: sum((s) => s.sentCount),
        comments: sum((s) => s.commentCount),
        likes: sum((s) => s.likeCount),
      },
      staff: staff.map((s) => ({ ...s, name: names.get(s.userId) ?? null })),
      interactions: interactions.map(toInteractionView),
    };
  }

  async customers(
    corpId: string,
    id: string,
    userId: string | undefined,
    cursor: string | undefined,
  ): Promise<MomentCustomersPageDto> {
    const m = await this.get(corpId, id);
    const limit = 200;
    let after: { userId: string; externalUserId: string } | undefined;
    if (cursor) {
      const [u, e] = Buffer.from(cursor, 'base64url').toString().split('\u0001');
      if (!u || !e) throw MomentException.invalid({ cursor: ['cursor 无效。'] });
      after = { userId: u, externalUserId: e };
    }
    const items = await this.repo.customers(m.id, userId, after, limit);
    const last = items.length === limit ? items[items.length - 1] : undefined;
    return {
      items,
      nextCursor: last
        ? Buffer.from(`${last.userId}\u0001${last.externalUserId}`).toString('base64url')
        : null,
    };
  }

  /** Asks the worker for the results now (the console's refresh button); the schedule goes on. */
  async refresh(corpId: string, id: string): Promise<MomentResponseDto> {
    const m = await this.get(corpId, id);
    if (m.state === MomentState.Created)
      await this.jobs.enqueue(
        JobName.PullMomentResults,
        { corpId, id, n: 0, chain: false },
        { jobId: `moment-results-${id}-now-${Date.now()}` },
      );
    else if (m.state === MomentState.Submitted)
      await this.jobs.enqueue(
        JobName.PollMomentTask,
        { corpId, id, n: 0, chain: false },
        { jobId: `moment-poll-${id}-now-${Date.now()}` },
      );
    return toMomentResponse(m);
  }

  /**
   * Moments the members posted themselves in the WeCom app (get_moment_list, filter_type 1),
   * read live: WeCom keeps them, the SCRM only shows them. Span ≤ 30 days.
   */
  async personal(
    corpId: string,
    from: Date,
    to: Date,
    creator?: string,
  ): Promise<PersonalMomentView[]> {
    if (to.getTime() <= from.getTime())
      throw MomentException.invalid({ to: ['结束时间必须晚于开始时间。'] });
    if (to.getTime() - from.getTime() > PERSONAL_SPAN_MS)
      throw MomentException.invalid({ to: ['企业微信一次最多查询 30 天的朋友圈。'] });
    const out: PersonalMomentView[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 25; page++) {
      const res = await this.client.getMomentList(corpId, {
        start_time: Math.floor(from.getTime() / 1000),
        end_time: Math.floor(to.getTime() / 1000),
        creator,
        filter_type: 1,
        cursor,
        limit: 20,
      });
      for (const m of res.moment_list ?? [])
        out.push({
          momentId: m.moment_id,
          creator: m.creator || null,
          creatorName: null,
          createdAt: new Date(Number(m.create_time) * 1000).toISOString(),
          visibleType: m.visible_type,
          text: m.text?.content ?? null,
          images: m.image?.length ?? 0,
          hasVideo: Boolean(m.video),
          linkTitle: m.link?.title ?? null,
        });
      cursor = res.next_cursor || undefined;
      if (!cursor) break;
    }
    const names = await this.staff.names(
      corpId,
      out.map((m) => m.creator).filter((c): c is string => Boolean(c)),
    );
    for (const m of out) m.creatorName = m.creator ? (names.get(m.creator) ?? null) : null;
    return out;
  }

  /** The corp's moments scheduled in [from, to) (the campaign calendar). */
  async calendarItems(corpId: string, from: Date, to: Date): Promise<MomentCalendarItem[]> {
    return (await this.repo.inRange(corpId, from, to)).map((m) => ({
      id: m.id,
      title: m.title,
      state: m.state,
      scheduledAt: m.scheduledAt,
      sentAt: m.createdAtWecom,
    }));
  }

  // ---------------------------------------------------------------------------- internals

  private async get(corpId: string, id: string): Promise<MomentEntity> {
    const m = await this.repo.findById(corpId, id);
    if (!m) throw MomentException.notFound(id);
    return m;
  }

  /** WeCom's rules, before anything is stored: content, members, departments, corp tags only. */
  private async check(
    corpId: string,
    text: string | null,
    attachments: MomentAttachment[],
    visible: MomentVisibility,
  ): Promise<void> {
    const problems = momentContentProblems(text, attachments);
    const add = (field: string, s: string) => (problems[field] ??= []).push(s);
    if (visible.userIds.length) {
      const known = await this.staff.availability(corpId, visible.userIds);
      const byId = new Map(known.map((s) => [s.userId, s]));
      const missing = visible.userIds.filter((u) => !byId.has(u));
      const gone = known.filter((s) => s.departedAt || s.wecomStatus === 5).map((s) => s.userId);
      const noContact = known
        .filter((s) => !s.departedAt && s.wecomStatus !== 5 && !s.customerContact)
        .map((s) => s.userId);
      if (missing.length) add('visible.userIds', `这些成员不在本企业：${missing.join('、')}。`);
      if (gone.length) add('visible.userIds', `这些成员已离职：${gone.join('、')}。`);
      if (noContact.length)
        add(
          'visible.userIds',
          `这些成员没有客户联系权限，不能发表客户朋友圈：${noContact.join('、')}。`,
        );
    }
    if (visible.departmentIds.length) {
      const tree = new Set((await this.staff.departmentTree(corpId)).map((d) => d.id));
      const missing = visible.departmentIds.filter((d) => !tree.has(d));
      if (tree.size && missing.length)
        add('visible.departmentIds', `这些部门不存在：${missing.join('、')}。`);
    }
    if (visible.tagIds.length) {
      const known = await this.tags.knownTagIds(corpId, visible.tagIds);
      const unknown = known ? visible.tagIds.filter((t) => !known.has(t)) : [];
      if (unknown.length)
        add(
          'visible.tagIds',
          `朋友圈的可见范围只能用企业客户标签；规则组标签（企业微信规则组下的标签）和已删除的标签都不能用：${unknown.join('、')}。`,
        );
    }
    if (Object.keys(problems).length) throw MomentException.invalid(problems);
  }

  private async enqueuePublish(row: MomentEntity): Promise<void> {
    const scheduledAtMs = row.scheduledAt.getTime();
    const data: PublishMomentJobData = { corpId: row.corpId, id: row.id, scheduledAtMs };
    await this.jobs.enqueue(JobName.PublishMoment, data, {
      jobId: publishJobId(row.id, scheduledAtMs),
      delay: Math.max(0, scheduledAtMs - Date.now()),
    });
  }

  /** Removes a waiting job (an edited or cancelled schedule); the job checks the row anyway. */
  private async removeJob(jobId: string): Promise<void> {
    try {
      const job = await this.jobs.queue(QueueName.Moments).getJob(jobId);
      if (job && (await job.isDelayed())) await job.remove();
    } catch (err) {
      this.log.warn({ jobId, err: (err as Error).message }, 'could not remove a moment job');
    }
  }
}

function toAttachments(list: CreateMomentDto['attachments']): MomentAttachment[] {
  return (list ?? []).map((a) =>
    a.type === 'link'
      ? { type: 'link', title: a.title ?? '', url: a.url ?? '', assetId: a.assetId }
      : { type: a.type, assetId: a.assetId },
  );
}

function toVisibility(v: CreateMomentDto['visible']): MomentVisibility {
  return {
    userIds: [...new Set(v?.userIds ?? [])],
    departmentIds: [...new Set(v?.departmentIds ?? [])],
    tagIds: [...new Set(v?.tagIds ?? [])],
  };
}

/** A WeCom refusal as the sentence stored on the moment. */
export function wecomRefusal(err: WecomApiException): string {
  return momentErrcodeSentence(err.errcode, err.errmsg);
}
