import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { AdminUserEntity } from '../entities/admin-user.entity';
import { Role } from '../role';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'a long password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password: string;
}

export class AdminUserResponseDto {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  corpId: string | null;
}

export class LoginResponseDto {
  accessToken: string;
  expiresIn: number;
  user: AdminUserResponseDto;
}

export function toAdminUserResponse(user: AdminUserEntity): AdminUserResponseDto {
  return {
    id: String(user.id),
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    corpId: user.corpId,
  };
}
