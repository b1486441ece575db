import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallbacksModule } from '../callbacks/callbacks.module';
import { CustomerTimelineModule } from '../customers/customer-timeline.module';
import { MirrorLockModule } from '../common/mirror-lock/mirror-lock.module';
import { CustomerTagEntity } from './entities/customer-tag.entity';
import { TagGroupEntity } from './entities/tag-group.entity';
import { TagEntity } from './entities/tag.entity';
import { TagMarkRepository } from './tag-mark.repository';
import { TagMarkService } from './tag-mark.service';
import { TagRepository } from './tag.repository';
import { TagService } from './tag.service';
import { TagsController } from './tags.controller';
import { TagLibraryService } from './library/tag-library.service';
import { TagPushRepository } from './library/tag-push.repository';

/**
 * The mirror of corp tag groups and tags, and each follow relation's tag marks (customer_tag):
 * other modules mark and unmark through TagMarkService. Its change_external_tag handler is
 * `TagService.handleTagEvent` (@OnWecomEvent).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([TagGroupEntity, TagEntity, CustomerTagEntity]),
    CallbacksModule,
    CustomerTimelineModule,
    MirrorLockModule,
  ],
  controllers: [TagsController],
  providers: [
    TagRepository,
    TagService,
    TagMarkRepository,
    TagMarkService,
    TagPushRepository,
    TagLibraryService,
  ],
  exports: [TagService, TagMarkService, TagLibraryService, TagRepository],
})
export class TagsModule {}
