import { Injectable } from '@nestjs/common';
import { CallbackEventEntity } from './entities/callback-event.entity';

/** Handles one kind of stored WeCom event (e.g. change_external_contact/add_external_contact). */
export interface CallbackEventHandler {
  /** Must be idempotent and safe against out-of-order arrival (see docs/callbacks.md). */
  handle(event: CallbackEventEntity): Promise<void>;
}

/**
 * Which handler runs which event. Feature modules register their handlers at start-up with
 * `register('change_external_contact', ['add_external_contact', …], handler)`; `'*'` matches
 * every change type of an event.
 */
@Injectable()
export class CallbackEventHandlerRegistry {
  private readonly handlers = new Map<string, CallbackEventHandler>();

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
