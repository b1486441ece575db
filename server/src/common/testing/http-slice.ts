import type { Server } from 'node:http';
import { INestApplication, Provider, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { Test as NestTest } from '@nestjs/testing';
import * as bcrypt from 'bcryptjs';
import { ClsModule } from 'nestjs-cls';
import request from 'supertest';
import { AuthService } from '../../admin/auth/auth.service';
import { AdminAuthGuard } from '../../admin/auth/guards/admin-auth.guard';
import { Role } from '../../admin/auth/role';
import { SessionTokenService } from '../../admin/auth/session-token.service';
import { TokenVersionService } from '../../admin/auth/token-version.service';
import { SidebarSessionService } from '../../sidebar/sidebar-session.service';
import { GlobalExceptionFilter } from '../filters/global-exception.filter';
import { requestIdFrom } from '../logging/logging.module';
import { createValidationPipe } from '../validation/validation-exception.factory';

/**
 * Controller slices: one controller over HTTP with its services mocked, behind the same guard,
 * validation pipe, exception filter and `/api` prefix as the real API, so a spec can check what
 * a caller sees (401/403/400/404) without a database.
 *
 * tsconfig.build.json compiles this file (it is not a *.spec.ts): keep jest globals out of it.
 */

/** A corpId every slice DTO accepts (6-64 of [A-Za-z0-9_-]). */
export const SLICE_CORP_ID = 'wwslice0001';

const JWT_SECRET = 'controller-slice-jwt-secret-0123456789abcdef';
const PASSWORD = 'slice-password';

/** Who makes the request: an admin-console role, nobody, or a raw Authorization header. */
export type Caller = Role | 'anonymous' | { authorization: string };

export interface HttpSlice {
  app: INestApplication;
  /** Tokens as the real issuers mint them. */
  tokens: Record<Role, string> & { sidebar: string };
  jwt: JwtService;
  get(path: string, as?: Caller): request.Test;
  post(path: string, as?: Caller): request.Test;
  close(): Promise<void>;
}

export async function createHttpSlice(options: {
  controllers: Type<unknown>[];
  providers: Provider[];
}): Promise<HttpSlice> {
  const moduleRef = await NestTest.createTestingModule({
    imports: [
      // as in LoggingModule: every request gets an id, which error bodies carry
      ClsModule.forRoot({
        global: true,
        middleware: { mount: true, generateId: true, idGenerator: requestIdFrom },
      }),
      // as in AuthModule
      JwtModule.register({
        global: true,
        secret: JWT_SECRET,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    ],
    controllers: options.controllers,
    providers: [
      ...options.providers,
      // every slice session is current (revocation is tested against Redis elsewhere)
      { provide: TokenVersionService, useValue: { current: async () => 0 } },
      { provide: APP_GUARD, useClass: AdminAuthGuard },
      { provide: APP_FILTER, useClass: GlobalExceptionFilter },
    ],
  }).compile();

  const app = moduleRef.createNestApplication({ logger: false });
  // as in configureHttpApp
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  await app.init();

  const jwt = app.get(JwtService);
  const tokens = await mintTokens(jwt);
  const server = app.getHttpServer() as Server;

  const authorize = (test: request.Test, as: Caller): request.Test => {
    if (as === 'anonymous') return test;
    if (typeof as === 'object') return test.set('Authorization', as.authorization);
    return test.set('Authorization', `Bearer ${tokens[as]}`);
  };

  return {
    app,
    tokens,
    jwt,
    get: (path, as = Role.Viewer) => authorize(request(server).get(path), as),
    post: (path, as = Role.Viewer) => authorize(request(server).post(path), as),
    close: () => app.close(),
  };
}

/**
 * The slice for one `describe` block: built in `beforeAll`, closed in `afterAll`, every jest mock
 * reset before each test. The returned object can be used before it is built (it delegates).
 */
export function useHttpSlice(options: Parameters<typeof createHttpSlice>[0]): HttpSlice {
  let built: HttpSlice | undefined;
  const current = (): HttpSlice => {
    if (!built) throw new Error('the HTTP slice is built in beforeAll');
    return built;
  };
  beforeAll(async () => {
    built = await createHttpSlice(options);
  });
  afterAll(() => built?.close());
  beforeEach(() => jest.resetAllMocks());
  return {
    get app() {
      return current().app;
    },
    get tokens() {
      return current().tokens;
    },
    get jwt() {
      return current().jwt;
    },
    get: (path, as) => current().get(path, as),
    post: (path, as) => current().post(path, as),
    close: () => current().close(),
  };
}

/**
 * One test per caller of CALLERS_WITHOUT_ADMIN_SESSION: `send` (the route under test) answers
 * the guard's 401 and the service mock `untouched` is never called.
 */
export function itRefusesCallersWithoutAdminSession(
  slice: HttpSlice,
  never: string,
  send: (caller: Caller) => request.Test,
  untouched: jest.Mock,
): void {
  it.each(CALLERS_WITHOUT_ADMIN_SESSION)(
    `answers 401 to %s and never ${never}`,
    async (_, caller, code) => {
      const res = await send(caller(slice));
      expect(errorOf(res)).toEqual({ status: 401, code });
      expect(untouched).not.toHaveBeenCalled();
    },
  );
}

/** Signs in through the real AuthService and SidebarSessionService, over mocked storage. */
async function mintTokens(jwt: JwtService): Promise<HttpSlice['tokens']> {
  const config = {
    get: (key: string) => (key === 'auth.jwtSecret' ? JWT_SECRET : 3600),
  };
  const passwordHash = await bcrypt.hash(PASSWORD, 4);
  const users = {
    findByUsername: async (username: string) => ({
      id: '7',
      username,
      displayName: username,
      passwordHash,
      role: username as Role,
      installationWide: true,
      corps: [],
      disabled: false,
      tokenVersion: 0,
    }),
    touchLastLogin: async () => undefined,
  };
  const auth = new AuthService(
    users as never,
    new SessionTokenService(jwt, config as never),
    config as never,
  );
  const login = async (role: Role) =>
    (await auth.login({ username: role, password: PASSWORD })).accessToken;

  const wecom = {
    getUserInfoByCode: async () => ({ userid: 'guide01' }),
    getUser: async () => ({ name: 'Guide' }),
    getFollowUserList: async () => ['guide01'],
  };
  const sidebar = new SidebarSessionService(
    {} as never,
    wecom as never,
    wecom as never,
    wecom as never,
    {} as never,
    jwt,
    config as never,
  );
  const session = await sidebar.create({ code: 'oauth-code', corpId: SLICE_CORP_ID });

  return {
    [Role.Admin]: await login(Role.Admin),
    [Role.Manager]: await login(Role.Manager),
    [Role.Viewer]: await login(Role.Viewer),
    sidebar: session.token,
  };
}

/** What a caller sees of an error answer: the status and the body's machine code. */
export function errorOf(res: request.Response): { status: number; code: unknown } {
  return { status: res.status, code: res.body?.code };
}

/** A 400 reduced to what the tests compare: status, code and the fields named in `errors`. */
export function validationFailureOf(res: request.Response): {
  status: number;
  code: unknown;
  fields: string[];
} {
  return { ...errorOf(res), fields: Object.keys(res.body?.errors ?? {}).sort() };
}

const unsigned = (payload: object): string =>
  [
    Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'),
    Buffer.from(JSON.stringify(payload)).toString('base64url'),
    '',
  ].join('.');

const bearer = (token: string): Caller => ({ authorization: `Bearer ${token}` });

/**
 * Callers without a valid admin session, each with the code of the 401 the guard owes them
 * (`it.each` rows: what the caller holds, who they are given the slice, the expected code).
 * A sidebar session (audience `sidebar`, no role) is among them: no admin route accepts it.
 */
export const CALLERS_WITHOUT_ADMIN_SESSION: Array<[string, (s: HttpSlice) => Caller, string]> = [
  ['no Authorization header', () => 'anonymous', 'AUTH_REQUIRED'],
  [
    'a scheme other than Bearer',
    () => ({ authorization: `Basic ${Buffer.from('admin:pw').toString('base64')}` }),
    'AUTH_REQUIRED',
  ],
  ['a malformed token', () => bearer('not.a-jwt'), 'AUTH_TOKEN_INVALID'],
  [
    'a token signed with another secret',
    (s) =>
      bearer(
        s.jwt.sign(
          { sub: '1', username: 'admin', role: Role.Admin },
          { secret: 'another-secret-of-enough-length-1234567' },
        ),
      ),
    'AUTH_TOKEN_INVALID',
  ],
  [
    'an unsigned (alg none) admin token',
    () => bearer(unsigned({ sub: '1', username: 'admin', role: Role.Admin })),
    'AUTH_TOKEN_INVALID',
  ],
  [
    'an expired admin token',
    (s) =>
      bearer(
        s.jwt.sign({
          sub: '1',
          username: 'admin',
          role: Role.Admin,
          exp: Math.floor(Date.now() / 1000) - 60,
        }),
      ),
    'AUTH_TOKEN_EXPIRED',
  ],
  [
    'a token with a role that does not exist',
    (s) => bearer(s.jwt.sign({ sub: '1', username: 'root', role: 'root' })),
    'AUTH_TOKEN_INVALID',
  ],
  ['a sidebar session token', (s) => bearer(s.tokens.sidebar), 'AUTH_TOKEN_INVALID'],
  [
    'a token for another audience, even with a role',
    (s) => bearer(s.jwt.sign({ sub: '1', username: 'admin', role: Role.Admin, aud: 'sidebar' })),
    'AUTH_TOKEN_INVALID',
  ],
];
