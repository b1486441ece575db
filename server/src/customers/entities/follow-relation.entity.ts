import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export enum FollowStatus {
  Active = 'active',
  /** del_external_contact: the staff member deleted the customer. */
  DeletedByStaff = 'deleted_by_staff',
  /** del_follow_user: the customer deleted the staff member. */
  DeletedByCustomer = 'deleted_by_customer',
  /** The customer was handed over to another staff member. */
  TransferredOut = 'transferred_out',
}

/** A staff member x customer friendship (follow_user), with its remark, source and state. */
@Entity('follow_relation')
export class FollowRelationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  corpId: string;

  @Column({ type: 'varchar', length: 64 })
  externalUserId: string;

  @Column({ type: 'varchar', length: 64 })
  userId: string;

  @Column({ type: 'varchar', length: 128, default: '' })
  remark: string;

  @Column({ type: 'varchar', length: 512, default: '' })
  description: string;

  @Column({ type: 'varchar', length: 128, default: '' })
  remarkCorpName: string;

  @Column({ type: 'json', nullable: true })
  remarkMobiles: string[] | null;

  /** WeCom add_way (0 unknown, 1 scanned QR, … 202 transferred by admin). */
  @Column({ type: 'smallint', unsigned: true, default: 0 })
  addWay: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  operUserId: string | null;

  /** The contact way's `state`: which channel brought the customer. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  state: string | null;

  @Column({ type: 'bigint', unsigned: true, nullable: true })
  channelId: string | null;

  /** WeCom createtime of the relation. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  addedAt: Date | null;

  @Column({ type: 'enum', enum: FollowStatus, default: FollowStatus.Active })
  status: FollowStatus;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  deletedAt: Date | null;

  /** CreateTime of the newest event applied to this relation: an older event is stale. */
  @Column({ type: 'int', unsigned: true, default: 0 })
  lastEventTime: number;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
