import { Module } from '@nestjs/common';
import { CorpModule } from '../../corps/corp.module';
import { AuthModule } from '../auth/auth.module';
import { StaffLoginController, StaffRolesController } from './staff-access.controller';
import { StaffAccessService } from './staff-access.service';

/**
 * Staff sign-in with WeCom's web login and the console roles admins give members. The staff
 * module calls `StaffAccessService.revokeDeparted` on `delete_user`.
 */
@Module({
  imports: [AuthModule, CorpModule],
  controllers: [StaffLoginController, StaffRolesController],
  providers: [StaffAccessService],
  exports: [StaffAccessService],
})
export class StaffAccessModule {}
