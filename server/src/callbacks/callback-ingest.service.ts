import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LRUCache } from 'lru-cache';
import { AppException } from '../common/app.exception';
import { AllConfig } from '../config/configuration';
import { CorpException } from '../corps/corp.exception';
import { CorpService } from '../corps/corp.service';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName } from '../queue/queue-names';
import type { RedisClient } from '../redis/redis-client';
import { REDIS_CLIENT } from '../redis/redis.constants';
import { CallbackCryptoService } from '../wecom/callback-crypto.service';
import { WecomCallbackException } from '../wecom/wecom-api.exception';
import type { CallbackCredentials, CallbackQuery } from '../wecom/wecom.types';
import { CallbackEventHandlerRegistry } from './callback-event-handler.registry';
import { CallbackEventRepository, InsertTicket } from './callback-event.repository';
import { DeadlineQueue } from './deadline-queue';
import { CallbackException, CallbackRejection, RETRYABLE_REJECTIONS } from './callback.exception';
import { parseWecomXml } from './callback-xml';

const CREDENTIALS_TTL_MS = 60_000;
const CREDENTIALS_CACHE_MAX = 10_000;
/** At most one drain wake-up per this many ms from one API process. */
const WAKE_EVERY_MS = 50;
/** 503s are logged as one summary line per this many ms (a stall answers hundreds a second). */
const RETRYABLE_LOG_EVERY_MS = 1000;

/**
 * WeCom's callback doorway: verify, decrypt, store durably, wake the drain, answer. No WeCom API call
 * and no business logic run here, so the answer always beats WeCom's 5-second window.
 *
 * A stalled MariaDB (a long lock, a stalled disk) must not turn into late 200s that WeCom has
 * stopped waiting for: a callback not stored within CALLBACK_INGEST_DEADLINE_MS is answered 503
 * (WeCom retries; the retry is deduplicated whether or not this insert lands meanwhile), and at
 * most CALLBACK_INGEST_MAX_PENDING callbacks are being stored at once per process (beyond: 503
 * at once), so a long stall cannot pile requests up in memory at the callback rate.
 */
@Injectable()
export class CallbackIngestService {
  private readonly logger = new Logger(CallbackIngestService.name);
  /** Per-process cache of decrypted callback credentials (re-read every minute). */
  private readonly credentialCache = new LRUCache<string, CallbackCredentials>({
    max: CREDENTIALS_CACHE_MAX,
    ttl: CREDENTIALS_TTL_MS,
  });
  private readonly maxSkewSeconds: number;
  private readonly metricsKey: string;
  private readonly deadlineMs: number;
  private readonly deadlines: DeadlineQueue;
  private readonly maxPending: number;
  private lastWakeAt = 0;
  private trailingWake: Promise<void> | null = null;
  /** Callbacks being verified and stored right now (answered or not). */
  private pending = 0;
  private retryableLog = { at: 0, suppressed: new Map<CallbackRejection, number>() };

  constructor(
    private readonly corps: CorpService,
    private readonly crypto: CallbackCryptoService,
    private readonly events: CallbackEventRepository,
    private readonly jobs: JobQueueService,
    private readonly registry: CallbackEventHandlerRegistry,
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    config: ConfigService<AllConfig, true>,
  ) {
    this.maxSkewSeconds = config.get('wecom.callbackMaxSkewSeconds', { infer: true });
    this.deadlineMs = config.get('wecom.callbackIngestDeadlineMs', { infer: true });
    this.deadlines = new DeadlineQueue(this.deadlineMs);
    this.maxPending = config.get('wecom.callbackIngestMaxPending', { infer: true });
    this.metricsKey = `${config.get('queue.prefix', { infer: true })}:metrics:callback_rejected`;
  }

  /** GET URL verification: the decrypted echostr, returned as-is. */
  async verifyUrl(
    corpId: string,
    query: Partial<CallbackQuery> & { echostr?: string },
  ): Promise<string> {
    return this.guard(corpId, async () => {
      const q = this.requireQuery(query);
      if (!query.echostr)
        throw new CallbackException(CallbackRejection.MissingParams, 'echostr is required');
      // the verification follows a change of Token / EncodingAESKey: never check it with old ones
      this.credentialCache.delete(corpId);
      const creds = await this.credentials(corpId);
      const plain = this.open(() =>
        this.crypto.verifyUrl(creds, { ...q, echostr: query.echostr! }),
      );
      await this.corps.markCallbackVerified(corpId); // the first-run wizard waits for this
      return plain;
    });
  }

  /** POST: stores the event once (duplicates are acknowledged and dropped) and wakes the drain. */
  async receive(
    corpId: string,
    query: Partial<CallbackQuery>,
    body: unknown,
  ): Promise<{ eventId: string; duplicate: boolean }> {
    return this.guard(corpId, () =>
      this.withinDeadline((ticket) => this.store(corpId, query, body, ticket)),
    );
  }

  /**
   * Runs `work` (at most `maxPending` at once) and answers with it, or with a 503 once
   * `deadlineMs` have passed. The work goes on after a 503 (a statement already sent is not
   * taken back); its event is withdrawn through `ticket` if it still waits for a statement.
   */
  private withinDeadline<T>(work: (ticket: InsertTicket) => Promise<T>): Promise<T> {
    if (this.pending >= this.maxPending) {
      return Promise.reject(
        new CallbackException(
          CallbackRejection.Overloaded,
          `${this.pending} callbacks are already being stored by this process`,
        ),
      );
    }
    this.pending += 1;
    const ticket = new InsertTicket();
    return new Promise<T>((resolve, reject) => {
      const deadline = this.deadlines.add(() => {
        const err = new CallbackException(
          CallbackRejection.StoreTimeout,
          `The event was not stored within ${this.deadlineMs} ms`,
        );
        ticket.withdraw?.(err);
        reject(err);
      });
      // after the deadline, resolve/reject do nothing: the 503 was the answer
      work(ticket).then(
        (value) => {
          this.pending -= 1;
          this.deadlines.finish(deadline);
          resolve(value);
        },
        (err: unknown) => {
          this.pending -= 1;
          this.deadlines.finish(deadline);
          reject(err);
        },
      );
    });
  }

  private async store(
    corpId: string,
    query: Partial<CallbackQuery>,
    body: unknown,
    ticket: InsertTicket,
  ): Promise<{ eventId: string; duplicate: boolean }> {
    const q = this.requireQuery(query);
    this.checkTimestamp(q.timestamp);
    if (typeof body !== 'string' || body.length === 0) {
      throw new CallbackException(CallbackRejection.MalformedBody, 'The body must be WeCom XML');
    }
    // the cached credentials without a promise (the hot path)
    const creds = this.credentialCache.get(corpId) ?? (await this.credentials(corpId));
    const envelope = this.open(() => this.crypto.parseEnvelope(body));
    if (envelope.ToUserName && envelope.ToUserName !== corpId) {
      throw new CallbackException(CallbackRejection.WrongReceiver, 'ToUserName is not this corp');
    }
    const plaintext = this.open(() => this.crypto.decryptMessage(creds, q, envelope.Encrypt));
    let fields: Record<string, unknown>;
    try {
      fields = parseWecomXml(plaintext);
    } catch {
      throw new CallbackException(
        CallbackRejection.MalformedEvent,
        'The decrypted event is not XML',
      );
    }
    const event = String(fields.Event ?? fields.InfoType ?? fields.MsgType ?? '');
    const createTime = Number(fields.CreateTime ?? fields.TimeStamp);
    if (!event || !Number.isInteger(createTime) || createTime < 0) {
      throw new CallbackException(
        CallbackRejection.MalformedEvent,
        'The event has no Event or CreateTime',
      );
    }
    const receivedAt = new Date();
    const changeType = String(fields.ChangeType ?? '').slice(0, 64);
    const dedupeKey = createHash('sha256').update(plaintext).digest('hex');
    const stored = await this.storeStep(() =>
      this.events.insertIfNew(
        {
          corpId,
          dedupeKey,
          event: event.slice(0, 64),
          changeType,
          createTime,
          payload: fields,
        },
        ticket,
      ),
    );
    if (stored.inserted) {
      // e.g. the channel welcome, on its own queue, ahead of the mirror job
      await this.registry.runIngestHooks({
        id: stored.id,
        corpId,
        event,
        changeType,
        createTime,
        payload: fields,
        receivedAt,
      });
      void this.wake();
    }
    return { eventId: stored.id, duplicate: !stored.inserted };
  }

  /** A MariaDB step of the ingest: its failure (down, pool exhausted, timed out) is a 503. */
  private async storeStep<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (err) {
      if (err instanceof AppException) throw err;
      const code = (err as { code?: string }).code;
      throw new CallbackException(
        CallbackRejection.StoreUnavailable,
        `The event store failed${code ? ` (${code})` : ''}`,
      );
    }
  }

  /**
   * Tells the workers that due events wait: a drain job, at most one per `WAKE_EVERY_MS` from
   * this process, and always one after the last event stored (a trailing wake-up), so every
   * stored event is followed by a drain that starts after it. Never awaited by the callback: the
   * row is already durable, and if Redis is down the sweeper starts the drain later.
   */
  wake(): Promise<void> {
    const since = Date.now() - this.lastWakeAt;
    if (since >= WAKE_EVERY_MS) {
      this.lastWakeAt = Date.now();
      return this.enqueueDrain();
    }
    this.trailingWake ??= new Promise<void>((resolve) => {
      setTimeout(() => {
        this.trailingWake = null;
        this.lastWakeAt = Date.now();
        void this.enqueueDrain().then(resolve);
      }, WAKE_EVERY_MS - since).unref();
    });
    return this.trailingWake;
  }

  private async enqueueDrain(): Promise<void> {
    try {
      await this.jobs.enqueue(
        JobName.DrainCallbackInbox,
        {},
        { attempts: 1, removeOnComplete: true, removeOnFail: { count: 100 } },
      );
    } catch (err) {
      this.logger.warn(
        { err: (err as Error).message },
        'could not wake the callback drain (the sweeper will)',
      );
    }
  }

  private async guard<T>(corpId: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof CallbackException) {
        if (RETRYABLE_REJECTIONS.has(err.reason)) this.logRetryable(corpId, err);
        else
          this.logger.warn(
            { corpId, reason: err.reason },
            `rejected a WeCom callback: ${err.message}`,
          );
        this.redis.hincrby(this.metricsKey, err.reason, 1).catch(() => undefined);
      }
      throw err;
    }
  }

  /** 503s: the first one at once, then one line a second with how many followed. */
  private logRetryable(corpId: string, err: CallbackException): void {
    const log = this.retryableLog;
    const now = Date.now();
    if (now - log.at < RETRYABLE_LOG_EVERY_MS) {
      log.suppressed.set(err.reason, (log.suppressed.get(err.reason) ?? 0) + 1);
      return;
    }
    const since = Object.fromEntries(log.suppressed);
    log.at = now;
    log.suppressed.clear();
    this.logger.warn(
      { corpId, reason: err.reason, pending: this.pending, alsoAnswered503: since },
      `answered a WeCom callback 503 (WeCom retries it): ${err.message}`,
    );
  }

  private requireQuery(query: Partial<CallbackQuery>): CallbackQuery {
    const { msg_signature, timestamp, nonce } = query;
    if (
      typeof msg_signature !== 'string' ||
      typeof timestamp !== 'string' ||
      typeof nonce !== 'string' ||
      !msg_signature ||
      !timestamp ||
      !nonce
    ) {
      throw new CallbackException(
        CallbackRejection.MissingParams,
        'msg_signature, timestamp and nonce are required',
      );
    }
    return { msg_signature, timestamp, nonce };
  }

  private checkTimestamp(timestamp: string): void {
    const ts = Number(timestamp);
    if (!Number.isFinite(ts) || Math.abs(Date.now() / 1000 - ts) > this.maxSkewSeconds) {
      throw new CallbackException(
        CallbackRejection.StaleTimestamp,
        'The timestamp is outside the allowed window',
      );
    }
  }

  /** Runs a crypto step, turning its errors into rejections. */
  private open<T>(step: () => T): T {
    try {
      return step();
    } catch (err) {
      if (err instanceof WecomCallbackException) {
        const signature = err.code.toLowerCase().includes('signature');
        throw new CallbackException(
          signature ? CallbackRejection.BadSignature : CallbackRejection.Undecryptable,
          err.message,
        );
      }
      throw err;
    }
  }

  private async credentials(corpId: string): Promise<CallbackCredentials> {
    const cached = this.credentialCache.get(corpId);
    if (cached) return cached;
    try {
      const c = await this.storeStep(() => this.corps.credentials(corpId));
      const creds = {
        corpId: c.corpId,
        callbackToken: c.callbackToken,
        encodingAESKey: c.encodingAESKey,
      };
      this.credentialCache.set(corpId, creds);
      return creds;
    } catch (err) {
      if (err instanceof CorpException) {
        throw new CallbackException(
          CallbackRejection.UnknownCorp,
          `Corp ${corpId} is not configured`,
        );
      }
      throw err instanceof AppException ? err : err;
    }
  }
}
