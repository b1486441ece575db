export interface LoginForm {
  username: string;
  password: string;
}

export type LoginFormErrors = Partial<Record<keyof LoginForm, string>>;

export const USERNAME_MAX = 64;
export const PASSWORD_MAX = 128;

/** Client-side checks before the form is sent; the server validates again. */
export function validateLoginForm(form: LoginForm): LoginFormErrors {
  const errors: LoginFormErrors = {};
  const username = form.username.trim();
  if (!username) errors.username = 'Enter your username.';
  else if (username.length > USERNAME_MAX)
    errors.username = `Usernames have at most ${USERNAME_MAX} characters.`;
  if (!form.password) errors.password = 'Enter your password.';
  else if (form.password.length > PASSWORD_MAX)
    errors.password = `Passwords have at most ${PASSWORD_MAX} characters.`;
  return errors;
}
