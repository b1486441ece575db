import { Injectable, Logger } from '@nestjs/common';
import { loadEnv } from '../config/configuration';
import { CorpService } from '../corps/corp.service';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName } from '../queue/queue-names';
import { ChatArchiveClient } from '../wecom/areas/chat-archive.client';
import { normalizeMessage } from './archive-message';
import { ChatArchiveService } from './chat-archive.service';

/** GetChatData's most records a call (DW 91774). */
export const PULL_LIMIT = 1000;
/** Pulls a job makes before it hands over to a new job (a long backlog never holds one job). */
const PULLS_PER_JOB = 20;
/** msgaudit_notify events within this window share one pull. */
const NOTIFY_COALESCE_MS = 2000;

export interface PullJobData {
  corpId: string;
}

/**
 * The puller: reads the archive after the corp's last seq (exclusive, ≤ 1,000 a call) and stores
 * what it reads, until the archive has nothing newer. Woken by msgaudit_notify and by the
 * minute's sweep, only when CHAT_ARCHIVE_PULL_ENABLED (the sandbox; in production a sidecar
 * pushes). A pull that stops half-way re-reads from the stored seq: the msgid makes it harmless.
 */
@Injectable()
export class ChatArchivePullerService {
  private readonly logger = new Logger(ChatArchivePullerService.name);

  constructor(
    private readonly archive: ChatArchiveService,
    private readonly client: ChatArchiveClient,
    private readonly corps: CorpService,
    private readonly jobs: JobQueueService,
  ) {}

  get enabled(): boolean {
    return loadEnv().CHAT_ARCHIVE_PULL_ENABLED;
  }

  /** A pull soon (notifications close together share one job). */
  async wake(corpId: string): Promise<void> {
    if (!this.enabled) return;
    const bucket = Math.floor(Date.now() / NOTIFY_COALESCE_MS);
    await this.jobs.enqueue(JobName.PullChatArchive, { corpId } satisfies PullJobData, {
      jobId: `chat-pull:${corpId}:${bucket}`,
    });
  }

  async wakeAll(): Promise<void> {
    if (!this.enabled) return;
    for (const c of await this.corps.list()) await this.wake(c.corpId);
  }

  /** One pull job: returns the records stored and the seq reached. */
  async pull(corpId: string): Promise<{ read: number; inserted: number; seq: number }> {
    let seq = await this.archive.pullSeq(corpId);
    let read = 0;
    let inserted = 0;
    for (let i = 0; i < PULLS_PER_JOB; i++) {
      const res = await this.client.getChatData(corpId, { seq, limit: PULL_LIMIT, timeout: 5 });
      const records = res.chatdata ?? [];
      if (!records.length) return { read, inserted, seq };
      const batch = [];
      let skipped = 0;
      for (const r of records) {
        const checked = normalizeMessage({ msgid: r.msgid, ...r.message }, 'message');
        if (checked.ok) batch.push({ message: checked.message, seq: r.seq });
        else skipped++;
      }
      // the message itself is never logged; its seq says where to look
      if (skipped)
        this.logger.warn({ corpId, seq, skipped }, 'archive records skipped (bad shape)');
      inserted += await this.archive.store(corpId, batch);
      read += records.length;
      seq = Math.max(seq, ...records.map((r) => r.seq));
      await this.archive.advancePullSeq(corpId, seq);
      if (records.length < PULL_LIMIT) return { read, inserted, seq };
    }
    await this.jobs.enqueue(JobName.PullChatArchive, { corpId } satisfies PullJobData);
    return { read, inserted, seq };
  }
}
