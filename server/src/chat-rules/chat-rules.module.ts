import { Module } from '@nestjs/common';
import { ChatArchiveModule } from '../chat-archive/chat-archive.module';
import { CustomersModule } from '../customers/customers.module';
import { StaffModule } from '../staff/staff.module';
import { TagsModule } from '../tags/tags.module';
import { ChatRuleBackApplyService } from './chat-rule-back-apply.service';
import { ChatRuleRepository } from './chat-rule.repository';
import { ChatRulesController } from './chat-rules.controller';
import { ChatRulesService } from './chat-rules.service';
import { ChatRulesProcessor } from './processors/chat-rules.processor';

/**
 * Chat rules: keyword rules over archived messages that mark tags (TagMarkService, source
 * chat_rule). Registers itself as the chat archive's consumer of new messages.
 */
@Module({
  imports: [ChatArchiveModule, CustomersModule, StaffModule, TagsModule],
  controllers: [ChatRulesController],
  providers: [ChatRuleRepository, ChatRulesService, ChatRuleBackApplyService],
  exports: [ChatRulesService, ChatRuleBackApplyService],
})
export class ChatRulesModule {}

/** The back-apply consumer (worker processes only). */
@Module({ imports: [ChatRulesModule], providers: [ChatRulesProcessor] })
export class ChatRulesWorkerModule {}
