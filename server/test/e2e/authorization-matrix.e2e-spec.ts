import { randomBytes } from 'node:crypto';
import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { getMetadataStorage } from 'class-validator';
import request from 'supertest';
import { AuthService } from '../../src/admin/auth/auth.service';
import { ROUTE_ACCESS, RouteAccess } from '../../src/admin/auth/auth.decorators';
import { Role } from '../../src/admin/auth/role';
import { AdminUsersService } from '../../src/admin/users/admin-users.service';
import { API_PREFIX, API_PREFIX_EXCLUDE } from '../../src/bootstrap';
import { SandboxStack, registerCorp, startSandboxStack } from '../support/sandbox-stack';

/** One route of the application, as its own route table says. */
interface Route {
  name: string;
  method: string;
  path: string;
  access: RouteAccess | undefined;
  corpIn: { path: boolean; query: boolean; body: boolean };
}

const METHODS: Partial<Record<RequestMethod, string>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
};

const hasCorpIdField = (type: unknown): boolean =>
  typeof type === 'function' &&
  getMetadataStorage()
    .getTargetValidationMetadatas(type as Type, '', false, false)
    .some((m) => m.propertyName === 'corpId');

const joinPath = (...parts: string[]) =>
  parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/');

/** Walks every controller Nest discovered: method, full path, access rule, where corpId goes. */
function routeTable(stack: SandboxStack): Route[] {
  const discovery = stack.app.get(DiscoveryService);
  const scanner = stack.app.get(MetadataScanner);
  const reflector = stack.app.get(Reflector);
  const routes: Route[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as Type | undefined;
    if (!controller) continue;
    const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    for (const methodName of scanner.getAllMethodNames(controller.prototype)) {
      const handler = controller.prototype[methodName];
      const paths: string | string[] | undefined = Reflect.getMetadata(PATH_METADATA, handler);
      const requestMethod: RequestMethod | undefined = Reflect.getMetadata(
        METHOD_METADATA,
        handler,
      );
      if (paths === undefined || requestMethod === undefined) continue;
      const args: Record<string, { index: number; data?: string }> =
        Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, methodName) ?? {};
      const types: unknown[] =
        Reflect.getMetadata('design:paramtypes', controller.prototype, methodName) ?? [];
      const takes = (kind: RouteParamtypes) =>
        Object.entries(args).some(
          ([key, a]) =>
            key.split(':')[0] === String(kind) &&
            (a.data === 'corpId' || (a.data === undefined && hasCorpIdField(types[a.index]))),
        );
      for (const prefix of base)
        for (const sub of ([] as string[]).concat(paths)) {
          const joined = joinPath(prefix, sub);
          const path = `/${API_PREFIX_EXCLUDE.includes(joined) ? joined : joinPath(API_PREFIX, joined)}`;
          routes.push({
            name: `${METHODS[requestMethod]?.toUpperCase()} ${path}`,
            method: METHODS[requestMethod] ?? 'get',
            path,
            access: reflector.getAllAndOverride<RouteAccess>(ROUTE_ACCESS, [handler, controller]),
            corpIn: {
              path: /:corpId\b/.test(path),
              query: takes(RouteParamtypes.QUERY),
              body: takes(RouteParamtypes.BODY),
            },
          });
        }
    }
  }
  return routes;
}

/** A console account in the matrix: installation-wide or scoped to corps. */
interface Account {
  installationRole?: Role;
  corps?: Array<{ corpId: string; role: Role }>;
}

type Caller =
  | { name: string; header: () => string | undefined; account?: undefined; sidebar?: boolean }
  | { name: string; header: () => string; account: Account; sidebar?: undefined };

const RANK = { [Role.Viewer]: 1, [Role.Manager]: 2, [Role.Admin]: 3 };
const atLeast = (actual: Role | undefined, required: Role) =>
  actual !== undefined && RANK[actual] >= RANK[required];

type Outcome = 'allowed' | 401 | 403;

/** What the route owes the caller, worked out from the route's declared rule alone. */
function expected(route: Route, caller: Caller, corpA: string): Outcome {
  const access = route.access!;
  if (access.kind === 'public') return 'allowed';
  // none of the callers holds the machine credential (e.g. the sidecar's ingest token)
  if (access.kind === 'machine') return 401;
  if (access.kind === 'sidebar') return caller.sidebar ? 'allowed' : 401;
  if (!caller.account) return 401;
  const { installationRole, corps = [] } = caller.account;
  if (access.installation) return atLeast(installationRole, access.role) ? 'allowed' : 403;
  if (installationRole) return atLeast(installationRole, access.role) ? 'allowed' : 403;
  const namesCorp = route.corpIn.path || route.corpIn.query || route.corpIn.body;
  if (namesCorp) {
    const inA = corps.find((c) => c.corpId === corpA)?.role;
    return atLeast(inA, access.role) ? 'allowed' : 403;
  }
  return corps.some((c) => atLeast(c.role, access.role)) ? 'allowed' : 403;
}

/**
 * The authorization matrix, generated from the application's own route table (so a route is
 * covered the day it is added): every route × every kind of caller → the status its declared
 * rule promises. "allowed" means the guard let the request through: the handler's own answer
 * (200, 400, 404, 409…), never 401, 403 or a 5xx. A route that declares no rule fails.
 */
describe('authorization matrix (every route × every caller)', () => {
  let stack: SandboxStack;
  let routes: Route[];
  const run = randomBytes(3).toString('hex');
  const corpB = `wwmatrixb${run}`;
  let corpA: string;
  const tokens: Record<string, string> = {};

  const callers: Caller[] = [
    { name: 'no token', header: () => undefined },
    { name: 'a garbage token', header: () => 'Bearer not.a.token' },
    { name: 'a sidebar session', header: () => `Bearer ${tokens.sidebar}`, sidebar: true },
    {
      name: 'a viewer of the corp',
      header: () => `Bearer ${tokens.viewer}`,
      account: { corps: [{ corpId: '<A>', role: Role.Viewer }] },
    },
    {
      name: 'a manager of the corp',
      header: () => `Bearer ${tokens.manager}`,
      account: { corps: [{ corpId: '<A>', role: Role.Manager }] },
    },
    {
      name: 'an admin of the corp',
      header: () => `Bearer ${tokens.corpAdmin}`,
      account: { corps: [{ corpId: '<A>', role: Role.Admin }] },
    },
    {
      name: 'an installation-wide admin',
      header: () => `Bearer ${tokens.admin}`,
      account: { installationRole: Role.Admin },
    },
    {
      name: 'an installation-wide viewer',
      header: () => `Bearer ${tokens.installViewer}`,
      account: { installationRole: Role.Viewer },
    },
    {
      name: 'a manager of another corp',
      header: () => `Bearer ${tokens.otherManager}`,
      account: { corps: [{ corpId: '<B>', role: Role.Manager }] },
    },
    { name: 'a disabled user', header: () => `Bearer ${tokens.disabled}` },
  ];

  beforeAll(async () => {
    stack = await startSandboxStack({ withWorker: false });
    corpA = stack.sandbox.corp.corpId;
    await registerCorp(stack.url, stack.token, {
      corpId: corpB,
      name: '另一品牌',
      agentId: 1000003,
      agentSecret: 'another-agent-secret',
      callbackToken: 'AnotherToken1',
      encodingAESKey: 'a'.repeat(43),
    });
    for (const c of callers)
      for (const g of c.account?.corps ?? []) g.corpId = g.corpId === '<A>' ? corpA : corpB;

    const users = stack.app.get(AdminUsersService);
    const auth = stack.app.get(AuthService);
    const password = 'matrix-password-1';
    const signIn = async (key: string, access: Account) => {
      const username = `matrix.${key}.${run}`.toLowerCase();
      await users.create({
        username,
        displayName: key,
        password,
        role: access.installationRole,
        corps: access.corps,
      });
      tokens[key] = (await auth.login({ username, password })).accessToken;
      return username;
    };
    const byName = (name: string) => callers.find((c) => c.name === name)!.account!;
    await signIn('viewer', byName('a viewer of the corp'));
    await signIn('manager', byName('a manager of the corp'));
    await signIn('corpAdmin', byName('an admin of the corp'));
    await signIn('installViewer', byName('an installation-wide viewer'));
    await signIn('otherManager', byName('a manager of another corp'));
    tokens.admin = stack.token;
    const disabled = await signIn('disabled', { corps: [{ corpId: corpA, role: Role.Admin }] });
    const row = (await users.list()).find((u) => u.username === disabled)!;
    const by = {
      kind: 'admin' as const,
      id: '0',
      username: 'matrix',
      installationRole: Role.Admin,
      corps: [],
      role: Role.Admin,
    };
    await users.setDisabled(row.id, true, by);
    tokens.sidebar = stack.app
      .get(JwtService)
      .sign({ sub: 'lina', corpId: corpA, aud: 'sidebar' }, { expiresIn: 600 });
    routes = routeTable(stack);
  });

  afterAll(() => stack?.close());

  it('walks the route table of the application', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.map((r) => r.name)).toEqual(
      expect.arrayContaining(['GET /api/admin/users', 'GET /health', 'POST /api/auth/login']),
    );
  });

  it('finds a declared access rule on every route', () => {
    expect(routes.filter((r) => !r.access).map((r) => r.name)).toEqual([]);
  });

  it('answers every caller of every route as the route declares', async () => {
    const wrong: string[] = [];
    const outcomes = new Map<string, number>();
    for (const route of routes.filter((r) => r.access)) {
      const path = route.path
        .replace(/:corpId\b/g, corpA)
        .replace(/:([A-Za-z]+)/g, (_, name: string) => (name === 'queue' ? 'system' : '999999999'));
      for (const caller of callers) {
        const want = expected(route, caller, corpA);
        let req = (request(stack.url) as unknown as Record<string, (p: string) => request.Test>)[
          route.method
        ](path);
        const header = caller.header();
        if (header) req = req.set('Authorization', header);
        if (route.corpIn.query) req = req.query({ corpId: corpA });
        if (route.method !== 'get' && route.method !== 'delete')
          req = req.send(route.corpIn.body ? { corpId: corpA } : {});
        const res = await req;
        const got = res.status;
        outcomes.set(String(want), (outcomes.get(String(want)) ?? 0) + 1);
        const ok = want === 'allowed' ? got !== 401 && got !== 403 && got < 500 : got === want;
        if (!ok)
          wrong.push(
            `${route.name} as ${caller.name}: expected ${want}, got ${got} ${res.body?.code ?? ''}`,
          );
      }
    }
    expect(wrong).toEqual([]);
    // the matrix exercises every outcome
    expect([...outcomes.keys()].sort()).toEqual(['401', '403', 'allowed']);
    // about 1,300 requests (every route × 10 callers), one after another: minutes on a busy box
  }, 360_000);
});
