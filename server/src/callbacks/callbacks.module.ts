import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CorpModule } from '../corps/corp.module';
import { CallbackEventHandlerRegistry } from './callback-event-handler.registry';
import { CallbackEventRepository } from './callback-event.repository';
import { CallbackEventService } from './callback-event.service';
import { CallbackEventsController } from './callback-events.controller';
import { CallbackIngestService } from './callback-ingest.service';
import { CallbackEventEntity } from './entities/callback-event.entity';

@Module({
  // DiscoveryModule: the registry finds the @OnWecomEvent handlers at boot
  imports: [TypeOrmModule.forFeature([CallbackEventEntity]), CorpModule, DiscoveryModule],
  controllers: [CallbackEventsController],
  providers: [
    CallbackEventRepository,
    CallbackIngestService,
    CallbackEventService,
    CallbackEventHandlerRegistry,
  ],
  exports: [CallbackEventService, CallbackEventHandlerRegistry],
})
/** WeCom's callback routes themselves are mounted by `mountCallbackRoutes` (callback.routes.ts). */
export class CallbacksModule {}
