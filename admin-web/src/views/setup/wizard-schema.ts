import { t } from '#/locales';

export interface AdminForm {
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}

export interface CorpForm {
  corpId: string;
  name: string;
  agentId: string;
  agentSecret: string;
  contactSecret: string;
  addressBookSecret: string;
}

export type Errors<F> = Partial<Record<keyof F, string>>;

/** The corp step's fields in their order (labels `setup.corp.<key>`). */
export const CORP_FIELDS: ReadonlyArray<{
  key: keyof CorpForm;
  testid: string;
  secret?: boolean;
  /** Shows 选填 (optional) as its placeholder. */
  optional?: boolean;
  placeholder?: string;
}> = [
  { key: 'corpId', testid: 'corp-id', placeholder: 'ww…' },
  { key: 'name', testid: 'corp-name' },
  { key: 'agentId', testid: 'corp-agent-id', placeholder: '1000002' },
  { key: 'agentSecret', testid: 'corp-agent-secret', secret: true },
  { key: 'contactSecret', testid: 'corp-contact-secret', secret: true, optional: true },
  { key: 'addressBookSecret', testid: 'corp-address-book-secret', secret: true, optional: true },
];

/** The server's rules (CreateFirstAdminDto, CreateCorpDto), checked before sending. */
export const USERNAME_RE = /^[A-Za-z0-9_.-]{3,64}$/;
export const PASSWORD_MIN = 10;
export const CORP_ID_RE = /^[A-Za-z0-9_-]{6,64}$/;
export const SECRET_MAX = 128;
const AGENT_ID_MAX = 2_147_483_647;

export function validateAdminForm(form: AdminForm): Errors<AdminForm> {
  const errors: Errors<AdminForm> = {};
  if (!USERNAME_RE.test(form.username.trim())) errors.username = t('setup.admin.usernameRule');
  if (form.displayName.trim().length > 128) errors.displayName = t('setup.admin.displayNameRule');
  if (form.password.length < PASSWORD_MIN)
    errors.password = t('setup.admin.passwordRule', { min: PASSWORD_MIN });
  else if (form.password.length > 256) errors.password = t('setup.admin.passwordTooLong');
  if (form.confirm !== form.password) errors.confirm = t('setup.admin.confirmRule');
  return errors;
}

/**
 * The corp's CorpID, AgentId and secrets. `requireSecrets: false` (Settings, replacing
 * credentials) leaves blank secrets out: a blank secret there means "keep the saved one".
 */
export function validateCorpForm(form: CorpForm, requireSecrets = true): Errors<CorpForm> {
  const errors: Errors<CorpForm> = {};
  if (!CORP_ID_RE.test(form.corpId.trim())) errors.corpId = t('setup.corp.corpIdRule');
  if (!form.name.trim()) errors.name = t('setup.corp.nameRequired');
  else if (form.name.trim().length > 128) errors.name = t('setup.corp.nameTooLong');
  const agentId = Number(form.agentId);
  if (!/^\d+$/.test(form.agentId.trim()) || agentId < 1 || agentId > AGENT_ID_MAX)
    errors.agentId = t('setup.corp.agentIdRule');
  if (requireSecrets && !form.agentSecret.trim())
    errors.agentSecret = t('setup.corp.secretRequired');
  for (const key of ['agentSecret', 'contactSecret', 'addressBookSecret'] as const) {
    const value = form[key].trim();
    if (value.length > SECRET_MAX) errors[key] = t('setup.corp.secretTooLong', { max: SECRET_MAX });
    else if (/\s/.test(value)) errors[key] = t('setup.corp.secretSpaces');
  }
  return errors;
}

/** The body the server takes: trimmed, the AgentId a number, blank optional secrets left out. */
export function corpBody(form: CorpForm) {
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  return {
    corpId: form.corpId.trim(),
    name: form.name.trim(),
    agentId: Number(form.agentId),
    agentSecret: form.agentSecret.trim(),
    contactSecret: optional(form.contactSecret),
    addressBookSecret: optional(form.addressBookSecret),
  };
}

/** Server field errors (ApiError.errors) as the form's messages. */
export function serverErrors<F>(errors: Record<string, string[]> | undefined): Errors<F> {
  const out: Record<string, string> = {};
  for (const [field, messages] of Object.entries(errors ?? {})) out[field] = messages.join(' ');
  return out as Errors<F>;
}
