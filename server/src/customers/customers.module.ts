import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AudienceModule } from '../audience/audience.module';
import { CallbacksModule } from '../callbacks/callbacks.module';
import { GroupsModule } from '../groups/groups.module';
import { StaffModule } from '../staff/staff.module';
import { TagsModule } from '../tags/tags.module';
import { CustomerEventHandler } from './customer-event.handler';
import { CustomerCountRepository } from './customer-count.repository';
import { CustomerCountsService } from './customer-counts.service';
import { CustomerMirrorService } from './customer-mirror.service';
import { CustomerStatsRepository } from './customer-stats.repository';
import { CustomerStatsService } from './customer-stats.service';
import { CustomerTimelineModule } from './customer-timeline.module';
import { CustomerRepository } from './customer.repository';
import { CustomersController } from './customers.controller';
import { CustomersService } from './customers.service';
import { CustomerTimelineEntity } from './entities/customer-timeline.entity';
import { CustomerEntity } from './entities/customer.entity';
import { FollowRelationEntity } from './entities/follow-relation.entity';
import { FollowRelationRepository } from './follow-relation.repository';
import { MirrorTransactionRepository } from './mirror-transaction.repository';

/**
 * The mirror of customers, their follow relations and timeline: change_external_contact handlers,
 * the snapshot API the full sync uses (CustomerMirrorService), and the admin read API. The
 * handlers are found by their @OnWecomEvent / @OnWecomEventBatch decorators.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([CustomerEntity, FollowRelationEntity, CustomerTimelineEntity]),
    CallbacksModule,
    CustomerTimelineModule,
    TagsModule,
    StaffModule,
    GroupsModule,
    AudienceModule,
  ],
  controllers: [CustomersController],
  providers: [
    MirrorTransactionRepository,
    CustomerRepository,
    FollowRelationRepository,
    CustomerMirrorService,
    CustomerEventHandler,
    CustomersService,
    CustomerStatsRepository,
    CustomerStatsService,
    CustomerCountRepository,
    CustomerCountsService,
  ],
  exports: [
    CustomerMirrorService,
    CustomersService,
    CustomerTimelineModule,
    CustomerStatsService,
    CustomerCountsService,
  ],
})
export class CustomersModule {}
