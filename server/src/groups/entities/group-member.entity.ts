import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A member of a customer group: staff (type 1) or customer (type 2). */
@Entity('group_member')
export class GroupMemberEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  corpId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  chatId: string;

  /** userid (type 1) or external_userid (type 2). */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  memberId: string;

  @Column({ type: 'tinyint', unsigned: true })
  type: number;

  @Column({ type: 'varchar', length: 128, default: '' })
  name: string;

  @Column({ type: 'varchar', length: 128, default: '' })
  groupNickname: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  unionId: string | null;

  @Column({ type: 'int', unsigned: true, default: 0 })
  joinTime: number;

  /** groupchat/get codes: 1 direct invite, 2 invite link, 3 QR code. */
  @Column({ type: 'tinyint', unsigned: true, default: 0 })
  joinScene: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  invitorUserId: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  leftAt: Date | null;

  /** 0 left on their own, 1 removed. */
  @Column({ type: 'tinyint', unsigned: true, nullable: true })
  quitScene: number | null;
}
