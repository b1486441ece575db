import { describe, expect, it } from 'vitest';
import type { StaffApi } from '#/api/staff';
import { i18n } from '#/locales';
import {
  emptyForm,
  errcodeOf,
  precheckStaff,
  renderTemplate,
  staffRow,
  toInput,
  validateChannelForm,
} from '#/views/channels/form-model';

const t = (key: string, params?: Record<string, unknown>) => i18n.global.t(key, params ?? {});
const now = new Date('2026-12-01T06:00:00.000Z');

const staff = (more: Partial<StaffApi.Staff>): StaffApi.Staff => ({
  corpId: 'ww1',
  userId: 'lina',
  name: '李娜',
  departmentIds: [1],
  mainDepartment: 1,
  position: '',
  avatar: '',
  wecomStatus: 1,
  customerContact: true,
  departedAt: null,
  updatedAt: '',
  ...more,
});

describe('channel form validation', () => {
  it('an empty form names what is missing, in Chinese', () => {
    expect(validateChannelForm(emptyForm(), t, now)).toEqual({
      name: '请输入活码名称。',
      staff: '请至少选择一名员工或一个部门。',
    });
  });

  it('a department alone is a staff pool', () => {
    const form = { ...emptyForm(), name: '静安店柜台', departmentIds: [2] };
    expect(validateChannelForm(form, t, now)).toEqual({});
  });

  it('limits: name length, 100 staff, a past end, 9 attachments, incomplete attachments', () => {
    const form = {
      ...emptyForm(),
      name: '店'.repeat(65),
      staff: Array.from({ length: 101 }, (_, i) => staffRow(`u${i}`)),
      expiresAt: '2026-12-01T05:59:00.000Z',
      attachments: [
        { type: 'link' as const, title: '新品', url: 'https://example.com' },
        { type: 'link' as const, title: '没有链接' },
        ...Array.from({ length: 8 }, () => ({ type: 'image' as const, picUrl: 'https://x/a.png' })),
      ],
    };
    expect(validateChannelForm(form, t, now)).toEqual({
      name: '名称最多 64 个字符。',
      staff: '一个活码最多 100 名员工。',
      expiresAt: '有效期必须晚于现在。',
      attachments: '最多 9 个附件。',
      'attachments.1': '附件第 2 项信息不完整。',
    });
  });

  it('a working-hours window needs days and times, reported at its staff member', () => {
    const row = {
      ...staffRow('lina'),
      hours: { timezone: 'Asia/Shanghai', windows: [{ days: [], start: '09:00', end: '18:00' }] },
    };
    const form = { ...emptyForm(), name: 'x', staff: [row] };
    expect(validateChannelForm(form, t, now)).toEqual({ 'staff.lina': '请选择星期和起止时间。' });
  });
});

describe('channel form model', () => {
  it('the body sends no welcome when there is none, and drops empty attachment fields', () => {
    const form = { ...emptyForm(), name: ' 静安店柜台 ', staff: [staffRow('lina')] };
    expect(toInput(form, 'Asia/Shanghai')).toMatchObject({
      name: '静安店柜台',
      welcome: null,
      remarkTemplate: null,
      timezone: 'Asia/Shanghai',
      staff: [{ userId: 'lina', weight: 1, dailyCap: null, backup: false, hours: null }],
    });
    form.welcomeText = '你好';
    form.attachments = [{ type: 'image', picUrl: 'https://x/a.png', mediaId: '' }];
    expect(toInput(form, 'Asia/Shanghai').welcome).toEqual({
      text: '你好',
      attachments: [{ type: 'image', picUrl: 'https://x/a.png' }],
    });
  });

  it('the preview fills the name, the fallback and the staff as WeCom will show them', () => {
    const text = '{{name|朋友}}您好，我是{{staff}}，{{ name }}！';
    expect(renderTemplate(text, { name: '李雷', staff: '李娜' })).toBe(
      '李雷您好，我是李娜，李雷！',
    );
    expect(renderTemplate(text, { name: '', staff: '李娜' })).toBe('朋友您好，我是李娜，！');
  });

  it('pre-checks each staff member as WeCom would', () => {
    expect(precheckStaff(staff({}))).toBe('ok');
    expect(precheckStaff(staff({ customerContact: false }))).toBe('noContact');
    expect(precheckStaff(staff({ departedAt: '2026-11-01T00:00:00Z' }))).toBe('departed');
    expect(precheckStaff(staff({ wecomStatus: 4 }))).toBe('disabled');
    expect(precheckStaff(undefined)).toBe('unknown');
  });

  it("reads WeCom's errcode from the server's sentence", () => {
    expect(errcodeOf('WeCom refused to create the contact way: … (errcode 84074)')).toBe(84074);
    expect(errcodeOf('Channel 3 not found')).toBeNull();
  });
});
