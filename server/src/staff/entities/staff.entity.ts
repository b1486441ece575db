import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A member of the corp (成员), as WeCom's address book and follow-user list know them. */
@Entity('staff')
export class StaffEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  corpId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  userId: string;

  @Column({ type: 'varchar', length: 128, default: '' })
  name: string;

  @Column({ type: 'json' })
  departmentIds: number[];

  @Column({ type: 'int', unsigned: true, nullable: true })
  mainDepartment: number | null;

  @Column({ type: 'varchar', length: 128, default: '' })
  position: string;

  @Column({ type: 'varchar', length: 512, default: '' })
  avatar: string;

  /** 1 active, 2 disabled, 4 not activated, 5 quit (WeCom user status). */
  @Column({ type: 'tinyint', unsigned: true, default: 1 })
  wecomStatus: number;

  /** Listed by get_follow_user_list: has the customer-contact permission. */
  @Column({ type: 'boolean', default: false })
  customerContact: boolean;

  /** Set on delete_user: their customers and groups wait for a successor (离职继承). */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  departedAt: Date | null;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
