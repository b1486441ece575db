import { InboxEvent, toInboxEvent } from '../../callbacks/callback-event-handler.registry';
import type { CallbackEventEntity } from '../../callbacks/entities/callback-event.entity';
import type { KnownWecomEvent } from '../../wecom/events/wecom-event';

/**
 * A stored inbox row as the dispatcher hands it to its handler (payload typed by the WeCom event
 * parser). Throws when the row is not a known WeCom event: a test meant to feed a handler. The
 * type defaults to `never`, so the result fits whichever handler the test calls.
 */
export function inboxEvent<E extends KnownWecomEvent = never>(
  row: Partial<CallbackEventEntity>,
): InboxEvent<E> {
  const typed = toInboxEvent(row as CallbackEventEntity);
  if ('reason' in typed) throw new Error(`not a known WeCom event: ${typed.reason}`);
  return typed as unknown as InboxEvent<E>;
}
