import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { text } from 'express';
import { CorpModule } from '../corps/corp.module';
import { CallbackController } from './callback.controller';
import { CallbackEventHandlerRegistry } from './callback-event-handler.registry';
import { CallbackEventRepository } from './callback-event.repository';
import { CallbackEventService } from './callback-event.service';
import { CallbackEventsController } from './callback-events.controller';
import { CallbackIngestService } from './callback-ingest.service';
import { CallbackEventEntity } from './entities/callback-event.entity';

/** WeCom's callback bodies are small XML documents; anything bigger is refused with 413. */
export const CALLBACK_BODY_LIMIT = '64kb';

@Module({
  imports: [TypeOrmModule.forFeature([CallbackEventEntity]), CorpModule],
  controllers: [CallbackController, CallbackEventsController],
  providers: [
    CallbackEventRepository,
    CallbackIngestService,
    CallbackEventService,
    CallbackEventHandlerRegistry,
  ],
  exports: [CallbackEventService, CallbackEventHandlerRegistry],
})
export class CallbacksModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(text({ type: () => true, limit: CALLBACK_BODY_LIMIT }))
      .forRoutes(CallbackController);
  }
}
