import { CORP, makeTransport, useFakeWecom } from '../../common/testing/fake-wecom';
import type { WecomTransport } from '../transport/wecom-transport';
import { AddressBookClient } from './address-book.client';
import { AppMessagesClient } from './app-messages.client';
import { ContactWaysClient } from './contact-ways.client';
import { CorpTagsClient } from './corp-tags.client';
import { CustomerGroupsClient } from './customer-groups.client';
import { ExternalContactsClient } from './external-contacts.client';
import { MassMessagesClient } from './mass-messages.client';
import { MomentsClient } from './moments.client';
import { TransfersClient } from './transfers.client';

const C = CORP.corpId;
const HANDOVER = { handover_userid: 'a', takeover_userid: 'b' };

/**
 * Each area method: the verb, the WeCom path, the secret (CONTA = 客户联系, AGENT = the app; the
 * unit corp has no 通讯录 secret, so address book falls back to the app), the body as WeCom names
 * its fields, and whether a timed-out call is repeated (reads yes; writes that WeCom may already
 * have applied, such as a transfer or a mass message, never).
 */
const rows: Array<{
  name: string;
  call: (t: WecomTransport) => Promise<unknown>;
  verb: 'GET' | 'POST';
  path: string;
  secret: 'CONTA' | 'AGENT';
  body?: unknown;
  repeated: boolean;
}> = [
  {
    name: 'address book: user/list_id',
    call: (t) => new AddressBookClient(t).listUserIds(C, { limit: 10 }),
    verb: 'POST',
    path: 'user/list_id',
    secret: 'AGENT',
    body: { limit: 10 },
    repeated: true,
  },
  {
    name: 'corp tags: mark_tag',
    call: (t) =>
      new CorpTagsClient(t).markTag(C, {
        userid: 'lina',
        external_userid: 'wm1',
        add_tag: ['et1'],
        remove_tag: ['et2'],
      }),
    verb: 'POST',
    path: 'externalcontact/mark_tag',
    secret: 'CONTA',
    body: { userid: 'lina', external_userid: 'wm1', add_tag: ['et1'], remove_tag: ['et2'] },
    repeated: true,
  },
  {
    name: 'corp tags: add_corp_tag',
    call: (t) => new CorpTagsClient(t).addCorpTag(C, { group_name: 'g', tag: [{ name: 'vip' }] }),
    verb: 'POST',
    path: 'externalcontact/add_corp_tag',
    secret: 'CONTA',
    repeated: false,
  },
  {
    name: 'external contacts: remark',
    call: (t) =>
      new ExternalContactsClient(t).remarkExternalContact(C, {
        userid: 'lina',
        external_userid: 'wm1',
        remark: 'r',
      }),
    verb: 'POST',
    path: 'externalcontact/remark',
    secret: 'CONTA',
    body: { userid: 'lina', external_userid: 'wm1', remark: 'r' },
    repeated: true,
  },
  {
    name: 'contact ways: get_contact_way',
    call: (t) => new ContactWaysClient(t).getContactWay(C, 'cfg1'),
    verb: 'POST',
    path: 'externalcontact/get_contact_way',
    secret: 'CONTA',
    body: { config_id: 'cfg1' },
    repeated: true,
  },
  {
    name: 'contact ways: send_welcome_msg',
    call: (t) =>
      new ContactWaysClient(t).sendWelcomeMsg(C, { welcome_code: 'W', text: { content: 'hi' } }),
    verb: 'POST',
    path: 'externalcontact/send_welcome_msg',
    secret: 'CONTA',
    body: { welcome_code: 'W', text: { content: 'hi' } },
    repeated: false,
  },
  {
    name: 'customer groups: groupchat/get',
    call: (t) => new CustomerGroupsClient(t).getGroupChat(C, 'wr1', false),
    verb: 'POST',
    path: 'externalcontact/groupchat/get',
    secret: 'CONTA',
    body: { chat_id: 'wr1', need_name: 0 },
    repeated: true,
  },
  {
    name: 'transfers: transfer_customer',
    call: (t) =>
      new TransfersClient(t).transferCustomers(C, { ...HANDOVER, external_userid: ['wm1'] }),
    verb: 'POST',
    path: 'externalcontact/transfer_customer',
    secret: 'CONTA',
    body: { ...HANDOVER, external_userid: ['wm1'] },
    repeated: false,
  },
  {
    name: 'transfers: resigned/transfer_result',
    call: (t) => new TransfersClient(t).resignedTransferResult(C, HANDOVER),
    verb: 'POST',
    path: 'externalcontact/resigned/transfer_result',
    secret: 'CONTA',
    body: HANDOVER,
    repeated: true,
  },
  {
    name: 'transfers: groupchat/onjob_transfer',
    call: (t) =>
      new TransfersClient(t).transferOnJobGroupChats(C, { chat_id_list: ['wr1'], new_owner: 'b' }),
    verb: 'POST',
    path: 'externalcontact/groupchat/onjob_transfer',
    secret: 'CONTA',
    repeated: false,
  },
  {
    name: 'mass messages: add_msg_template',
    call: (t) =>
      new MassMessagesClient(t).addMsgTemplate(C, {
        chat_type: 'single',
        sender: 'lina',
        text: { content: 'x' },
      }),
    verb: 'POST',
    path: 'externalcontact/add_msg_template',
    secret: 'CONTA',
    repeated: false,
  },
  {
    name: 'mass messages: remind_groupmsg_send',
    call: (t) => new MassMessagesClient(t).remindGroupMsgSend(C, 'msg1'),
    verb: 'POST',
    path: 'externalcontact/remind_groupmsg_send',
    secret: 'CONTA',
    body: { msgid: 'msg1' },
    repeated: false,
  },
  {
    name: 'moments: get_moment_task_result',
    call: (t) => new MomentsClient(t).getMomentTaskResult(C, 'job1'),
    verb: 'GET',
    path: 'externalcontact/get_moment_task_result',
    secret: 'CONTA',
    repeated: true,
  },
  {
    name: 'moments: add_moment_task',
    call: (t) => new MomentsClient(t).addMomentTask(C, { text: { content: 'x' } }),
    verb: 'POST',
    path: 'externalcontact/add_moment_task',
    secret: 'CONTA',
    repeated: false,
  },
  {
    name: 'app messages: message/send',
    call: (t) =>
      new AppMessagesClient(t).sendAppMessage(C, {
        touser: 'lina',
        agentid: 1000002,
        msgtype: 'text',
        text: { content: '有客户待接替' },
      }),
    verb: 'POST',
    path: 'message/send',
    secret: 'AGENT',
    body: { touser: 'lina', agentid: 1000002, msgtype: 'text', text: { content: '有客户待接替' } },
    repeated: false,
  },
];

describe('WeCom area clients', () => {
  const fake = useFakeWecom();

  it.each(rows)('$name: verb, path, secret and body', async (row) => {
    await row.call(makeTransport(fake).transport);
    const calls = fake.calls(row.path);
    expect(calls).toHaveLength(1);
    expect(calls[0].method).toBe(row.verb);
    expect(calls[0].query.access_token).toMatch(new RegExp(`-${row.secret}$`));
    if (row.body !== undefined) expect(JSON.parse(calls[0].body)).toEqual(row.body);
  });

  it.each(rows)('$name: repeated after a timeout only if safe', async (row) => {
    const { transport } = makeTransport(fake, { attempts: 2, baseDelayMs: 1 }, 60);
    fake.api = () => ({ delayMs: 120, json: { errcode: 0, errmsg: 'ok' } });
    await expect(row.call(transport)).rejects.toMatchObject({ status: 503 });
    expect(fake.calls(row.path)).toHaveLength(row.repeated ? 2 : 1);
  });
});
