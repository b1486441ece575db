import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MediaModule } from '../media/media.module';
import { SidebarThrottlerGuard } from '../sidebar/sidebar-throttler.guard';
import { StaffModule } from '../staff/staff.module';
import {
  QuickReplyFolderEntity,
  QuickReplyItemEntity,
  QuickReplySettingEntity,
} from './entities/quick-reply.entity';
import { QuickRepliesController, SidebarQuickRepliesController } from './quick-replies.controller';
import { QuickRepliesService } from './quick-replies.service';
import { QuickReplyRepository } from './quick-reply.repository';

/**
 * Quick replies (话术库, docs/sidebar.md): folders and items managed in the console, sent by
 * guides from the sidebar with ww.sendChatMessage.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      QuickReplyFolderEntity,
      QuickReplyItemEntity,
      QuickReplySettingEntity,
    ]),
    MediaModule,
    StaffModule,
  ],
  controllers: [QuickRepliesController, SidebarQuickRepliesController],
  providers: [QuickRepliesService, QuickReplyRepository, SidebarThrottlerGuard],
})
export class QuickRepliesModule {}
