import { Injectable, Logger, OnModuleInit, ServiceUnavailableException } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { AudienceFilter } from '../../audience/audience-filter';
import { groupBy } from '../../common/collections';
import { CustomersService } from '../../customers/customers.service';
import { JobQueueService } from '../../queue/job-queue.service';
import { JobName } from '../../queue/queue-names';
import { TagRepository } from '../tag.repository';
import { RelationRef, TagMarkService, TagSource } from '../tag-mark.service';
import { TagService } from '../tag.service';
import { TagsException } from '../tags.exception';
import { AUDIENCE_RELATIONS, AudienceRelations } from './audience-relations.port';
import { ImportReport, parseImportCsv, planImport } from './import-plan';
import { NewItem, TagJobRepository, TagJobRow } from './tag-job.repository';

/** Relations marked per chunk: the chunk is settled (items + counters) in one transaction. */
export const CHUNK = 100;
const STREAM_BATCH = 1000;
/** Bull attempts of one run (a crash is resumed from the items, not from the start). */
const JOB_ATTEMPTS = 20;

export interface RunTagJobData {
  corpId: string;
  jobId: string;
}

export interface TagJobView extends TagJobRow {
  failures: Array<{ externalUserId: string; userId: string; errcode: number | null }>;
}

/**
 * Bulk mark / unmark of a filtered set (or of listed customers) and CSV imports, as resumable
 * jobs. Start writes the job; the worker first writes every relation as an item (`preparing`),
 * then marks them in chunks through TagMarkService (WeCom's limits are the WeCom client's rate
 * limiter's), settling each chunk's items and the counters together. A SIGKILLed worker's job is
 * taken over by Bull (stalled) or retried: it redoes at most one chunk, and marking is
 * idempotent, so each relation ends marked once. Cancel stops at the next chunk.
 */
@Injectable()
export class TagJobService implements OnModuleInit {
  private readonly logger = new Logger(TagJobService.name);
  private audience: AudienceRelations | null = null;

  constructor(
    private readonly repo: TagJobRepository,
    private readonly tagRepo: TagRepository,
    private readonly tags: TagService,
    private readonly marks: TagMarkService,
    private readonly customers: CustomersService,
    private readonly jobs: JobQueueService,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    try {
      this.audience = this.moduleRef.get<AudienceRelations>(AUDIENCE_RELATIONS, { strict: false });
    } catch {
      this.audience = null;
    }
  }

  /** For tests and for the audience module's wiring. */
  useAudience(audience: AudienceRelations): void {
    this.audience = audience;
  }

  async start(
    corpId: string,
    input: {
      filter?: AudienceFilter;
      externalUserIds?: string[];
      addTagIds: string[];
      removeTagIds: string[];
    },
    actor: string | null,
  ): Promise<TagJobRow> {
    await this.requireKnownTags(corpId, [...input.addTagIds, ...input.removeTagIds]);
    if (!input.filter === !input.externalUserIds?.length)
      throw TagsException.rule({
        filter: ['请给出筛选条件 (filter) 或客户列表 (externalUserIds) 之一'],
      });
    if (input.filter && !this.audience)
      throw new ServiceUnavailableException('受众筛选模块尚未就绪，暂时只能按客户列表批量打标签');
    const filter = input.filter
      ? { filter: input.filter }
      : { externalUserIds: [...new Set(input.externalUserIds ?? [])] };
    const id = await this.repo.create({
      corpId,
      kind: 'bulk',
      state: 'preparing',
      filter,
      addTagIds: [...new Set(input.addTagIds)],
      removeTagIds: [...new Set(input.removeTagIds)],
      actor,
    });
    await this.enqueue(corpId, id);
    return (await this.repo.get(id))!;
  }

  list(corpId: string): Promise<TagJobRow[]> {
    return this.repo.list(corpId);
  }

  async get(corpId: string, id: string): Promise<TagJobView> {
    const job = await this.repo.get(id, corpId);
    if (!job) throw TagsException.jobNotFound(id);
    return { ...job, failures: await this.repo.failures(id) };
  }

  async cancel(corpId: string, id: string): Promise<TagJobRow> {
    const job = await this.repo.get(id, corpId);
    if (!job) throw TagsException.jobNotFound(id);
    if (!(await this.repo.requestCancel(corpId, id))) throw TagsException.jobFinished(id);
    return (await this.repo.get(id))!;
  }

  // ---------------------------------------------------------------------------------- import

  /** Dry run (nothing written) or the real run (a job with one item per relation and line). */
  async import(
    corpId: string,
    input: { fileName: string; csv: string; dryRun: boolean },
    actor: string | null,
  ): Promise<{ report: ImportReport; job: TagJobRow | null }> {
    const parsed = parseImportCsv(input.csv);
    if (parsed.problem) throw TagsException.importInvalid(parsed.problem);
    const tagNames = await this.tagRepo.liveTagNames(corpId);
    const ids = parsed.lines.flatMap((l) => (l.externalUserId ? [l.externalUserId] : []));
    const byId = groupBy(
      await this.customers.activeRelations(corpId, ids),
      (r) => r.externalUserId,
    );
    const matched = await this.customers.matchRelations(corpId, {
      remarks: parsed.lines.flatMap((l) => (l.remark ? [l.remark] : [])),
      phones: parsed.lines.flatMap((l) => (l.phone ? [l.phone] : [])),
    });
    const { report, items } = planImport(input.fileName, parsed.lines, tagNames, (line) => {
      if (line.externalUserId) return byId.get(line.externalUserId) ?? [];
      return matched.filter(
        (m) =>
          (line.phone && m.remarkMobiles.includes(line.phone)) ||
          (line.remark && m.remark === line.remark),
      );
    });
    if (input.dryRun || !items.length) return { report, job: null };
    const id = await this.repo.create({
      corpId,
      kind: 'import',
      state: 'preparing',
      filter: null,
      addTagIds: [],
      removeTagIds: [],
      fileName: input.fileName,
      actor,
    });
    let seq = 0;
    for (let i = 0; i < items.length; i += STREAM_BATCH)
      seq = await this.repo.addItems(id, seq, items.slice(i, i + STREAM_BATCH));
    await this.repo.startRunning(id, seq);
    await this.enqueue(corpId, id);
    return { report, job: await this.repo.get(id) };
  }

  // ---------------------------------------------------------------------------------- worker

  /** The worker's run of one job, from wherever it stopped. */
  async run(data: RunTagJobData): Promise<{ state: string; done: number; failed: number }> {
    let job = await this.repo.get(data.jobId, data.corpId);
    if (!job) return { state: 'missing', done: 0, failed: 0 };
    if (job.state === 'preparing') {
      if (job.cancelRequested) await this.repo.finish(job.id, 'cancelled');
      else await this.prepare(job);
      job = (await this.repo.get(job.id))!;
    }
    while (job.state === 'running') {
      if (job.cancelRequested) {
        await this.repo.finish(job.id, 'cancelled');
        break;
      }
      const chunk = await this.repo.pending(job.id, CHUNK);
      if (!chunk.length) {
        await this.repo.finish(job.id, 'done');
        break;
      }
      await this.markChunk(job, chunk);
      job = (await this.repo.get(job.id))!;
    }
    const end = (await this.repo.get(data.jobId))!;
    return { state: end.state, done: end.done, failed: end.failed };
  }

  /** Writes every relation of the job as an item (again from the start after a crash). */
  private async prepare(job: TagJobRow): Promise<void> {
    await this.repo.clearItems(job.id);
    let seq = 0;
    const spec = job.filter as { filter?: AudienceFilter; externalUserIds?: string[] };
    if (spec.filter) {
      if (!this.audience) throw new ServiceUnavailableException('audience module not available');
      for await (const batch of this.audience.streamRelations(
        job.corpId,
        spec.filter,
        STREAM_BATCH,
      ))
        seq = await this.repo.addItems(job.id, seq, batch.map(toItem));
    } else {
      const ids = spec.externalUserIds ?? [];
      for (let i = 0; i < ids.length; i += STREAM_BATCH) {
        const rels = await this.customers.activeRelations(
          job.corpId,
          ids.slice(i, i + STREAM_BATCH),
        );
        seq = await this.repo.addItems(job.id, seq, rels.map(toItem));
      }
    }
    await this.repo.startRunning(job.id, seq);
  }

  private async markChunk(job: TagJobRow, chunk: Awaited<ReturnType<TagJobRepository['pending']>>) {
    const done: number[] = [];
    const failed: Array<{ seq: number; errcode: number }> = [];
    // Items with the same tags (a bulk job: all of them; an import: per line) go together.
    const byTags = groupBy(chunk, (it) => JSON.stringify([it.addTagIds, it.evidence]));
    for (const items of byTags.values()) {
      const first = items[0];
      const res = await this.marks.change({
        corpId: job.corpId,
        relations: items,
        addTagIds: first.addTagIds ?? job.addTagIds,
        removeTagIds: job.removeTagIds,
        source: job.kind === 'import' ? TagSource.Import : TagSource.Manual,
        actor: job.actor,
        evidence: first.evidence ?? { bulkJobId: job.id },
        ref: `tag-job:${job.id}`,
      });
      const key = (r: RelationRef) => `${r.externalUserId}\u0000${r.userId}`;
      const refused = new Map(res.failed.map((f) => [key(f), f.errcode]));
      for (const it of items) {
        const errcode = refused.get(key(it));
        if (errcode === undefined) done.push(it.seq);
        else failed.push({ seq: it.seq, errcode });
      }
    }
    await this.repo.settle(job.id, done, failed);
  }

  /** Marks the job failed for good (Bull's last attempt failed). */
  async fail(data: RunTagJobData, err: Error): Promise<void> {
    await this.repo.finish(data.jobId, 'failed', err.message);
  }

  /** Keeper: a job whose Bull job was lost (Redis flushed) is enqueued again. */
  async resumeUnfinished(): Promise<number> {
    const open = await this.repo.unfinished();
    for (const j of open) await this.enqueue(j.corpId, j.id);
    return open.length;
  }

  private async enqueue(corpId: string, jobId: string): Promise<void> {
    await this.jobs.enqueue<RunTagJobData>(
      JobName.RunTagJob,
      { corpId, jobId },
      {
        jobId: `tag-job:${jobId}`,
        attempts: JOB_ATTEMPTS,
        backoff: { type: 'exponential', delay: 2000 },
      },
    );
  }

  private async requireKnownTags(corpId: string, tagIds: string[]): Promise<void> {
    if (!tagIds.length)
      throw TagsException.rule({ addTagIds: ['请至少选择一个要添加或移除的标签'] });
    const known = await this.tags.knownTagIds(corpId, tagIds);
    const unknown = tagIds.filter((t) => known && !known.has(t));
    if (unknown.length)
      throw TagsException.rule({
        addTagIds: [`标签不存在或已在企业微信中删除：${unknown.join('、')}`],
      });
  }
}

const toItem = (r: RelationRef): NewItem => ({
  externalUserId: r.externalUserId,
  userId: r.userId,
});
