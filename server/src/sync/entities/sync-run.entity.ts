import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum SyncRunStatus {
  Running = 'running',
  Done = 'done',
  Failed = 'failed',
}

/** One full sync of a corp from WeCom, with progress and a checkpoint to resume from. */
@Entity('sync_run')
export class SyncRunEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  corpId: string;

  @Column({ type: 'varchar', length: 32, default: 'full' })
  kind: string;

  @Column({ type: 'enum', enum: SyncRunStatus, default: SyncRunStatus.Running })
  status: SyncRunStatus;

  /** start, departments, staff, tags, customers, groups, reconcile, done */
  @Column({ type: 'varchar', length: 32, default: 'start' })
  phase: string;

  @Column({ type: 'int', unsigned: true, default: 0 })
  done: number;

  @Column({ type: 'int', unsigned: true, default: 0 })
  total: number;

  @Column({ type: 'json', nullable: true })
  checkpoint: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  error: string | null;

  @Column({ type: 'datetime', precision: 3 })
  startedAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  finishedAt: Date | null;
}
