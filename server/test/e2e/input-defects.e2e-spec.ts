import request from 'supertest';
import { StaffService } from '../../src/staff/staff.service';
import { SandboxStack, startSandboxStack } from '../support/sandbox-stack';

/**
 * Inputs that used to be accepted or answered 500, found by trying the API as a new user would:
 * each is refused with the status its neighbours get, naming the field.
 */
describe('input defects (issue 11)', () => {
  let stack: SandboxStack;
  const api = () => request(stack.url);
  const corpId = () => stack.sandbox.corp.corpId;
  const channel = (extra: Record<string, unknown>) =>
    api()
      .post('/api/admin/channels')
      .set(stack.auth())
      .send({
        corpId: corpId(),
        name: '输入检查',
        type: 'multi',
        staff: [{ userId: 'lina' }],
        ...extra,
      });

  beforeAll(async () => {
    stack = await startSandboxStack({ withWorker: false });
    await stack.app.get(StaffService).refreshDepartments(corpId());
  });

  afterAll(() => stack?.close());

  it.each([2147483648, 1e20, 0, 1.5])(
    'PATCH corp agentId %p is a 400 naming agentId',
    async (agentId) => {
      const res = await api()
        .patch(`/api/admin/corps/${corpId()}`)
        .set(stack.auth())
        .send({ agentId })
        .expect(400);
      expect(Object.keys(res.body.errors)).toEqual(['agentId']);
    },
  );

  it('refuses an unknown time zone in a staff member’s hours as it does at the top level (422)', async () => {
    const top = await channel({ timezone: 'Mars/Olympus' }).expect(422);
    expect(Object.keys(top.body.errors)).toEqual(['timezone']);
    const hours = await channel({
      staff: [
        {
          userId: 'lina',
          hours: {
            timezone: 'Mars/Olympus',
            windows: [{ days: [1, 2, 3], start: '09:00', end: '18:00' }],
          },
        },
      ],
    }).expect(422);
    expect(hours.body.code).toBe(top.body.code);
    expect(Object.keys(hours.body.errors)).toEqual(['staff.lina.hours']);
    expect(hours.body.errors['staff.lina.hours'][0]).toContain('Mars/Olympus');
  });

  it('refuses expiresAt in the past with a 400 naming the field', async () => {
    const res = await channel({ expiresAt: '2020-01-01T00:00:00Z' }).expect(400);
    expect(Object.keys(res.body.errors)).toEqual(['expiresAt']);
  });

  it('refuses departmentIds the corp does not have with a 400 naming the field', async () => {
    const res = await channel({ departmentIds: [987654] }).expect(400);
    expect(Object.keys(res.body.errors)).toEqual(['departmentIds']);
    expect(res.body.errors.departmentIds[0]).toContain('987654');
  });

  it('answers 404 to a replay of an event that does not exist', async () => {
    const res = await api()
      .post('/api/admin/callback-events/999999999/replay')
      .set(stack.auth())
      .expect(404);
    expect(res.body.code).toBe('CALLBACK_EVENT_NOT_FOUND');
    await api()
      .post('/api/admin/callback-events/replay')
      .set(stack.auth())
      .send({ ids: ['999999998'] })
      .expect(404);
  });
});
