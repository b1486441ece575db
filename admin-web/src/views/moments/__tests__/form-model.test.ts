import { describe, expect, it } from 'vitest';
import {
  emptyMomentForm,
  fromMoment,
  toAttachments,
  toInput,
  validateMomentForm,
} from '../form-model';

const t = (key: string) => key;

describe('moment composer model', () => {
  it('sends only the chosen kind of attachment, never a mix', () => {
    const form = emptyMomentForm();
    form.text = '新品';
    form.images = [{ assetId: '1', name: 'a.png' }];
    form.video = { assetId: '2', name: 'v.mp4' };
    form.kind = 'video';
    expect(toAttachments(form)).toEqual([{ type: 'video', assetId: '2' }]);
    form.kind = 'image';
    expect(toAttachments(form)).toEqual([{ type: 'image', assetId: '1' }]);
  });

  it('names each problem by field', () => {
    const form = emptyMomentForm();
    expect(validateMomentForm(form, t)).toEqual({ text: 'moments.form.errors.empty' });
    form.text = '字'.repeat(2001);
    expect(validateMomentForm(form, t).text).toBe('moments.form.errors.textTooLong');
    form.text = 'x';
    form.kind = 'image';
    form.images = Array.from({ length: 10 }, (_, i) => ({ assetId: `${i}`, name: `${i}` }));
    expect(validateMomentForm(form, t).attachments).toBe('moments.form.errors.tooManyImages');
    form.kind = 'link';
    form.link = { title: '', url: 'ftp://x', cover: null };
    expect(Object.keys(validateMomentForm(form, t)).sort()).toEqual([
      'link.cover',
      'link.title',
      'link.url',
    ]);
    form.kind = 'none';
    form.schedule = 'later';
    form.scheduledAt = new Date(Date.now() - 1000);
    expect(validateMomentForm(form, t).scheduledAt).toBe('moments.form.errors.scheduledAt');
  });

  it('round-trips a stored moment and sends the schedule only when scheduled', () => {
    const form = fromMoment({
      id: '1',
      corpId: 'ww1',
      title: '标题',
      text: '正文',
      attachments: [{ type: 'link', assetId: '9', title: '链接', url: 'https://x.cn' }],
      visible: { userIds: ['u1'], departmentIds: [2], tagIds: ['et1'] },
      state: 'scheduled',
      scheduledAt: '2030-01-01T00:00:00.000Z',
      momentId: null,
      createdAtWecom: null,
      warnings: [],
      error: null,
      resultsPulledAt: null,
      createdBy: null,
      createdAt: '2029-12-01T00:00:00.000Z',
    });
    expect(toInput(form)).toEqual({
      title: '标题',
      text: '正文',
      attachments: [{ type: 'link', assetId: '9', title: '链接', url: 'https://x.cn' }],
      visible: { userIds: ['u1'], departmentIds: [2], tagIds: ['et1'] },
      scheduledAt: '2030-01-01T00:00:00.000Z',
    });
    form.schedule = 'now';
    expect(toInput(form).scheduledAt).toBeNull();
  });
});
