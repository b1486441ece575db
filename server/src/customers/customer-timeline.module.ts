import { Module } from '@nestjs/common';
import { CustomerTimelineRepository } from './customer-timeline.repository';
import { CustomerTimelineService } from './customer-timeline.service';

/**
 * The customer timeline on its own, so that modules the customers module itself uses (groups,
 * tags) can append to it without a cycle. Part of customers/: it owns customer_timeline.
 */
@Module({
  providers: [CustomerTimelineRepository, CustomerTimelineService],
  exports: [CustomerTimelineService, CustomerTimelineRepository],
})
export class CustomerTimelineModule {}
