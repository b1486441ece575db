import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ThrottlerModule } from '@nestjs/throttler';
import { AllConfig } from '../../config/configuration';
import { throttlerStorage } from '../../redis/throttler-storage';
import { AdminUsersController } from '../users/admin-users.controller';
import { AdminUsersService } from '../users/admin-users.service';
import { CorpModule } from '../../corps/corp.module';
import { StaffConsoleRoleEntity } from '../staff-access/staff-console-role.entity';
import { StaffConsoleRoleRepository } from '../staff-access/staff-console-role.repository';
import { AdminUserRepository } from './admin-user.repository';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { AdminUserCorpEntity } from './entities/admin-user-corp.entity';
import { AdminUserEntity } from './entities/admin-user.entity';
import { AdminAuthGuard } from './guards/admin-auth.guard';
import { SessionTokenService } from './session-token.service';
import { TokenVersionService } from './token-version.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([AdminUserEntity, AdminUserCorpEntity, StaffConsoleRoleEntity]),
    CorpModule,
    JwtModule.registerAsync({
      global: true,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AllConfig, true>) => ({
        // a KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a
        // PEM public key on every verify (a thrown error each time: a tenth of a sidebar
        // request's CPU in bench/sidebar-profile.mjs)
        secret: createSecretKey(
          Buffer.from(String(config.get('auth.jwtSecret', { infer: true })), 'utf8'),
        ) as unknown as string,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AllConfig, true>) => ({
        throttlers: [
          { ttl: 60_000, limit: config.get('auth.loginRateLimitPerMinute', { infer: true }) },
        ],
        // counters live in Redis so every API node shares them; namespaced per installation
        storage: throttlerStorage(
          config.get('redis', { infer: true }),
          `${config.get('queue.prefix', { infer: true })}:throttle:`,
        ),
      }),
    }),
  ],
  controllers: [AuthController, AdminUsersController],
  providers: [
    AdminUserRepository,
    StaffConsoleRoleRepository,
    SessionTokenService,
    TokenVersionService,
    AuthService,
    AdminUsersService,
    { provide: APP_GUARD, useClass: AdminAuthGuard },
  ],
  exports: [AuthService, AdminUsersService, TokenVersionService, StaffConsoleRoleRepository],
})
export class AuthModule {}
