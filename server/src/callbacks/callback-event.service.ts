import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppException } from '../common/app.exception';
import { groupBy } from '../common/collections';
import { forEachLimit } from '../common/concurrency';
import { AllConfig } from '../config/configuration';
import { CallbackEventRepository, CallbackEventFilter } from './callback-event.repository';
import {
  CallbackEventHandler,
  CallbackEventHandlerRegistry,
  InboxEvent,
  toInboxEvent,
} from './callback-event-handler.registry';
import { CallbackIngestService } from './callback-ingest.service';
import { CallbackEventResponseDto, toCallbackEventResponse } from './dto/callback-event.dto';
import { CallbackEventEntity, CallbackEventStatus } from './entities/callback-event.entity';

const REPLAY_BATCH = 1000;
/** Events of handlers without `handleBatch` run at once within a batch. */
const SINGLE_EVENT_CONCURRENCY = 16;
const NO_HANDLER = 'no handler for this event type';

/** What one batch did. */
export interface BatchOutcome {
  claimed: number;
  done: number;
  skipped: number;
  failed: number;
}

/**
 * Drains the inbox in batches and lists and replays stored events.
 *
 * A drain claims up to `CALLBACK_BATCH_SIZE` due events at once, hands each handler all of its
 * events (a handler with `handleBatch` reads each customer once and writes in one transaction),
 * and settles the batch with a few statements: done, skipped (no handler), or due again after
 * a backoff. Every handler is idempotent, so an event run twice (its worker died after the writes
 * but before the settle) changes nothing the second time.
 */
@Injectable()
export class CallbackEventService {
  private readonly logger = new Logger(CallbackEventService.name);
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly retry: { maxAttempts: number; backoffMs: number };

  constructor(
    private readonly events: CallbackEventRepository,
    private readonly handlers: CallbackEventHandlerRegistry,
    private readonly ingest: CallbackIngestService,
    config: ConfigService<AllConfig, true>,
  ) {
    const queue = config.get('queue', { infer: true });
    this.batchSize = queue.callbackBatchSize;
    this.leaseMs = queue.callbackLeaseMs;
    this.retry = { maxAttempts: queue.attempts, backoffMs: queue.backoffMs };
  }

  /**
   * Worker: processes batches until one comes back short (the inbox had no more due events when
   * it was claimed; events stored later bring their own wake-up).
   */
  async drain(): Promise<BatchOutcome> {
    const total: BatchOutcome = { claimed: 0, done: 0, skipped: 0, failed: 0 };
    for (;;) {
      const batch = await this.processBatch();
      total.claimed += batch.claimed;
      total.done += batch.done;
      total.skipped += batch.skipped;
      total.failed += batch.failed;
      if (batch.claimed < this.batchSize) return total;
    }
  }

  /** Claims one batch of due events, runs them through their handlers and settles them. */
  async processBatch(): Promise<BatchOutcome> {
    const token = randomUUID();
    const batch = await this.events.claimBatch(this.batchSize, token).catch((err: Error) => {
      // the claim may have committed before the error reached us: those events come back with
      // the sweep after CALLBACK_LEASE_MS
      this.logger.warn({ err: err.message }, 'could not claim a batch of callback events');
      throw err;
    });
    const outcome: BatchOutcome = { claimed: batch.length, done: 0, skipped: 0, failed: 0 };
    if (!batch.length) return outcome;
    const ids = batch.map((e) => e.id);
    const renew = setInterval(
      () =>
        this.events
          .renewClaim(ids, token)
          .catch((err: Error) =>
            this.logger.warn({ err: err.message }, 'could not renew a batch claim'),
          ),
      Math.max(500, Math.floor(this.leaseMs / 3)),
    );
    renew.unref();
    try {
      const { failures, unhandled } = await this.runHandlers(batch);
      const done = batch.filter((e) => !failures.has(e.id) && !unhandled.has(e.id));
      await this.events.settle(
        done.map((e) => e.id),
        token,
        CallbackEventStatus.Done,
      );
      for (const [reason, events] of groupBy([...unhandled], ([, why]) => why))
        await this.events.settle(
          events.map(([id]) => id),
          token,
          CallbackEventStatus.Skipped,
          reason,
        );
      await this.scheduleRetries(batch, failures, token);
      return { ...outcome, done: done.length, skipped: unhandled.size, failed: failures.size };
    } catch (err) {
      this.logger.warn(
        { err: (err as Error).message, claimed: batch.length },
        'a batch of callback events stopped before it was settled; the sweep takes it back',
      );
      throw err;
    } finally {
      clearInterval(renew);
    }
  }

  /**
   * Types each event (wecom/events) and runs it through its handler. An event that does not parse
   * to a known WeCom event (`unknown`) or that no handler takes is left to be skipped, with why.
   */
  private async runHandlers(
    batch: CallbackEventEntity[],
  ): Promise<{ failures: Map<string, Error>; unhandled: Map<string, string> }> {
    const failures = new Map<string, Error>();
    const unhandled = new Map<string, string>();
    const byHandler = new Map<CallbackEventHandler, InboxEvent[]>();
    for (const row of batch) {
      const typed = toInboxEvent(row);
      if ('reason' in typed) {
        this.logger.warn(
          { eventId: row.id, corpId: row.corpId, event: row.event, changeType: row.changeType },
          `unknown WeCom event (${typed.reason}): stored and skipped`,
        );
        unhandled.set(row.id, `unknown WeCom event: ${typed.reason}`);
        continue;
      }
      const handler = this.handlers.find(typed.payload.type);
      if (!handler) {
        unhandled.set(row.id, NO_HANDLER);
        continue;
      }
      const list = byHandler.get(handler);
      if (list) list.push(typed);
      else byHandler.set(handler, [typed]);
    }
    await Promise.all(
      [...byHandler].map(async ([handler, events]) => {
        if (handler.handleBatch) {
          const failed = await handler
            .handleBatch(events)
            .catch((err: Error) => new Map(events.map((e) => [e.id, err])));
          for (const [id, err] of failed) failures.set(id, err);
          return;
        }
        const handle = handler.handle!.bind(handler);
        await forEachLimit(events, SINGLE_EVENT_CONCURRENCY, (e) =>
          handle(e).catch((err: Error) => void failures.set(e.id, err)),
        );
      }),
    );
    return { failures, unhandled };
  }

  /** Failed events are due again after a backoff, or kept as failed after their last attempt. */
  private async scheduleRetries(
    batch: CallbackEventEntity[],
    failures: Map<string, Error>,
    token: string,
  ): Promise<void> {
    const failed = batch.filter((e) => failures.has(e.id));
    const message = (e: CallbackEventEntity) => {
      const err = failures.get(e.id) as Error;
      return err.message || String(err);
    };
    for (const event of failed)
      this.logger.warn(
        {
          eventId: event.id,
          corpId: event.corpId,
          event: event.event,
          changeType: event.changeType,
          attempt: event.attempts,
          finalAttempt: event.attempts >= this.retry.maxAttempts,
          err: message(event),
        },
        'callback event failed',
      );
    for (const [text, events] of groupBy(failed, message))
      await this.events.retryLater(
        events.map((e) => e.id),
        token,
        text,
        this.retry,
      );
  }

  /**
   * Worker, on a timer: takes back the claims of workers that died, and starts a drain when due
   * events wait without one (their wake-up was lost with Redis, or a retry's backoff is over).
   */
  async sweep(): Promise<{ released: number; woke: boolean }> {
    const released = await this.events.releaseExpiredClaims(this.leaseMs, this.retry.maxAttempts);
    if (released)
      this.logger.warn({ count: released }, 'took back callback events of a stopped worker');
    const woke = await this.events.hasDuePending();
    if (woke) await this.ingest.wake();
    return { released, woke };
  }

  async list(filter: CallbackEventFilter): Promise<CallbackEventResponseDto[]> {
    return (await this.events.list(filter)).map(toCallbackEventResponse);
  }

  /** One event; `corpIds` (the caller's corps) hides the events of other corps. */
  async get(id: string, corpIds?: string[]): Promise<CallbackEventResponseDto> {
    const event = await this.events.findById(id);
    if (!event || (corpIds && !corpIds.includes(event.corpId))) throw eventsNotFound([id]);
    return toCallbackEventResponse(event);
  }

  /**
   * Replays events one by one (`ids`) or in bulk (every failed or skipped event of a corp): they
   * are due again with a fresh set of attempts. Events a batch holds right now are left to it.
   */
  async replay(
    input: {
      ids?: string[];
      status?: CallbackEventStatus;
      corpId?: string;
    },
    corpIds?: string[],
  ): Promise<{ replayed: number }> {
    if (input.ids?.length) {
      // an id that does not exist (or is another corp's) is a 404, not "replayed 0"
      const found = await this.events.existingIds(input.ids, corpIds);
      const missing = input.ids.filter((id) => !found.has(id));
      if (missing.length) throw eventsNotFound(missing);
    }
    const ids = input.ids?.length
      ? input.ids
      : await this.events.idsByStatus(
          input.status ?? CallbackEventStatus.Failed,
          input.corpId,
          REPLAY_BATCH,
          corpIds,
        );
    const replayed = await this.events.resetForReplay(ids);
    if (replayed) await this.ingest.wake();
    return { replayed };
  }

  countFailed(corpId: string): Promise<number> {
    return this.events.countFailed(corpId);
  }

  counts(corpIds?: string[]): Promise<Record<string, number>> {
    return this.events.countByStatus(corpIds);
  }
}

function eventsNotFound(ids: string[]): AppException {
  const shown = ids.slice(0, 10).join(', ') + (ids.length > 10 ? ', …' : '');
  return new AppException(
    'CALLBACK_EVENT_NOT_FOUND',
    ids.length === 1 ? `Callback event ${shown} not found` : `Callback events ${shown} not found`,
    HttpStatus.NOT_FOUND,
  );
}
