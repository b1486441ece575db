import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MediaModule } from '../media/media.module';
import { MediaService } from '../media/media.service';
import { StaffModule } from '../staff/staff.module';
import { TagsModule } from '../tags/tags.module';
import { MomentEntity } from './entities/moment.entity';
import { MomentPublisher } from './moment-publisher.service';
import { MomentRepository } from './moment.repository';
import { MomentService } from './moment.service';
import { MOMENT_MEDIA } from './moment.types';
import { MomentsController } from './moments.controller';
import { MomentsProcessor } from './processors/moments.processor';

/**
 * Moments (客户朋友圈): compose, schedule, publish through add_moment_task, results.
 * Attachments go through the media module's `MOMENT_MEDIA` port (MediaService.ensureAttachmentId).
 */
@Module({
  imports: [TypeOrmModule.forFeature([MomentEntity]), MediaModule, StaffModule, TagsModule],
  controllers: [MomentsController],
  providers: [
    MomentRepository,
    MomentService,
    MomentPublisher,
    // attachments: stored assets → media/upload_attachment (attachment_type 1) media ids
    { provide: MOMENT_MEDIA, useExisting: MediaService },
  ],
  exports: [MomentService, MomentPublisher],
})
export class MomentsModule {}

/** Moments' queue consumers (worker processes only). */
@Module({ imports: [MomentsModule], providers: [MomentsProcessor] })
export class MomentsWorkerModule {}
