import { Injectable, Logger, OnModuleInit, Optional, SetMetadata } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import {
  ChangeType,
  ChangeTypeOf,
  Event,
  EVENT_CHANGE_TYPES,
  KnownWecomEvent,
  UnknownWecomEvent,
  WecomEventOf,
  WecomEventType,
} from '../wecom/events/wecom-event';
import { parseWecomEvent } from '../wecom/events/parse-wecom-event';
import { CallbackEventEntity } from './entities/callback-event.entity';

/**
 * A stored event as its handler receives it: the inbox row (id, corp, attempts, receivedAt) with
 * the typed WeCom event as `payload`, and its Event and ChangeType as enums.
 */
export type InboxEvent<E extends KnownWecomEvent = KnownWecomEvent> = Omit<
  CallbackEventEntity,
  'event' | 'changeType' | 'payload'
> & { event: E['Event']; changeType: E['ChangeType']; payload: E };

/** Handles one kind of stored WeCom event (e.g. change_external_contact/add_external_contact). */
export interface CallbackEventHandler<E extends KnownWecomEvent = KnownWecomEvent> {
  /** Must be idempotent and safe against out-of-order arrival (see docs/callbacks.md). */
  handle?(event: InboxEvent<E>): Promise<void>;
  /**
   * Many events of a batch at once (e.g. one WeCom read per customer, one transaction): returns
   * the events that failed, with their errors; every other event is done. Without it, the batch
   * calls `handle` per event.
   */
  handleBatch?(events: InboxEvent<E>[]): Promise<Map<string, Error>>;
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
 * The typed form of a stored event (its payload parsed by `parseWecomEvent`; the row's event,
 * change type, corp and CreateTime stand in for fields the payload lacks), or the `unknown` event
 * it parses to.
 */
export function toInboxEvent(row: CallbackEventEntity): InboxEvent | UnknownWecomEvent {
  const fields = { Event: row.event, ChangeType: row.changeType, ...row.payload };
  const typed = parseWecomEvent(fields, {
    ToUserName: row.corpId,
    CreateTime: row.createTime === undefined ? undefined : Number(row.createTime),
  });
  if (typed.type === 'unknown') return typed;
  return { ...row, event: typed.Event, changeType: typed.ChangeType, payload: typed };
}

export const WECOM_EVENT_HANDLER = 'scrm:wecom-event-handler';

interface HandlerMeta {
  event: Event;
  /** Empty: every change type of the event. */
  changeTypes: readonly ChangeType[];
  batch: boolean;
}

/**
 * Marks a provider method as the handler of WeCom events: `@OnWecomEvent(Event.ChangeContact,
 * ChangeType.CreateUser, ChangeType.UpdateUser)` (no change type: all of the event's). The method
 * receives one `InboxEvent` of exactly those types. Found at boot by CallbackEventHandlerRegistry.
 */
export function OnWecomEvent<E extends Event, C extends ChangeTypeOf<E> = ChangeTypeOf<E>>(
  event: E,
  ...changeTypes: C[]
) {
  return <M extends (e: InboxEvent<WecomEventOf<E, C>>) => Promise<void>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    SetMetadata(WECOM_EVENT_HANDLER, { event, changeTypes, batch: false } satisfies HandlerMeta)(
      target,
      key,
      descriptor,
    );
  };
}

/** Like OnWecomEvent, for a method taking all of a batch's events at once (see `handleBatch`). */
export function OnWecomEventBatch<E extends Event, C extends ChangeTypeOf<E> = ChangeTypeOf<E>>(
  event: E,
  ...changeTypes: C[]
) {
  return <M extends (events: InboxEvent<WecomEventOf<E, C>>[]) => Promise<Map<string, Error>>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    SetMetadata(WECOM_EVENT_HANDLER, { event, changeTypes, batch: true } satisfies HandlerMeta)(
      target,
      key,
      descriptor,
    );
  };
}

interface Registered extends CallbackEventHandler {
  /** Who registered it (Class.method), for the boot messages. */
  owner: string;
}

/**
 * Which handler runs which WeCom event. At boot it walks the application's providers for
 * `@OnWecomEvent` / `@OnWecomEventBatch` methods (two owners of one event type stop the boot),
 * then writes one warning per documented event type nobody handles: such events are stored and
 * marked skipped, replayable once a handler exists.
 */
@Injectable()
export class CallbackEventHandlerRegistry implements OnModuleInit {
  private readonly logger = new Logger(CallbackEventHandlerRegistry.name);
  private readonly handlers = new Map<WecomEventType, Registered>();
  private readonly ingestHooks: CallbackIngestHook[] = [];
  private readonly owners = new Map<unknown, Registered>();

  constructor(
    @Optional() private readonly discovery?: DiscoveryService,
    @Optional() private readonly scanner?: MetadataScanner,
  ) {}

  onModuleInit(): void {
    if (!this.discovery || !this.scanner) return;
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || wrapper.isNotMetatype) continue;
      const proto = Object.getPrototypeOf(instance);
      if (!proto) continue;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = proto[method];
        const meta =
          typeof fn === 'function' &&
          (Reflect.getMetadata(WECOM_EVENT_HANDLER, fn) as HandlerMeta | undefined);
        if (!meta) continue;
        const bound = (fn as (arg: never) => Promise<never>).bind(instance);
        this.add(
          meta.event,
          meta.changeTypes,
          meta.batch ? { handleBatch: bound } : { handle: bound },
          `${proto.constructor.name}.${method}`,
          instance,
        );
      }
    }
    for (const type of this.unhandledTypes())
      this.logger.warn(
        { type },
        `no handler for WeCom event ${type}: such events are stored and skipped`,
      );
  }

  /** Programmatic registration (unit tests that build services by hand). */
  register<E extends Event>(
    event: E,
    changeTypes: readonly ChangeTypeOf<E>[] | '*',
    handler: CallbackEventHandler,
  ): void {
    this.add(event, changeTypes === '*' ? [] : changeTypes, handler, 'register()');
  }

  /** See CallbackIngestHook. */
  registerIngestHook(hook: CallbackIngestHook): void {
    this.ingestHooks.push(hook);
  }

  async runIngestHooks(event: StoredCallbackEvent): Promise<void> {
    for (const hook of this.ingestHooks) await hook(event).catch(() => undefined);
  }

  find(type: WecomEventType): CallbackEventHandler | undefined {
    return this.handlers.get(type);
  }

  /** The documented event types no handler takes. */
  unhandledTypes(): WecomEventType[] {
    const out: WecomEventType[] = [];
    for (const [event, types] of Object.entries(EVENT_CHANGE_TYPES))
      for (const changeType of types) {
        const type = `${event}/${changeType}` as WecomEventType;
        if (!this.handlers.has(type)) out.push(type);
      }
    return out;
  }

  /**
   * One handler object per owner (a class, or one `register` call), shared by all its event
   * types, so a batch hands each owner all of its events at once.
   */
  private add(
    event: Event,
    changeTypes: readonly ChangeType[],
    handler: CallbackEventHandler,
    owner: string,
    ownerKey: unknown = handler,
  ): void {
    const all = EVENT_CHANGE_TYPES[event] as readonly ChangeType[];
    let target = this.owners.get(ownerKey);
    if (!target) {
      target = { owner };
      this.owners.set(ownerKey, target);
    }
    if ((handler.handle && target.handle) || (handler.handleBatch && target.handleBatch))
      throw new Error(`${owner}: a second handler method of the same kind`);
    Object.assign(target, handler);
    for (const changeType of changeTypes.length ? changeTypes : all) {
      if (!all.includes(changeType))
        throw new Error(`${owner}: ${event} has no change type ${changeType}`);
      const type = `${event}/${changeType}` as WecomEventType;
      const existing = this.handlers.get(type);
      if (existing && existing !== target)
        throw new Error(`two handlers for WeCom event ${type}: ${existing.owner}, ${owner}`);
      this.handlers.set(type, target);
    }
  }
}
