import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A customer group chat (客户群). */
@Entity('group_chat')
export class GroupChatEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  corpId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  chatId: string;

  @Column({ type: 'varchar', length: 128, default: '' })
  name: string;

  @Column({ type: 'varchar', length: 64, default: '' })
  ownerUserId: string;

  @Column({ type: 'text', nullable: true })
  notice: string | null;

  /** groupchat/list status: 0 normal, 1 owner left, 2 transferring, 3 transferred. */
  @Column({ type: 'tinyint', unsigned: true, default: 0 })
  wecomStatus: number;

  @Column({ type: 'int', unsigned: true, default: 0 })
  createTime: number;

  @Column({ type: 'int', unsigned: true, default: 0 })
  memberCount: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  memberVersion: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  dismissedAt: Date | null;

  @Column({ type: 'int', unsigned: true, default: 0 })
  lastEventTime: number;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  syncedAt: Date | null;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
