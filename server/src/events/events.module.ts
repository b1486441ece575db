import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DomainEventBus } from './domain-event-bus';

/** Domain events (see domain-events.ts): one bus for the whole application. */
@Global()
@Module({ imports: [DiscoveryModule], providers: [DomainEventBus], exports: [DomainEventBus] })
export class EventsModule {}
