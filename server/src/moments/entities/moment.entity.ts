import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { MomentAttachment, MomentInvalid, MomentVisibility } from '../moment.types';

export enum MomentState {
  /** Waiting for its time (a delayed job in Redis; the sweep re-enqueues it if Redis lost it). */
  Scheduled = 'scheduled',
  /** add_moment_task is being called: committed before the call, so a crash is reconciled. */
  Creating = 'creating',
  /** WeCom gave a jobid; get_moment_task_result is polled for the moment_id. */
  Submitted = 'submitted',
  /** WeCom created the moment: staff publish it; results are pulled until the moment is old. */
  Created = 'created',
  /** WeCom refused it (the sentence is in `error`). */
  Failed = 'failed',
  Cancelled = 'cancelled',
}

/** A corp moment (客户朋友圈 企业发表) as the SCRM publishes it. */
@Entity('moment')
export class MomentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  corpId: string;

  @Column({ type: 'varchar', length: 64 })
  title: string;

  @Column({ type: 'text', nullable: true })
  text: string | null;

  @Column({ type: 'json' })
  attachments: MomentAttachment[];

  @Column({ type: 'json' })
  visible: MomentVisibility;

  @Column({ type: 'enum', enum: MomentState })
  state: MomentState;

  @Column({ type: 'datetime', precision: 3 })
  scheduledAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  submitStartedAt: Date | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  jobId: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  jobCreatedAt: Date | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  momentId: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  createdAtWecom: Date | null;

  @Column({ type: 'json', nullable: true })
  invalid: MomentInvalid | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  resultsPulledAt: Date | null;

  @Column({ type: 'int', unsigned: true, default: 0 })
  resultsPulls: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
