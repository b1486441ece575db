import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffModule } from '../staff/staff.module';
import { TagsModule } from '../tags/tags.module';
import { MomentEntity } from './entities/moment.entity';
import { MomentPublisher } from './moment-publisher.service';
import { MomentRepository } from './moment.repository';
import { MomentService } from './moment.service';
import { MomentsController } from './moments.controller';
import { MomentsProcessor } from './processors/moments.processor';

/**
 * Moments (客户朋友圈): compose, schedule, publish through add_moment_task, results.
 * Attachments go through the media module's `MOMENT_MEDIA` port (MediaService.ensureAttachmentId).
 */
@Module({
  imports: [TypeOrmModule.forFeature([MomentEntity]), StaffModule, TagsModule],
  controllers: [MomentsController],
  providers: [MomentRepository, MomentService, MomentPublisher],
  exports: [MomentService, MomentPublisher],
})
export class MomentsModule {}

/** Moments' queue consumers (worker processes only). */
@Module({ imports: [MomentsModule], providers: [MomentsProcessor] })
export class MomentsWorkerModule {}
