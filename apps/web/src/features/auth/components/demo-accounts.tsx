import type { SessionResponse } from '@callboard/contracts';

type DemoAccount = NonNullable<SessionResponse['demoAccounts']>[number];

const ROLE_NOTES: Record<DemoAccount['role'], string> = {
  admin: 'everything, starts syncs',
  finance: 'records, spend and exports',
  support: 'records and outcomes, no money',
};

/** Shown in demo mode only, where the accounts are public anyway: one click fills the form. */
export function DemoAccounts({
  accounts,
  onUse,
}: {
  accounts: readonly DemoAccount[];
  onUse: (account: DemoAccount) => void;
}) {
  return (
    <section className="demo-accounts" aria-labelledby="demo-accounts-title">
      <h2 id="demo-accounts-title" className="demo-accounts__title">
        Demo accounts
      </h2>
      <p className="demo-accounts__hint">This server runs on simulated calls; try each role.</p>
      <table className="demo-accounts__table">
        <caption className="visually-hidden">Demo accounts</caption>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">User name</th>
            <th scope="col">Password</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            <tr key={account.username}>
              <td>
                <span className="role-badge">{account.role}</span>
                <span className="demo-accounts__note">{ROLE_NOTES[account.role]}</span>
              </td>
              <td>
                <code>{account.username}</code>
              </td>
              <td>
                <code>{account.password}</code>
              </td>
              <td>
                <button type="button" className="button button--small" onClick={() => onUse(account)}>
                  Use {account.username}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
