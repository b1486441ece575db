import { t } from '#/locales';

export interface LoginForm {
  username: string;
  password: string;
}

export type LoginFormErrors = Partial<Record<keyof LoginForm, string>>;

export const USERNAME_MAX = 64;
export const PASSWORD_MAX = 128;

/** Client-side checks before the form is sent (in the console's language); the server checks again. */
export function validateLoginForm(form: LoginForm): LoginFormErrors {
  const errors: LoginFormErrors = {};
  const username = form.username.trim();
  if (!username) errors.username = t('login.usernameRequired');
  else if (username.length > USERNAME_MAX)
    errors.username = t('login.usernameTooLong', { max: USERNAME_MAX });
  if (!form.password) errors.password = t('login.passwordRequired');
  else if (form.password.length > PASSWORD_MAX)
    errors.password = t('login.passwordTooLong', { max: PASSWORD_MAX });
  return errors;
}
