import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('department')
export class DepartmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  corpId: string;

  @PrimaryColumn({ type: 'int', unsigned: true })
  id: number;

  @Column({ type: 'varchar', length: 128, default: '' })
  name: string;

  @Column({ type: 'int', unsigned: true, default: 0 })
  parentId: number;

  @Column({ type: 'int', unsigned: true, default: 0 })
  sortOrder: number;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  deletedAt: Date | null;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
