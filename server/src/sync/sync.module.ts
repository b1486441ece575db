import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SyncRunEntity } from './entities/sync-run.entity';

/** Full sync of a corp from WeCom into the mirror. */
@Module({
  imports: [TypeOrmModule.forFeature([SyncRunEntity])],
  providers: [],
  exports: [],
})
export class SyncModule {}

/** Sync's queue consumers (worker processes only). */
@Module({ imports: [SyncModule], providers: [] })
export class SyncWorkerModule {}
