import { Module } from '@nestjs/common';
import { MirrorLockModule } from '../common/mirror-lock/mirror-lock.module';
import { CorpModule } from '../corps/corp.module';
import { CustomersModule } from '../customers/customers.module';
import { RelationCountsModule } from '../customers/relation-counts.module';
import { GroupsModule } from '../groups/groups.module';
import { StaffModule } from '../staff/staff.module';
import { TagsModule } from '../tags/tags.module';
import { DeparturesService } from './departures.service';
import { TransferPlanService } from './transfer-plan.service';
import { TransferRepository } from './transfer.repository';
import { TransferSendService } from './transfer-send.service';
import { TransferTrackingService } from './transfer-tracking.service';
import { TransfersController } from './transfers.controller';
import { TransfersProcessor } from './transfers.processor';
import { TransfersService } from './transfers.service';

/**
 * Inheritance (离职/在职继承): departures, plans with their preview, sending in WeCom-sized
 * batches, tracking every customer to a final state, carry-over, notices. See docs/transfers.md.
 */
@Module({
  imports: [
    CorpModule,
    CustomersModule,
    RelationCountsModule,
    GroupsModule,
    MirrorLockModule,
    StaffModule,
    TagsModule,
  ],
  controllers: [TransfersController],
  providers: [
    TransferRepository,
    TransferPlanService,
    TransferSendService,
    TransferTrackingService,
    DeparturesService,
    TransfersService,
  ],
  exports: [TransferTrackingService, TransferSendService, DeparturesService, TransferRepository],
})
export class TransfersModule {}

/** Inheritance's queue consumers (worker processes only). */
@Module({ imports: [TransfersModule], providers: [TransfersProcessor] })
export class TransfersWorkerModule {}
