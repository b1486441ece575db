import { HttpStatus, Injectable } from '@nestjs/common';
import { AppException } from '../../common/app.exception';
import { AdminUserRepository } from '../auth/admin-user.repository';
import { hashPassword } from '../auth/auth.service';
import { AdminUserResponseDto, toAdminUserResponse } from '../auth/dto/auth.dto';
import { CreateAdminUserDto } from './dto/admin-users.dto';

@Injectable()
export class AdminUsersService {
  constructor(private readonly users: AdminUserRepository) {}

  async list(): Promise<AdminUserResponseDto[]> {
    return (await this.users.findAll()).map(toAdminUserResponse);
  }

  async create(dto: CreateAdminUserDto): Promise<AdminUserResponseDto> {
    if (await this.users.findByUsername(dto.username)) {
      throw new AppException(
        'ADMIN_USER_EXISTS',
        `Username ${dto.username} is taken`,
        HttpStatus.CONFLICT,
        {
          username: ['username is taken'],
        },
      );
    }
    const user = await this.users.insert({
      username: dto.username,
      displayName: dto.displayName,
      passwordHash: await hashPassword(dto.password),
      role: dto.role,
      corpId: dto.corpId ?? null,
    });
    return toAdminUserResponse(user);
  }
}
