import type { SessionResponse } from '@callboard/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { errorMessage } from '@/lib/api-client';
import { useSignIn } from '../api/sign-in';
import { DemoAccounts } from './demo-accounts';

type DemoAccount = NonNullable<SessionResponse['demoAccounts']>[number];

interface SignInFormProps {
  /** Demo mode only: the seeded accounts, each filled in with one click. */
  demoAccounts: readonly DemoAccount[] | null;
}

interface FieldErrors {
  username?: string;
  password?: string;
}

export function SignInForm({ demoAccounts }: SignInFormProps) {
  const signIn = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const submitRef = useRef<HTMLButtonElement>(null);
  const id = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: FieldErrors = {
      username: username.trim() ? undefined : 'Enter your user name',
      password: password ? undefined : 'Enter your password',
    };
    setFieldErrors(errors);
    if (errors.username || errors.password) return;
    signIn.mutate({ username: username.trim(), password });
  };

  const fill = (account: DemoAccount) => {
    setUsername(account.username);
    setPassword(account.password);
    setFieldErrors({});
    signIn.reset();
    // One more Enter (or click) signs in.
    submitRef.current?.focus();
  };

  return (
    <>
      <form className="sign-in-form" onSubmit={submit} noValidate aria-describedby={`${id}-error`}>
        <div id={`${id}-error`} aria-live="assertive">
          {signIn.isError ? (
            <p className="notice notice--error sign-in-form__error" role="alert">
              {errorMessage(signIn.error)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-username`}>
            User name
          </label>
          <input
            id={`${id}-username`}
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            maxLength={64}
            aria-invalid={fieldErrors.username ? true : undefined}
            aria-describedby={fieldErrors.username ? `${id}-username-error` : undefined}
            onChange={(event) => setUsername(event.target.value)}
          />
          {fieldErrors.username ? (
            <span className="field__error" id={`${id}-username-error`}>
              {fieldErrors.username}
            </span>
          ) : null}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-password`}>
            Password
          </label>
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            maxLength={256}
            aria-invalid={fieldErrors.password ? true : undefined}
            aria-describedby={fieldErrors.password ? `${id}-password-error` : undefined}
            onChange={(event) => setPassword(event.target.value)}
          />
          {fieldErrors.password ? (
            <span className="field__error" id={`${id}-password-error`}>
              {fieldErrors.password}
            </span>
          ) : null}
        </div>
        <button
          ref={submitRef}
          type="submit"
          className="button button--primary sign-in-form__submit"
          disabled={signIn.isPending}
        >
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {demoAccounts && demoAccounts.length > 0 ? <DemoAccounts accounts={demoAccounts} onUse={fill} /> : null}
    </>
  );
}
