import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Role } from '../auth/role';

/**
 * The console role an admin gave a WeCom member (signing in with WeCom's web login). `role`
 * null: the access was revoked (or the member left); the row keeps the token version, so a
 * session from before a revoke never comes back to life with a later grant.
 */
@Entity('staff_console_role')
export class StaffConsoleRoleEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  corpId: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  userId: string;

  @Column({ type: 'enum', enum: Role, nullable: true })
  role: Role | null;

  @Column({ type: 'int', unsigned: true, default: 0 })
  tokenVersion: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  grantedBy: string | null;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
