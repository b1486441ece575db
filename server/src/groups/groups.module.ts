import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallbacksModule } from '../callbacks/callbacks.module';
import { CustomerTimelineModule } from '../customers/customer-timeline.module';
import { MirrorLockModule } from '../common/mirror-lock/mirror-lock.module';
import { GroupChatEntity } from './entities/group-chat.entity';
import { GroupMemberEntity } from './entities/group-member.entity';
import { GroupRepository } from './group.repository';
import { GroupService } from './group.service';
import { GroupsController } from './groups.controller';
import { GroupRefreshProcessor } from './processors/group-refresh.processor';

/**
 * The mirror of customer groups (客户群) and their members. Its change_external_chat handler is
 * `GroupService.handleChatEvent` (@OnWecomEvent).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([GroupChatEntity, GroupMemberEntity]),
    CallbacksModule,
    CustomerTimelineModule,
    MirrorLockModule,
  ],
  controllers: [GroupsController],
  providers: [GroupRepository, GroupService],
  exports: [GroupService],
})
export class GroupsModule {}

/** Groups' queue consumers (worker processes only; imported by SyncWorkerModule). */
@Module({ imports: [GroupsModule], providers: [GroupRefreshProcessor] })
export class GroupsWorkerModule {}
