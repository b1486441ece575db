import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CustomerTimelineEntity } from './entities/customer-timeline.entity';
import { CustomerEntity } from './entities/customer.entity';
import { FollowRelationEntity } from './entities/follow-relation.entity';

/** The mirror of customers, their follow relations and timeline. */
@Module({
  imports: [
    TypeOrmModule.forFeature([CustomerEntity, FollowRelationEntity, CustomerTimelineEntity]),
  ],
  providers: [],
  exports: [],
})
export class CustomersModule {}
