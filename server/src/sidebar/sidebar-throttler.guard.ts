import { ExecutionContext, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { AuthorizedRequest } from '../admin/auth/auth.decorators';
import type { AllConfig } from '../config/configuration';

const MINUTE = 60_000;

/**
 * Rate limit of the sidebar API per guide session (corp + staff member), not per address: a
 * store's guides share one. SIDEBAR_RATE_LIMIT_PER_MINUTE requests a minute, counted in Redis so
 * every API node shares the count; beyond it a 429. Runs after the access guard (which leaves the
 * session on the request); the sign-in itself, before any session, counts per address.
 */
@Injectable()
export class SidebarThrottlerGuard extends ThrottlerGuard {
  private readonly perMinute: number;

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    config: ConfigService<AllConfig, true>,
  ) {
    super(options, storage, reflector);
    this.perMinute = config.get('auth.sidebarRateLimitPerMinute', { infer: true });
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const sidebar = (req as AuthorizedRequest).sidebar;
    if (sidebar) return `sidebar:${sidebar.corpId}:${sidebar.userId}`;
    return `sidebar-ip:${String(req.ip ?? '')}`;
  }

  protected override handleRequest(props: ThrottlerRequest): Promise<boolean> {
    return super.handleRequest({
      ...props,
      limit: this.perMinute,
      ttl: MINUTE,
      blockDuration: MINUTE,
      getTracker: (req) => this.getTracker(req),
      generateKey: (ctx, suffix, name) => this.generateKey(ctx, suffix, name),
    });
  }

  protected override generateKey(context: ExecutionContext, suffix: string, name: string) {
    // one budget per session for the whole sidebar API, not one per route
    void context;
    return `sidebar:${name}:${suffix}`;
  }
}
