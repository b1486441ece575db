import { Role } from '../admin/auth/role';
import {
  errorOf,
  itRefusesCallersWithoutAdminSession,
  SLICE_CORP_ID as CORP_ID,
  useHttpSlice,
  validationFailureOf,
} from '../common/testing/http-slice';
import { SyncController } from './sync.controller';
import { SyncService } from './sync.service';

const SYNC = `/api/admin/sync/${CORP_ID}`;

describe('SyncController over HTTP', () => {
  const sync = { startFullSync: jest.fn(), listRuns: jest.fn() };
  const slice = useHttpSlice({
    controllers: [SyncController],
    providers: [{ provide: SyncService, useValue: sync }],
  });

  describe('authentication', () => {
    itRefusesCallersWithoutAdminSession(
      slice,
      'lists the runs',
      (caller) => slice.get(SYNC, caller),
      sync.listRuns,
    );

    itRefusesCallersWithoutAdminSession(
      slice,
      'starts a sync',
      (caller) => slice.post(SYNC, caller),
      sync.startFullSync,
    );
  });

  describe('GET /api/admin/sync/:corpId', () => {
    const runs = [
      { id: '3', corpId: CORP_ID, kind: 'full', status: 'succeeded', phase: 'done', done: 9 },
    ];

    it.each([Role.Viewer, Role.Manager, Role.Admin])(
      'lets the %s role watch the runs of the corp, answering what the service returned',
      async (role) => {
        sync.listRuns.mockResolvedValue(runs);
        const res = await slice.get(SYNC, role);
        expect(res.status).toBe(200);
        expect(res.body).toEqual(runs);
        expect(sync.listRuns).toHaveBeenCalledWith(CORP_ID);
      },
    );

    it.each([
      ['a corpId shorter than 6', '/api/admin/sync/ww1', ['corpId']],
      ['a corpId longer than 64', `/api/admin/sync/${'w'.repeat(65)}`, ['corpId']],
      ['a corpId with a bad character', '/api/admin/sync/ww%20corp01', ['corpId']],
    ])('answers 400 to %s, naming the field', async (_, path, fields) => {
      const res = await slice.get(path);
      expect(validationFailureOf(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields });
      expect(sync.listRuns).not.toHaveBeenCalled();
    });

    it('answers a generic 500 when the service fails unexpectedly, without leaking the cause', async () => {
      sync.listRuns.mockRejectedValue(new Error('Too many connections'));
      const res = await slice.get(SYNC);
      expect(errorOf(res)).toEqual({ status: 500, code: 'INTERNAL_ERROR' });
      expect(res.body.message).toBe('Internal server error');
    });
  });

  describe('POST /api/admin/sync/:corpId (admin only)', () => {
    it.each([Role.Viewer, Role.Manager])(
      'answers 403 FORBIDDEN_ROLE to a %s and starts nothing',
      async (role) => {
        const res = await slice.post(SYNC, role);
        expect(errorOf(res)).toEqual({ status: 403, code: 'FORBIDDEN_ROLE' });
        expect(res.body.message).toBe(`This action needs the admin role; you are ${role}`);
        expect(sync.startFullSync).not.toHaveBeenCalled();
      },
    );

    it('lets an admin start a full sync: 202 with the job, triggered by "admin"', async () => {
      const started = { jobId: `sync-full:${CORP_ID}`, state: 'waiting', queued: true };
      sync.startFullSync.mockResolvedValue(started);
      const res = await slice.post(SYNC, Role.Admin);
      expect(res.status).toBe(202);
      expect(res.body).toEqual(started);
      expect(sync.startFullSync).toHaveBeenCalledTimes(1);
      expect(sync.startFullSync).toHaveBeenCalledWith(CORP_ID, 'admin');
    });

    it('still answers 202 when a sync of the corp is already running, saying nothing was queued', async () => {
      const running = { jobId: `sync-full:${CORP_ID}`, state: 'active', queued: false };
      sync.startFullSync.mockResolvedValue(running);
      const res = await slice.post(SYNC, Role.Admin);
      expect(res.status).toBe(202);
      expect(res.body).toEqual(running);
    });

    it.each([
      ['a corpId shorter than 6', '/api/admin/sync/ww1', ['corpId']],
      ['a corpId with a bad character', '/api/admin/sync/ww*corp01', ['corpId']],
    ])('answers 400 to %s from an admin, naming the field', async (_, path, fields) => {
      const res = await slice.post(path, Role.Admin);
      expect(validationFailureOf(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields });
      expect(sync.startFullSync).not.toHaveBeenCalled();
    });

    it('refuses a viewer before looking at the corpId: 403, not 400', async () => {
      const res = await slice.post('/api/admin/sync/ww1', Role.Viewer);
      expect(errorOf(res)).toEqual({ status: 403, code: 'FORBIDDEN_ROLE' });
    });
  });
});
