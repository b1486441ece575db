import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AdminUserEntity } from './entities/admin-user.entity';
import { Role } from './role';

@Injectable()
export class AdminUserRepository {
  constructor(
    @InjectRepository(AdminUserEntity) private readonly repo: Repository<AdminUserEntity>,
  ) {}

  findByUsername(username: string): Promise<AdminUserEntity | null> {
    return this.repo.findOneBy({ username });
  }

  findById(id: string): Promise<AdminUserEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findAll(): Promise<AdminUserEntity[]> {
    return this.repo.find({ order: { id: 'ASC' } });
  }

  countByRole(role: Role): Promise<number> {
    return this.repo.countBy({ role });
  }

  async insert(
    user: Pick<AdminUserEntity, 'username' | 'displayName' | 'passwordHash' | 'role' | 'corpId'>,
  ): Promise<AdminUserEntity> {
    const result = await this.repo.insert(user);
    return (await this.findById(String(result.identifiers[0].id)))!;
  }

  async touchLastLogin(id: string): Promise<void> {
    await this.repo.update({ id }, { lastLoginAt: new Date() });
  }
}
