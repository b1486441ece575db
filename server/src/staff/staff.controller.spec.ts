import { Role } from '../admin/auth/role';
import {
  errorOf,
  itRefusesCallersWithoutAdminSession,
  SLICE_CORP_ID as CORP_ID,
  useHttpSlice,
  validationFailureOf,
} from '../common/testing/http-slice';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';

const STAFF = '/api/admin/staff';
const DEPARTMENTS = '/api/admin/departments';

describe('StaffController over HTTP', () => {
  const staff = { listStaff: jest.fn(), listDepartments: jest.fn() };
  const slice = useHttpSlice({
    controllers: [StaffController],
    providers: [{ provide: StaffService, useValue: staff }],
  });

  describe('authentication', () => {
    itRefusesCallersWithoutAdminSession(
      slice,
      'reads the staff mirror',
      (caller) => slice.get(STAFF, caller).query({ corpId: CORP_ID }),
      staff.listStaff,
    );
  });

  describe('GET /api/admin/staff', () => {
    const members = [{ corpId: CORP_ID, userId: 'zhangsan', name: 'Zhang San', departedAt: null }];

    it.each([Role.Viewer, Role.Manager, Role.Admin])(
      'lets the %s role list the staff, answering what the service returned',
      async (role) => {
        staff.listStaff.mockResolvedValue(members);
        const res = await slice.get(STAFF, role).query({ corpId: CORP_ID });
        expect(res.status).toBe(200);
        expect(res.body).toEqual(members);
        expect(staff.listStaff).toHaveBeenCalledWith(CORP_ID, {
          departed: undefined,
          cursor: undefined,
          limit: undefined,
        });
      },
    );

    it.each([
      ['true', true],
      ['false', false],
    ])('passes departed=%s to the service as a boolean', async (departed, expected) => {
      staff.listStaff.mockResolvedValue([]);
      await slice.get(STAFF).query({ corpId: CORP_ID, departed }).expect(200);
      expect(staff.listStaff).toHaveBeenCalledWith(
        CORP_ID,
        expect.objectContaining({ departed: expected }),
      );
    });

    it('passes the cursor and a numeric limit to the service', async () => {
      staff.listStaff.mockResolvedValue([]);
      await slice
        .get(STAFF)
        .query({ corpId: CORP_ID, cursor: 'zhangsan', limit: '50' })
        .expect(200);
      expect(staff.listStaff).toHaveBeenCalledWith(CORP_ID, {
        departed: undefined,
        cursor: 'zhangsan',
        limit: 50,
      });
    });

    it.each([
      ['a missing corpId', {}, ['corpId']],
      ['a corpId shorter than 6', { corpId: 'ww1' }, ['corpId']],
      ['a corpId longer than 64', { corpId: 'w'.repeat(65) }, ['corpId']],
      ['a corpId with a bad character', { corpId: 'ww/corp01' }, ['corpId']],
      ['departed=yes', { corpId: CORP_ID, departed: 'yes' }, ['departed']],
      ['departed=1', { corpId: CORP_ID, departed: '1' }, ['departed']],
      ['departed=TRUE', { corpId: CORP_ID, departed: 'TRUE' }, ['departed']],
      ['an empty departed', { corpId: CORP_ID, departed: '' }, ['departed']],
      ['a limit of 0', { corpId: CORP_ID, limit: '0' }, ['limit']],
      ['a limit over 1000', { corpId: CORP_ID, limit: '1001' }, ['limit']],
      ['a limit that is not a number', { corpId: CORP_ID, limit: 'ten' }, ['limit']],
      ['a cursor with a space', { corpId: CORP_ID, cursor: 'zhang san' }, ['cursor']],
      ['a parameter the route does not know', { corpId: CORP_ID, page: '2' }, ['page']],
    ])('answers 400 to %s, naming the field', async (_, query, fields) => {
      const res = await slice.get(STAFF).query(query);
      expect(validationFailureOf(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields });
      expect(staff.listStaff).not.toHaveBeenCalled();
    });

    it('answers a generic 500 when the service fails unexpectedly, without leaking the cause', async () => {
      staff.listStaff.mockRejectedValue(new Error('connect ECONNREFUSED 10.0.0.5:3306'));
      const res = await slice.get(STAFF).query({ corpId: CORP_ID });
      expect(errorOf(res)).toEqual({ status: 500, code: 'INTERNAL_ERROR' });
      expect(res.body.message).toBe('Internal server error');
      expect(JSON.stringify(res.body)).not.toContain('ECONNREFUSED');
    });
  });

  describe('GET /api/admin/departments', () => {
    it('lets a viewer list the departments of the corp, answering what the service returned', async () => {
      const departments = [{ id: 1, name: 'HQ', parentId: 0, sortOrder: 100 }];
      staff.listDepartments.mockResolvedValue(departments);
      const res = await slice.get(DEPARTMENTS, Role.Viewer).query({ corpId: CORP_ID });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(departments);
      expect(staff.listDepartments).toHaveBeenCalledWith(CORP_ID);
    });

    it('answers 401 without a session', async () => {
      const res = await slice.get(DEPARTMENTS, 'anonymous').query({ corpId: CORP_ID });
      expect(errorOf(res)).toEqual({ status: 401, code: 'AUTH_REQUIRED' });
      expect(staff.listDepartments).not.toHaveBeenCalled();
    });

    it.each([
      ['a missing corpId', {}, ['corpId']],
      ['a corpId shorter than 6', { corpId: 'ww1' }, ['corpId']],
      ['the staff-only departed filter', { corpId: CORP_ID, departed: 'true' }, ['departed']],
    ])('answers 400 to %s, naming the field', async (_, query, fields) => {
      const res = await slice.get(DEPARTMENTS).query(query);
      expect(validationFailureOf(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields });
      expect(staff.listDepartments).not.toHaveBeenCalled();
    });
  });
});
