/** Where the corp of a WeCom web login waits for the way back (/login/wecom?code&state). */
export const WECOM_LOGIN_CORP_KEY = 'scrm.admin.wecomLoginCorp';
export const WECOM_LOGIN_PATH = '/login/wecom';
