import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What happened to a customer, newest last: for the sidebar and the console. */
@Entity('customer_timeline')
export class CustomerTimelineEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  corpId: string;

  @Column({ type: 'varchar', length: 64 })
  externalUserId: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  userId: string | null;

  /** e.g. added, deleted_by_staff, deleted_by_customer, remark_changed, tag_added, tag_removed, group_joined, group_left, transferred, welcome_sent */
  @Column({ type: 'varchar', length: 48 })
  kind: string;

  @Column({ type: 'json', nullable: true })
  detail: Record<string, unknown> | null;

  @Column({ type: 'datetime', precision: 3 })
  occurredAt: Date;

  /** Unique per corp: a replayed event writes no second entry. */
  @Column({ type: 'varchar', length: 191 })
  dedupeKey: string;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
