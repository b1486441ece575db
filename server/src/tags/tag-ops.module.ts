import { Module } from '@nestjs/common';
import { AudienceModule } from '../audience/audience.module';
import { AudienceService } from '../audience/audience.service';
import { CustomersModule } from '../customers/customers.module';
import { AUDIENCE_RELATIONS } from './jobs/audience-relations.port';
import { CustomerTagsService } from './customer-tags.service';
import { TagJobRepository } from './jobs/tag-job.repository';
import { TagJobService } from './jobs/tag-job.service';
import { TagsProcessor } from './jobs/tags.processor';
import { TagOpsController } from './tag-ops.controller';
import { TagsModule } from './tags.module';

/**
 * What marks tags on customers chosen by relation (customers' mirror needed, so apart from
 * TagsModule, which customers/ imports): a customer's marks by hand (console, sidebar), bulk
 * jobs over an audience filter, CSV imports.
 */
@Module({
  imports: [TagsModule, CustomersModule, AudienceModule],
  controllers: [TagOpsController],
  providers: [
    TagJobRepository,
    TagJobService,
    CustomerTagsService,
    { provide: AUDIENCE_RELATIONS, useExisting: AudienceService },
  ],
  exports: [CustomerTagsService, TagJobService],
})
export class TagOpsModule {}

/** The tags queue's consumer (worker processes only). */
@Module({ imports: [TagOpsModule], providers: [TagsProcessor] })
export class TagOpsWorkerModule {}
