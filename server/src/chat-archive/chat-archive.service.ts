import { createHash, randomBytes } from 'node:crypto';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { AppException } from '../common/app.exception';
import { retryOnLockConflict } from '../common/lock-conflict';
import { CustomersService } from '../customers/customers.service';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName } from '../queue/queue-names';
import { StaffService } from '../staff/staff.service';
import {
  ArchiveMessage,
  isExternalId,
  messageText,
  normalizeMessage,
  StoredMessage,
} from './archive-message';
import { ChatMessageRepository, MessageRow } from './chat-message.repository';
import type {
  ChatArchiveSettingsDto,
  ChatHistoryPageDto,
  ChatMessageDto,
  IngestResultDto,
} from './dto/chat-archive.dto';

/** What runs on every new message (the chat rules register one), in the worker. */
export interface MessageConsumer {
  consume(corpId: string, messages: StoredMessage[]): Promise<void>;
}

/** Messages the rules take at once, and how long a claim lasts before another worker may take it. */
const RULES_BATCH = 1000;
const CLAIM_LEASE_MS = 5 * 60_000;
const RETENTION_DELETE_BATCH = 5000;
const DAY_MS = 86_400_000;

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The customer whose history a message belongs to: a private chat's, a group message's sender. */
function customerOf(m: Pick<ArchiveMessage, 'from' | 'tolist' | 'roomid'>): string {
  if (m.roomid) return isExternalId(m.from) ? m.from : '';
  return [m.from, ...m.tolist].find(isExternalId) ?? '';
}

/** Each customer's newest message time among these (last_chat_at only moves forward). */
function lastChats(messages: StoredMessage[]): Map<string, number> {
  const last = new Map<string, number>();
  for (const m of messages) {
    const c = customerOf(m);
    if (c) last.set(c, Math.max(last.get(c) ?? 0, m.msgtime));
  }
  return last;
}

/**
 * The chat archive (会话内容存档): stores decrypted messages (from a sidecar's POST or the
 * sandbox puller), keeps each customer's history, enforces the corp's retention, and in the
 * worker, once per new message, records the customer's last chat time (customer.last_chat_at,
 * through the customers module: the audience filter's "last chat") and runs the registered
 * consumers (the chat rules). Messages are never logged: log lines carry counts and ids only.
 */
@Injectable()
export class ChatArchiveService {
  private readonly logger = new Logger(ChatArchiveService.name);
  private readonly consumers: MessageConsumer[] = [];

  constructor(
    private readonly repo: ChatMessageRepository,
    private readonly jobs: JobQueueService,
    private readonly staff: StaffService,
    private readonly customers: CustomersService,
  ) {}

  registerConsumer(c: MessageConsumer): void {
    this.consumers.push(c);
  }

  // ------------------------------------------------------------------ ingestion

  /**
   * Stores a batch (at most 1,000): every message is checked first, and one bad message refuses
   * the batch with a 400 naming it (`messages[3].msgid`), so a sidecar never half-delivers.
   * Replays and overlapping or out-of-order batches are harmless: a stored msgid is skipped.
   */
  async ingest(corpId: string, raw: unknown[]): Promise<IngestResultDto> {
    const messages: ArchiveMessage[] = [];
    const errors: Record<string, string[]> = {};
    raw.forEach((r, i) => {
      const res = normalizeMessage(r, `messages[${i}]`);
      if (res.ok) messages.push(res.message);
      else Object.assign(errors, res.errors);
    });
    const first = Object.entries(errors)[0];
    if (first)
      throw new AppException(
        'VALIDATION_FAILED',
        `Invalid ${first[0]}: ${first[1][0]}`,
        HttpStatus.BAD_REQUEST,
        errors,
      );
    const inserted = await this.store(
      corpId,
      messages.map((m) => ({ message: m, seq: null })),
    );
    return { received: raw.length, inserted, duplicates: raw.length - inserted };
  }

  /** Stores already-checked messages; wakes the rules when any was new. */
  async store(
    corpId: string,
    batch: Array<{ message: ArchiveMessage; seq: number | null }>,
  ): Promise<number> {
    // one row per msgid within the batch too (a sidecar may repeat a record)
    const unique = new Map<string, MessageRow>();
    for (const { message: m, seq } of batch) {
      const { msgid, action, from, tolist, roomid, msgtime, msgtype, ...rest } = m;
      void rest;
      unique.set(msgid, {
        msgid,
        seq,
        action,
        from,
        tolist,
        roomid,
        msgtime,
        msgtype,
        text: messageText(m),
        content: m,
        customerId: customerOf(m),
      });
    }
    // the request is the INSERT and the wake-up: the corp's setting row exists already (the
    // ingest token is stored in it; the puller read its seq from it), and the customers' last
    // chat is recorded by the worker's pass (processPending)
    const rows = [...unique.values()].sort((a, b) => (a.msgid < b.msgid ? -1 : 1));
    const inserted = await retryOnLockConflict(() => this.repo.insertBatch(corpId, rows));
    if (inserted) await this.wakeRules(corpId);
    return inserted;
  }

  wakeRules(corpId: string) {
    return this.jobs.enqueue(JobName.ApplyChatRules, { corpId });
  }

  /**
   * Runs the consumers on the corp's new messages, batch by batch, until none is left. Each
   * message is claimed by one worker; a worker that dies mid-batch leaves its claim to expire and
   * the batch runs again (the consumers are idempotent: marks and watermarks).
   */
  async processPending(corpId: string): Promise<number> {
    let done = 0;
    for (;;) {
      const batch = await retryOnLockConflict(() =>
        this.repo.claimPending(corpId, RULES_BATCH, CLAIM_LEASE_MS),
      );
      if (!batch.length) return done;
      const ids = batch.map((m) => m.id);
      try {
        // the customers' last chat and the consumers touch different rows: side by side
        await Promise.all([
          retryOnLockConflict(() => this.customers.recordLastChat(corpId, lastChats(batch))),
          (async () => {
            for (const c of this.consumers) await c.consume(corpId, batch);
          })(),
        ]);
        await retryOnLockConflict(() => this.repo.settle(ids));
      } catch (err) {
        // the retry (Bull's backoff) takes them again at once, not after the lease
        await retryOnLockConflict(() => this.repo.release(ids)).catch(() => undefined);
        throw err;
      }
      done += batch.length;
    }
  }

  corpsWithPending(): Promise<string[]> {
    return this.repo.corpsWithPending();
  }

  // ------------------------------------------------------------------ reading (other modules)

  /** Messages after `afterId` (id order), for the back-apply of a rule. */
  pageAfter(corpId: string, afterId: string, limit: number): Promise<StoredMessage[]> {
    return this.repo.pageAfter(corpId, afterId, limit);
  }

  latest(corpId: string, limit: number): Promise<StoredMessage[]> {
    return this.repo.latest(corpId, limit);
  }

  maxId(corpId: string): Promise<string> {
    return this.repo.maxId(corpId);
  }

  count(corpId: string): Promise<number> {
    return this.repo.count(corpId);
  }

  /** One customer's chat history, newest first (admins only: the controller says so). */
  async history(
    corpId: string,
    externalUserId: string,
    q: { cursor?: string; limit?: number },
  ): Promise<ChatHistoryPageDto> {
    const limit = q.limit ?? 50;
    const before = q.cursor
      ? { msgtime: Number(q.cursor.split('_')[0]), id: q.cursor.split('_')[1] }
      : undefined;
    const rows = await this.repo.history(corpId, externalUserId, limit + 1, before);
    const page = rows.slice(0, limit);
    const names = await this.staff.names(
      corpId,
      page.map((m) => m.from).filter((f) => !isExternalId(f)),
    );
    const last = page[page.length - 1];
    return {
      items: page.map((m): ChatMessageDto => ({
        msgid: m.msgid,
        action: m.action,
        from: m.from,
        fromName: names.get(m.from) ?? null,
        fromCustomer: isExternalId(m.from),
        tolist: m.tolist,
        roomid: m.roomid,
        msgtime: new Date(m.msgtime).toISOString(),
        msgtype: m.msgtype,
        text: m.text,
      })),
      nextCursor: rows.length > limit && last ? `${last.msgtime}_${last.id}` : null,
    };
  }

  // ------------------------------------------------------------------ settings

  async settings(corpId: string): Promise<ChatArchiveSettingsDto> {
    const [s, messageCount] = await Promise.all([
      this.repo.setting(corpId),
      this.repo.count(corpId),
    ]);
    return {
      corpId,
      retentionDays: s.retentionDays,
      hasIngestToken: s.hasIngestToken,
      ingestTokenHint: s.ingestTokenHint,
      pullSeq: s.pullSeq,
      pulledAt: s.pulledAt ? new Date(s.pulledAt).toISOString() : null,
      messageCount,
    };
  }

  async setRetention(corpId: string, days: number): Promise<ChatArchiveSettingsDto> {
    await this.repo.setRetention(corpId, days);
    return this.settings(corpId);
  }

  /**
   * A new ingest token for the corp's sidecar (the old one stops working): returned once, stored
   * as its SHA-256 only.
   */
  async rotateIngestToken(corpId: string): Promise<{ token: string }> {
    const token = `cat_${randomBytes(32).toString('base64url')}`;
    await this.repo.setIngestToken(corpId, sha256(token), token.slice(0, 8));
    this.logger.log({ corpId }, 'chat archive ingest token rotated');
    return { token };
  }

  /** The corp a bearer ingest token belongs to, or null. */
  corpForToken(token: string): Promise<string | null> {
    return this.repo.corpByTokenHash(sha256(token));
  }

  // ------------------------------------------------------------------ retention

  /** Deletes every corp's messages older than its retention; returns how many went. */
  async enforceRetention(now = Date.now()): Promise<number> {
    let total = 0;
    for (const s of await this.repo.allSettings()) {
      const before = now - s.retentionDays * DAY_MS;
      for (;;) {
        const n = await this.repo.deleteOlderThan(s.corpId, before, RETENTION_DELETE_BATCH);
        total += n;
        if (n < RETENTION_DELETE_BATCH) break;
      }
    }
    if (total) this.logger.log({ deleted: total }, 'chat archive retention applied');
    return total;
  }

  // ------------------------------------------------------------------ the puller's side

  pullSeq(corpId: string): Promise<number> {
    return this.repo.setting(corpId).then((s) => s.pullSeq);
  }

  advancePullSeq(corpId: string, seq: number): Promise<void> {
    return this.repo.advancePullSeq(corpId, seq);
  }
}
