import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Role } from '../../auth/role';

export class CreateAdminUserDto {
  @ApiProperty({ example: 'li.manager' })
  @Matches(/^[A-Za-z0-9_.-]{3,64}$/, {
    message: 'username must be 3-64 letters, digits, _, . or -',
  })
  username: string;

  @ApiProperty({ example: '李运营' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  displayName: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @MaxLength(256)
  password: string;

  @ApiProperty({ enum: Role })
  @IsEnum(Role)
  role: Role;

  @ApiPropertyOptional({ description: 'Limit the user to one corp' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{6,64}$/)
  corpId?: string;
}
