import { Module, OnModuleInit } from '@nestjs/common';
import { CallbackEventHandlerRegistry } from '../callbacks/callback-event-handler.registry';
import { CallbacksModule } from '../callbacks/callbacks.module';
import { CorpModule } from '../corps/corp.module';
import { CustomersModule } from '../customers/customers.module';
import { StaffModule } from '../staff/staff.module';
import { ChatArchivePullerService } from './chat-archive-puller.service';
import { ChatArchiveAdminController, ChatArchiveIngestController } from './chat-archive.controller';
import { ChatArchiveService } from './chat-archive.service';
import { ChatMessageRepository } from './chat-message.repository';
import { CorpPassLease } from './corp-pass-lease';
import { IngestTokenGuard } from './ingest-token.guard';
import { ChatArchiveProcessor } from './processors/chat-archive.processor';

/** The WeCom event that says new archived messages are ready (no content, no ChangeType). */
export const MSGAUDIT_NOTIFY = 'msgaudit_notify';

/**
 * The chat archive (会话内容存档): the sidecar's ingest endpoint, the sandbox puller (woken by
 * msgaudit_notify at ingest time), retention, a customer's history for admins, and each
 * customer's last chat time. The chat rules register as the consumer of new messages.
 */
@Module({
  imports: [CallbacksModule, CorpModule, StaffModule, CustomersModule],
  controllers: [ChatArchiveIngestController, ChatArchiveAdminController],
  providers: [
    ChatMessageRepository,
    ChatArchiveService,
    ChatArchivePullerService,
    CorpPassLease,
    IngestTokenGuard,
  ],
  exports: [ChatArchiveService, ChatArchivePullerService],
})
export class ChatArchiveModule implements OnModuleInit {
  constructor(
    private readonly registry: CallbackEventHandlerRegistry,
    private readonly puller: ChatArchivePullerService,
  ) {}

  onModuleInit(): void {
    this.registry.registerIngestHook(async (event) => {
      if (event.event === MSGAUDIT_NOTIFY) await this.puller.wake(event.corpId);
    });
  }
}

/** The chat archive's queue consumers (worker processes only). */
@Module({ imports: [ChatArchiveModule], providers: [ChatArchiveProcessor] })
export class ChatArchiveWorkerModule {}
