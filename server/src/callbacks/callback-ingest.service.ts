import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import Redis from 'ioredis';
import { LRUCache } from 'lru-cache';
import { AppException } from '../common/app.exception';
import { AllConfig } from '../config/configuration';
import { CorpException } from '../corps/corp.exception';
import { CorpService } from '../corps/corp.service';
import { JobQueueService } from '../queue/job-queue.service';
import { JobName } from '../queue/queue-names';
import { REDIS_CLIENT } from '../redis/redis.constants';
import { CallbackCryptoService } from '../wecom/callback-crypto.service';
import { WecomCallbackException } from '../wecom/wecom-api.exception';
import type { CallbackCredentials, CallbackQuery } from '../wecom/wecom.types';
import { CallbackEventHandlerRegistry } from './callback-event-handler.registry';
import { CallbackEventRepository } from './callback-event.repository';
import { CallbackException, CallbackRejection } from './callback.exception';
import { parseWecomXml } from './callback-xml';

const CREDENTIALS_TTL_MS = 60_000;
const CREDENTIALS_CACHE_MAX = 10_000;
/** At most one drain wake-up per this many ms from one API process. */
const WAKE_EVERY_MS = 50;

/**
 * WeCom's callback doorway: verify, decrypt, store durably, wake the drain, answer. No WeCom API call
 * and no business logic run here, so the answer always beats WeCom's 5-second window.
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
  private lastWakeAt = 0;
  private trailingWake: Promise<void> | null = null;

  constructor(
    private readonly corps: CorpService,
    private readonly crypto: CallbackCryptoService,
    private readonly events: CallbackEventRepository,
    private readonly jobs: JobQueueService,
    private readonly registry: CallbackEventHandlerRegistry,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    config: ConfigService<AllConfig, true>,
  ) {
    this.maxSkewSeconds = config.get('wecom.callbackMaxSkewSeconds', { infer: true });
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
    return this.guard(corpId, async () => {
      const q = this.requireQuery(query);
      this.checkTimestamp(q.timestamp);
      if (typeof body !== 'string' || body.length === 0) {
        throw new CallbackException(CallbackRejection.MalformedBody, 'The body must be WeCom XML');
      }
      const creds = await this.credentials(corpId);
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
      const stored = await this.events.insertIfNew({
        corpId,
        dedupeKey,
        event: event.slice(0, 64),
        changeType,
        createTime,
        payload: fields,
      });
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
    });
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
        this.logger.warn(
          { corpId, reason: err.reason },
          `rejected a WeCom callback: ${err.message}`,
        );
        this.redis.hincrby(this.metricsKey, err.reason, 1).catch(() => undefined);
      }
      throw err;
    }
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
      const c = await this.corps.credentials(corpId);
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
