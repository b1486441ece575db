/**
 * WeCom's sample event XML from its documentation pages (in-house app form, decrypted), each with
 * the page it comes from: element names, order and value shapes as the pages print them
 * (CDATA strings, bare numbers, comma lists, `<Item>` lists), whitespace removed. The
 * add_external_contact sample is the page's own; the others are transcribed from the pages'
 * samples and field tables (values such as the Avatar URL or ExtAttr shortened).
 */
export interface DocumentedSample {
  source: string;
  xml: string;
}

const DW_CUSTOMER = 'https://developer.work.weixin.qq.com/document/path/92130';
const DW_USER = 'https://developer.work.weixin.qq.com/document/path/90970';
const DW_PARTY = 'https://developer.work.weixin.qq.com/document/path/90971';
const DW_TAG = 'https://developer.work.weixin.qq.com/document/path/90972';

const envelope = (event: string, changeType: string) =>
  `<ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
  `<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType>` +
  `<Event><![CDATA[${event}]]></Event><ChangeType><![CDATA[${changeType}]]></ChangeType>`;

const contact = (changeType: string, extra = '') => ({
  source: DW_CUSTOMER,
  xml:
    `<xml>${envelope('change_external_contact', changeType)}` +
    `<UserID><![CDATA[zhangsan]]></UserID>` +
    `<ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mAAAA]]></ExternalUserID>${extra}</xml>`,
});

export const DOCUMENTED_SAMPLES: Record<string, DocumentedSample> = {
  add_external_contact: contact(
    'add_external_contact',
    '<State><![CDATA[teststate]]></State><WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode>',
  ),
  edit_external_contact: contact('edit_external_contact'),
  add_half_external_contact: contact(
    'add_half_external_contact',
    '<State><![CDATA[teststate]]></State><WelcomeCode><![CDATA[WELCOMECODE]]></WelcomeCode>',
  ),
  del_external_contact: contact(
    'del_external_contact',
    '<Source><![CDATA[DELETE_BY_TRANSFER]]></Source>',
  ),
  del_follow_user: contact('del_follow_user'),
  transfer_fail: {
    source: DW_CUSTOMER,
    xml:
      `<xml>${envelope('change_external_contact', 'transfer_fail')}` +
      `<FailReason><![CDATA[customer_refused]]></FailReason>` +
      `<UserID><![CDATA[zhangsan]]></UserID>` +
      `<ExternalUserID><![CDATA[woAJ2GCAAAXtWyujaWJHDDGi0mAAAA]]></ExternalUserID></xml>`,
  },
  chat_create: {
    source: DW_CUSTOMER,
    xml:
      `<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
      `<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType>` +
      `<Event><![CDATA[change_external_chat]]></Event><ChatId><![CDATA[CHAT_ID]]></ChatId>` +
      `<ChangeType><![CDATA[create]]></ChangeType></xml>`,
  },
  chat_update: {
    source: DW_CUSTOMER,
    xml:
      `<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
      `<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType>` +
      `<Event><![CDATA[change_external_chat]]></Event><ChatId><![CDATA[CHAT_ID]]></ChatId>` +
      `<ChangeType><![CDATA[update]]></ChangeType><UpdateDetail><![CDATA[add_member]]></UpdateDetail>` +
      `<JoinScene>1</JoinScene><QuitScene>0</QuitScene><MemChangeCnt>10</MemChangeCnt>` +
      `<MemChangeList><Item>Jack</Item><Item>Rose</Item></MemChangeList>` +
      `<LastMemVer>9c3f0d16b0a4ff3fd2de0a5ed9ec2f4b</LastMemVer>` +
      `<CurMemVer>71217227bbd112ecfe3a49c482195cb4</CurMemVer></xml>`,
  },
  chat_dismiss: {
    source: DW_CUSTOMER,
    xml:
      `<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
      `<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType>` +
      `<Event><![CDATA[change_external_chat]]></Event><ChatId><![CDATA[CHAT_ID]]></ChatId>` +
      `<ChangeType><![CDATA[dismiss]]></ChangeType></xml>`,
  },
  tag_create: {
    source: DW_CUSTOMER,
    xml:
      `<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
      `<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType>` +
      `<Event><![CDATA[change_external_tag]]></Event><Id><![CDATA[TAG_ID]]></Id>` +
      `<TagType><![CDATA[tag]]></TagType><ChangeType><![CDATA[create]]></ChangeType></xml>`,
  },
  tag_delete: {
    source: DW_CUSTOMER,
    xml:
      `<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
      `<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType>` +
      `<Event><![CDATA[change_external_tag]]></Event><Id><![CDATA[TAG_ID]]></Id>` +
      `<TagType><![CDATA[tag_group]]></TagType><ChangeType><![CDATA[delete]]></ChangeType>` +
      `<StrategyId>1</StrategyId></xml>`,
  },
  tag_shuffle: {
    source: DW_CUSTOMER,
    xml:
      `<xml><ToUserName><![CDATA[toUser]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>` +
      `<CreateTime>1403610513</CreateTime><MsgType><![CDATA[event]]></MsgType>` +
      `<Event><![CDATA[change_external_tag]]></Event><Id><![CDATA[TAG_GROUP_ID]]></Id>` +
      `<StrategyId>1</StrategyId><ChangeType><![CDATA[shuffle]]></ChangeType></xml>`,
  },
  update_user: {
    source: DW_USER,
    xml:
      `<xml>${envelope('change_contact', 'update_user')}` +
      `<UserID><![CDATA[zhangsan]]></UserID><NewUserID><![CDATA[zhangsan001]]></NewUserID>` +
      `<Name><![CDATA[张三]]></Name><Department><![CDATA[1,2,3]]></Department>` +
      `<MainDepartment>1</MainDepartment><IsLeaderInDept><![CDATA[1,0,0]]></IsLeaderInDept>` +
      `<DirectLeader><![CDATA[lisi,wangwu]]></DirectLeader>` +
      `<Position><![CDATA[产品经理]]></Position><Mobile>13800000000</Mobile><Gender>1</Gender>` +
      `<Email><![CDATA[zhangsan@gzdev.com]]></Email><Status>1</Status>` +
      `<Avatar><![CDATA[http://wx.qlogo.cn/mmopen/ajNVdqHZLLA3WJ6DSZUfiakYe37PKnQhBIeOQBO4czqrnZDS79FH5Wm5m4X69TBicnHFlhiafvDwklOpZeXYQQ2icg/0]]></Avatar>` +
      `<Alias><![CDATA[zhangsan]]></Alias><Telephone><![CDATA[020-111111]]></Telephone>` +
      `<ExtAttr><Item><Name><![CDATA[爱好]]></Name><Type>0</Type><Text><Value><![CDATA[旅游]]></Value></Text></Item></ExtAttr>` +
      `</xml>`,
  },
  delete_user: {
    source: DW_USER,
    xml: `<xml>${envelope('change_contact', 'delete_user')}<UserID><![CDATA[zhangsan]]></UserID></xml>`,
  },
  create_party: {
    source: DW_PARTY,
    xml:
      `<xml>${envelope('change_contact', 'create_party')}` +
      `<Id>2</Id><Name><![CDATA[张三]]></Name><ParentId><![CDATA[1]]></ParentId><Order>1</Order></xml>`,
  },
  update_tag: {
    source: DW_TAG,
    xml:
      `<xml>${envelope('change_contact', 'update_tag')}` +
      `<TagId>1</TagId><AddUserItems><![CDATA[zhangsan,lisi]]></AddUserItems>` +
      `<DelUserItems><![CDATA[zhangsan1,lisi1]]></DelUserItems>` +
      `<AddPartyItems><![CDATA[1,2]]></AddPartyItems><DelPartyItems><![CDATA[3,4]]></DelPartyItems></xml>`,
  },
};
