import { Controller, Get, Post, Query, Body } from '@nestjs/common';
import { errorOf, SLICE_CORP_ID, useHttpSlice } from '../../../common/testing/http-slice';
import { CallerCorps, SidebarIdentity, SidebarRoute, SidebarStaff } from '../auth.decorators';
import { Role } from '../role';

/** Stands for a sidebar route of a later capability, and a route that forgot its rule. */
@Controller('sidebar/probe')
class ProbeController {
  @SidebarRoute()
  @Get()
  whoami(@SidebarStaff() staff: SidebarIdentity, @Query('corpId') _corpId?: string) {
    return staff;
  }

  @SidebarRoute()
  @Post()
  act(@SidebarStaff() staff: SidebarIdentity, @Body() _body: unknown) {
    return staff;
  }

  @Get('undeclared')
  undeclared(@CallerCorps() scope: string[] | undefined) {
    return { scope };
  }
}

describe('AdminAuthGuard: sidebar routes and undeclared routes', () => {
  const slice = useHttpSlice({ controllers: [ProbeController], providers: [] });
  const sidebar = () => ({ authorization: `Bearer ${slice.tokens.sidebar}` });

  it('lets a sidebar session through, bound to its corp and staff member', async () => {
    const res = await slice.get('/api/sidebar/probe', sidebar()).query({ corpId: SLICE_CORP_ID });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      corpId: SLICE_CORP_ID,
      userId: 'guide01',
      authTime: expect.any(Number),
    });
  });

  it('refuses a sidebar session naming another corp or another staff member (403)', async () => {
    const corp = await slice.get('/api/sidebar/probe', sidebar()).query({ corpId: 'wwothercorp1' });
    expect(errorOf(corp)).toEqual({ status: 403, code: 'FORBIDDEN_SIDEBAR_SCOPE' });
    const staff = await slice
      .post('/api/sidebar/probe', sidebar())
      .send({ userId: 'someone_else' });
    expect(errorOf(staff)).toEqual({ status: 403, code: 'FORBIDDEN_SIDEBAR_SCOPE' });
    const own = await slice.post('/api/sidebar/probe', sidebar()).send({ userId: 'guide01' });
    expect(own.status).toBe(201);
  });

  it('refuses console sessions and anonymous callers on sidebar routes (401)', async () => {
    expect(errorOf(await slice.get('/api/sidebar/probe', Role.Admin))).toEqual({
      status: 401,
      code: 'AUTH_TOKEN_INVALID',
    });
    expect(errorOf(await slice.get('/api/sidebar/probe', 'anonymous')).status).toBe(401);
  });

  it('refuses everybody on a route that declares no access rule', async () => {
    for (const caller of [Role.Admin, 'anonymous' as const, sidebar()]) {
      expect(errorOf(await slice.get('/api/sidebar/probe/undeclared', caller))).toEqual({
        status: 403,
        code: 'ROUTE_ACCESS_UNDECLARED',
      });
    }
  });
});
