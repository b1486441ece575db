import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { retryOnLockConflict } from '../common/lock-conflict';

/** An open database transaction, handed from repository to repository (opaque to services). */
export type MirrorTx = EntityManager;

/**
 * Runs a unit of mirror work in one REPEATABLE READ transaction. The work locks the rows it reads
 * (`SELECT … FOR UPDATE`), so concurrent events of one customer are serialized; a deadlock between
 * two of them rolls one back, and it is run again from the start.
 */
@Injectable()
export class MirrorTransactionRepository {
  private readonly logger = new Logger(MirrorTransactionRepository.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (tx: MirrorTx) => Promise<T>): Promise<T> {
    return retryOnLockConflict(
      () => this.dataSource.transaction('REPEATABLE READ', work),
      5,
      (attempt) =>
        this.logger.debug({ attempt }, 'mirror transaction rolled back by a lock conflict'),
    );
  }
}
