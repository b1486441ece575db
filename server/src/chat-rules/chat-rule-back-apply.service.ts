import { Injectable } from '@nestjs/common';
import type { Job } from 'bull';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName, QueueName } from '../queue/queue-names';
import { ChatArchiveService } from '../chat-archive/chat-archive.service';
import { ChatRulesService } from './chat-rules.service';
import type { BackApplyJobDto } from './dto/chat-rule.dto';

/** Messages a back-apply reads per step (its progress is saved after each). */
const PAGE = 1000;

export interface BackApplyJobData {
  corpId: string;
  ruleId: string;
  /** Messages after this id are still to do (saved after each page: a retry resumes there). */
  afterId: string;
  /** The newest message when the job started: newer ones went through the live rules. */
  upToId: string;
  total: number;
  scanned: number;
  matched: number;
  marked: number;
}

/**
 * Back-applies a new or edited rule to the corp's past messages, as a job with progress: page by
 * page in id order, the position saved in the job after each page, so a crashed worker's retry
 * resumes where it stopped; it marks like the live rules (removed marks stay removed, marks
 * already there are left alone).
 */
@Injectable()
export class ChatRuleBackApplyService {
  constructor(
    private readonly rules: ChatRulesService,
    private readonly archive: ChatArchiveService,
    private readonly jobs: JobQueueService,
  ) {}

  async start(corpId: string, ruleId: string): Promise<BackApplyJobDto> {
    await this.rules.require(corpId, ruleId);
    const [upToId, total] = await Promise.all([
      this.archive.maxId(corpId),
      this.archive.count(corpId),
    ]);
    const data: BackApplyJobData = {
      corpId,
      ruleId,
      afterId: '0',
      upToId,
      total,
      scanned: 0,
      matched: 0,
      marked: 0,
    };
    const job = await this.jobs.enqueue(JobName.BackApplyChatRule, data, {
      jobId: `chat-back-apply:${corpId}:${ruleId}:${Date.now()}`,
    });
    return this.view(job);
  }

  async status(corpId: string, ruleId: string, jobId: string): Promise<BackApplyJobDto> {
    const job = await this.jobs.queue(QueueName.ChatArchive).getJob(jobId);
    const data = job?.data as BackApplyJobData | undefined;
    if (!job || data?.corpId !== corpId || data.ruleId !== ruleId)
      return { jobId, state: 'unknown', progress: 0, scanned: 0, matched: 0, marked: 0 };
    return this.view(job);
  }

  private async view(job: Job<BackApplyJobData>): Promise<BackApplyJobDto> {
    const d = job.data;
    const state = await job.getState();
    return {
      jobId: String(job.id),
      state,
      progress: state === 'completed' ? 100 : Number(job.progress()) || 0,
      scanned: d.scanned,
      matched: d.matched,
      marked: d.marked,
      failedReason: job.failedReason,
    };
  }

  async run(job: Job<BackApplyJobData>): Promise<Omit<BackApplyJobData, 'afterId'>> {
    const d = { ...job.data };
    for (;;) {
      const page = await this.rules.backApplyPage(d.corpId, d.ruleId, d.afterId, d.upToId, PAGE);
      if (!page.lastId) break;
      d.afterId = page.lastId;
      d.scanned += page.scanned;
      d.matched += page.matched;
      d.marked += page.marked;
      await job.update(d);
      await job.progress(d.total ? Math.min(99, Math.floor((100 * d.scanned) / d.total)) : 99);
      if (page.scanned < PAGE) break;
    }
    await job.progress(100);
    return d;
  }
}
