import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum CallbackEventStatus {
  Pending = 'pending',
  /** Claimed by a worker's batch (see CallbackEventRepository.claimBatch). */
  Processing = 'processing',
  Done = 'done',
  /** No handler for this event type (yet): stored, replayable once one exists. */
  Skipped = 'skipped',
  Failed = 'failed',
}

/**
 * The durable inbox: one row per distinct callback WeCom delivered, stored before WeCom gets
 * its answer. WeCom's retries and duplicates carry the same plaintext, so the unique
 * (corp_id, dedupe_key) keeps exactly one row.
 */
@Entity('callback_event')
export class CallbackEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  corpId: string;

  /** sha256 of the decrypted XML. */
  @Column({ type: 'char', length: 64 })
  dedupeKey: string;

  /** e.g. change_external_contact */
  @Column({ type: 'varchar', length: 64 })
  event: string;

  /** e.g. add_external_contact; '' when the event has none */
  @Column({ type: 'varchar', length: 64 })
  changeType: string;

  /** WeCom's CreateTime (unix seconds): orders events of the same object. */
  @Column({ type: 'int', unsigned: true })
  createTime: number;

  /** The decrypted XML's fields (never secrets: WeCom events carry ids and states only). */
  @Column({ type: 'json' })
  payload: Record<string, unknown>;

  @Column({ type: 'enum', enum: CallbackEventStatus, default: CallbackEventStatus.Pending })
  status: CallbackEventStatus;

  @Column({ type: 'smallint', unsigned: true, default: 0 })
  attempts: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @Column({ type: 'datetime', precision: 3 })
  receivedAt: Date;

  /** Not before this may a worker claim it: now when stored, later after a failed attempt. */
  @Column({ type: 'datetime', precision: 3 })
  availableAt: Date;

  /** When the claiming worker last renewed its claim (status `processing`). */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  claimedAt: Date | null;

  /** The batch that holds the claim: only it may settle the event. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  claimToken: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  processedAt: Date | null;
}
