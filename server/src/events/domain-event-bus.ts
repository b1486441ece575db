import { Injectable, Logger, OnModuleInit, Optional, SetMetadata } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { DOMAIN_EVENT_NAMES, DomainEventMap, DomainEventName } from './domain-events';

export const DOMAIN_EVENT_HANDLER = 'scrm:domain-event-handler';

export type DomainEventHandler<K extends DomainEventName> = (
  event: DomainEventMap[K],
) => unknown | Promise<unknown>;

/**
 * Marks a provider method as a handler of a domain event. Found at boot by the bus (a walk of
 * the providers, like the job-handler check). The method must be idempotent: an event can be
 * delivered again when the emitting job is retried.
 */
export const OnDomainEvent = (name: DomainEventName): MethodDecorator =>
  SetMetadata(DOMAIN_EVENT_HANDLER, name);

/**
 * The one in-process seam for domain events. `emit` runs every handler of the event, in
 * registration order, and awaits them: it rejects (after all ran) when one failed, so that the
 * emitting job fails and is retried. A handler whose work must not be lost and is more than a
 * few writes of its own tables enqueues a job (see docs/architecture.md, "Durable reactions").
 */
@Injectable()
export class DomainEventBus implements OnModuleInit {
  private readonly logger = new Logger(DomainEventBus.name);
  private readonly handlers = new Map<DomainEventName, Array<DomainEventHandler<never>>>();

  constructor(
    @Optional() private readonly discovery?: DiscoveryService,
    @Optional() private readonly scanner?: MetadataScanner,
  ) {}

  /** Registers every `@OnDomainEvent` method of the application's providers. */
  onModuleInit(): void {
    if (!this.discovery || !this.scanner) return;
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || wrapper.isNotMetatype) continue;
      const proto = Object.getPrototypeOf(instance);
      if (!proto) continue;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = proto[method];
        const name = typeof fn === 'function' && Reflect.getMetadata(DOMAIN_EVENT_HANDLER, fn);
        if (!name) continue;
        if (!DOMAIN_EVENT_NAMES.includes(name))
          throw new Error(`@OnDomainEvent('${String(name)}') names no domain event`);
        this.on(name as DomainEventName, (e) => (fn as (e: unknown) => unknown).call(instance, e));
      }
    }
  }

  /** Programmatic registration (unit tests that build services by hand). */
  on<K extends DomainEventName>(name: K, handler: DomainEventHandler<K>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as DomainEventHandler<never>);
    this.handlers.set(name, list);
  }

  handlerCount(name: DomainEventName): number {
    return this.handlers.get(name)?.length ?? 0;
  }

  async emit<K extends DomainEventName>(name: K, event: DomainEventMap[K]): Promise<void> {
    let first: unknown;
    for (const handler of this.handlers.get(name) ?? []) {
      try {
        await (handler as DomainEventHandler<K>)(event);
      } catch (err) {
        this.logger.warn(
          { event: name, err: (err as Error).message },
          'domain event handler failed',
        );
        first ??= err;
      }
    }
    if (first) throw first;
  }

  /** Emits many events of one name (e.g. the relations a mirror transaction added). */
  async emitAll<K extends DomainEventName>(name: K, events: DomainEventMap[K][]): Promise<void> {
    if (!this.handlerCount(name)) return;
    let first: unknown;
    for (const e of events) await this.emit(name, e).catch((err) => (first ??= err));
    if (first) throw first;
  }
}
