import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export enum TagSource {
  Manual = 'manual',
  Channel = 'channel',
  ChatRule = 'chat_rule',
  Sync = 'sync',
  Import = 'import',
  /** Marked by a staff member in the WeCom app (arrives by edit_external_contact). */
  Wecom = 'wecom',
}

/** A tag marked on a customer by one staff member (WeCom marks tags per follow relation). */
@Entity('customer_tag')
export class CustomerTagEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  corpId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  externalUserId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  tagId: string;

  @Column({ type: 'enum', enum: TagSource })
  source: TagSource;

  /** Who marked it: an admin's username, a staff userid, a rule id; null for WeCom and sync. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  actor: string | null;

  /** Why: the channel, the chat rule and message, the admin who marked it. */
  @Column({ type: 'json', nullable: true })
  evidence: Record<string, unknown> | null;

  /** When the mark's current source took it (see TagMarkService: which source wins). */
  @Column({ type: 'datetime', precision: 3 })
  markedAt: Date;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
