import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CorpModule } from '../corps/corp.module';
import { CustomersModule } from '../customers/customers.module';
import { GroupsModule, GroupsWorkerModule } from '../groups/groups.module';
import { StaffModule } from '../staff/staff.module';
import { TagsModule } from '../tags/tags.module';
import { SyncRunEntity } from './entities/sync-run.entity';
import { SyncProcessor } from './processors/sync.processor';
import { SyncRunRepository } from './sync-run.repository';
import { SyncController } from './sync.controller';
import { SyncService } from './sync.service';

/** Full sync of a corp from WeCom into the mirror. */
@Module({
  imports: [
    TypeOrmModule.forFeature([SyncRunEntity]),
    CorpModule,
    StaffModule,
    TagsModule,
    GroupsModule,
    CustomersModule,
  ],
  controllers: [SyncController],
  providers: [SyncRunRepository, SyncService],
  exports: [SyncService],
})
export class SyncModule {}

/** Sync's (and the mirror's) queue consumers (worker processes only). */
@Module({ imports: [SyncModule, GroupsWorkerModule], providers: [SyncProcessor] })
export class SyncWorkerModule {}
