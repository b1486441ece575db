import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DepartmentEntity } from './entities/department.entity';
import { StaffEntity } from './entities/staff.entity';

/** The mirror of staff (成员) and departments. */
@Module({
  imports: [TypeOrmModule.forFeature([StaffEntity, DepartmentEntity])],
  providers: [],
  exports: [],
})
export class StaffModule {}
