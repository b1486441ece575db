import { Module } from '@nestjs/common';
import { AuthModule } from '../admin/auth/auth.module';
import { CorpModule } from '../corps/corp.module';
import { SetupController } from './setup.controller';
import { SetupService } from './setup.service';

/** First run: status, first admin, corp registration with generated callback keys, live checks. */
@Module({
  imports: [AuthModule, CorpModule],
  controllers: [SetupController],
  providers: [SetupService],
})
export class SetupModule {}
