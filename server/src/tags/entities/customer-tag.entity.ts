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

  /** Why: the channel, the chat rule and message, the admin who marked it. */
  @Column({ type: 'json', nullable: true })
  evidence: Record<string, unknown> | null;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
