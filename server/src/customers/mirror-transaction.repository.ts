import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** An open database transaction, handed from repository to repository (opaque to services). */
export type MirrorTx = EntityManager;

const MAX_ATTEMPTS = 5;
/** ER_LOCK_DEADLOCK, ER_LOCK_WAIT_TIMEOUT: the transaction was rolled back; running it again is safe. */
const RETRYABLE_ERRNOS = new Set([1213, 1205]);

/**
 * Runs a unit of mirror work in one REPEATABLE READ transaction. The work locks the rows it reads
 * (`SELECT … FOR UPDATE`), so concurrent events of one customer are serialized; a deadlock between
 * two of them rolls one back, and it is run again from the start.
 */
@Injectable()
export class MirrorTransactionRepository {
  private readonly logger = new Logger(MirrorTransactionRepository.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async run<T>(work: (tx: MirrorTx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction('REPEATABLE READ', work);
      } catch (err) {
        const errno =
          (err as { errno?: number; driverError?: { errno?: number } }).errno ??
          (err as { driverError?: { errno?: number } }).driverError?.errno;
        if (attempt >= MAX_ATTEMPTS || !errno || !RETRYABLE_ERRNOS.has(errno)) throw err;
        this.logger.debug({ attempt, errno }, 'mirror transaction rolled back by a lock conflict');
        await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 40));
      }
    }
  }
}
