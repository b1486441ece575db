import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GroupChatEntity } from './entities/group-chat.entity';
import { GroupMemberEntity } from './entities/group-member.entity';

/** The mirror of customer groups (客户群) and their members. */
@Module({
  imports: [TypeOrmModule.forFeature([GroupChatEntity, GroupMemberEntity])],
  providers: [],
  exports: [],
})
export class GroupsModule {}
