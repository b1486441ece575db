import { Injectable } from '@nestjs/common';
import { CallbackEventEntity } from './entities/callback-event.entity';

/** Handles one kind of stored WeCom event (e.g. change_external_contact/add_external_contact). */
export interface CallbackEventHandler {
  /** Must be idempotent and safe against out-of-order arrival (see docs/callbacks.md). */
  handle(event: CallbackEventEntity): Promise<void>;
  /**
   * Many events of a batch at once (e.g. one WeCom read per customer, one transaction): returns
   * the events that failed, with their errors; every other event is done. Without it, the batch
   * calls `handle` per event.
   */
  handleBatch?(events: CallbackEventEntity[]): Promise<Map<string, Error>>;
}

/** What an ingest hook sees of an event just stored (before WeCom gets its answer). */
export type StoredCallbackEvent = Pick<
  CallbackEventEntity,
  'id' | 'corpId' | 'event' | 'changeType' | 'createTime' | 'payload' | 'receivedAt'
>;

/**
 * Runs inside the callback request, right after the event is stored, for work that cannot wait
 * behind the general queue (the channel welcome: WeCom's 20 s window). It must only enqueue, must
 * be fast and must never throw: the event is durable and processed whatever a hook does.
 */
export type CallbackIngestHook = (event: StoredCallbackEvent) => Promise<unknown>;

/**
 * Which handler runs which event. Feature modules register their handlers at start-up with
 * `register('change_external_contact', ['add_external_contact', …], handler)`; `'*'` matches
 * every change type of an event.
 */
@Injectable()
export class CallbackEventHandlerRegistry {
  private readonly handlers = new Map<string, CallbackEventHandler>();
  private readonly ingestHooks: CallbackIngestHook[] = [];

  /** See CallbackIngestHook. */
  registerIngestHook(hook: CallbackIngestHook): void {
    this.ingestHooks.push(hook);
  }

  async runIngestHooks(event: StoredCallbackEvent): Promise<void> {
    for (const hook of this.ingestHooks) await hook(event).catch(() => undefined);
  }

  register(event: string, changeTypes: string[], handler: CallbackEventHandler): void {
    for (const changeType of changeTypes) {
      const key = `${event}/${changeType}`;
      if (this.handlers.has(key)) throw new Error(`two handlers for callback event ${key}`);
      this.handlers.set(key, handler);
    }
  }

  find(event: string, changeType: string): CallbackEventHandler | undefined {
    return this.handlers.get(`${event}/${changeType}`) ?? this.handlers.get(`${event}/*`);
  }
}
