import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { retryOnLockConflict } from '../common/lock-conflict';
import { validationFailed } from '../common/validation/validation-exception.factory';
import { CustomersService } from '../customers/customers.service';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName } from '../queue/queue-names';
import { StaffService } from '../staff/staff.service';
import {
  ArchiveMessage,
  checkIngestBody,
  isExternalId,
  messageText,
  normalizeMessage,
  StoredMessage,
} from './archive-message';
import { ChatMessageRepository, MessageRow, OpenTx } from './chat-message.repository';
import { CorpPassLease } from './corp-pass-lease';
import { LastChatCache } from './last-chat-cache';
import type {
  ChatArchiveSettingsDto,
  ChatHistoryPageDto,
  ChatMessageDto,
  IngestResultDto,
} from './dto/chat-archive.dto';

/** A consumer's database writes for one batch, run in the pass's transaction. */
export type BatchWrite = (tx: OpenTx) => Promise<void>;

/** What runs on every new message (the chat rules register one), in the worker. */
export interface MessageConsumer {
  /**
   * Reads what it needs and makes its outside calls (WeCom's mark_tag); returns its writes for
   * the batch's one transaction (null: none). Must be safe to run again on the same messages.
   */
  consume(corpId: string, messages: StoredMessage[]): Promise<BatchWrite | null>;
}

/** Messages a pass takes at once, and how long a corp's pass lease lasts without renewal. */
const RULES_BATCH = 1000;
const PASS_LEASE_MS = 60_000;

/** Another pass moved the cursor (a lease that ran out): the batch's transaction rolls back. */
class BatchTakenError extends Error {}
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
  /** The customers' last chat this worker wrote: rewritten when it moved by a minute or more. */
  private readonly lastChat = new LastChatCache();

  constructor(
    private readonly repo: ChatMessageRepository,
    private readonly jobs: JobQueueService,
    private readonly staff: StaffService,
    private readonly customers: CustomersService,
    private readonly lease: CorpPassLease,
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
  async ingest(corpId: string, body: unknown): Promise<IngestResultDto> {
    const checked = checkIngestBody(body);
    if (!checked.ok) throw validationFailed(checked.errors);
    const raw = checked.messages;
    const messages: ArchiveMessage[] = [];
    const errors: Record<string, string[]> = {};
    raw.forEach((r, i) => {
      const res = normalizeMessage(r, `messages[${i}]`);
      if (res.ok) messages.push(res.message);
      else Object.assign(errors, res.errors);
    });
    if (Object.keys(errors).length) throw validationFailed(errors);
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
   * Runs the consumers on the corp's new messages, batch by batch in id order, until none is
   * left. One worker runs a corp's pass at a time (CorpPassLease) and keeps the corp's cursor
   * (the last message id the rules ran on): no per-message claim or state. Each batch's writes
   * (the customers' last chat, the consumers' bookkeeping, the cursor) are one transaction: a
   * worker killed mid-batch leaves nothing of it, and the next pass runs the batch again (the
   * consumers' outside calls are idempotent). The next batch is read and matched while the
   * previous one commits.
   */
  processPending(corpId: string): Promise<number> {
    return this.lease.run(corpId, PASS_LEASE_MS, async (lease) => {
      let cursor = await this.repo.cursor(corpId);
      let done = 0;
      let next = this.prepareBatch(corpId, cursor);
      next.catch(() => undefined); // awaited below: a failure is seen there, not as unhandled
      try {
        for (;;) {
          const cur = await next;
          if (!cur) return done;
          const last = cur.batch[cur.batch.length - 1].id;
          next = this.prepareBatch(corpId, last);
          next.catch(() => undefined);
          // another worker holds the corp's pass now (this one stalled past the lease): it runs
          // the batch; the cursor would show it moved anyway
          if (!(await lease.renew())) return done;
          if (!(await this.commitBatch(corpId, cursor, last, cur))) return done;
          cursor = last;
          done += cur.batch.length;
        }
      } finally {
        // the batch read ahead is left for the next pass (its outside calls are idempotent)
        await next.catch(() => undefined);
      }
    });
  }

  /** The next messages after `after` and what the consumers make of them (their writes). */
  private async prepareBatch(
    corpId: string,
    after: string,
  ): Promise<{ batch: StoredMessage[]; writes: BatchWrite[] } | null> {
    const batch = await this.repo.pageAfter(corpId, after, RULES_BATCH);
    if (!batch.length) return null;
    const writes: BatchWrite[] = [];
    for (const c of this.consumers) {
      const w = await c.consume(corpId, batch);
      if (w) writes.push(w);
    }
    return { batch, writes };
  }

  /**
   * One transaction: the cursor first (the fence: false when another pass moved it), then the
   * customers' last chat (those it moved by a minute or more: LastChatCache) and the consumers'
   * writes.
   */
  private async commitBatch(
    corpId: string,
    from: string,
    to: string,
    { batch, writes }: { batch: StoredMessage[]; writes: BatchWrite[] },
  ): Promise<boolean> {
    const lastChat = this.lastChat.due(corpId, lastChats(batch));
    try {
      await retryOnLockConflict(() =>
        this.repo.transaction(async (tx) => {
          if (!(await this.repo.moveCursor(tx, corpId, from, to))) throw new BatchTakenError();
          if (lastChat.size) await this.customers.recordLastChat(corpId, lastChat, tx);
          for (const w of writes) await w(tx);
        }),
      );
      this.lastChat.remember(corpId, lastChat);
      return true;
    } catch (err) {
      if (err instanceof BatchTakenError) return false;
      throw err;
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
