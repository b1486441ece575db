import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { Role } from '../role';

/** A corp-scoped admin user's role in one corp. */
@Entity('admin_user_corp')
export class AdminUserCorpEntity {
  @PrimaryColumn({ type: 'bigint', unsigned: true })
  adminUserId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  corpId: string;

  @Column({ type: 'enum', enum: Role })
  role: Role;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;
}
