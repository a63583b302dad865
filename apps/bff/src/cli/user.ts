// `pnpm --filter @callboard/bff user add NAME --role ROLE | reset NAME | disable NAME | enable NAME | list`
// Passwords come from stdin (never from argv, which other users of the machine can read).
import { parseArgs } from 'node:util';
import { roleSchema } from '@callboard/contracts';
import { hashPassword } from '../auth/passwords.js';
import { ConfigError } from '../config.js';
import { openCliAppState } from './app-state.js';

const USAGE = `usage: user add NAME --role admin|finance|support   (password on stdin)
       user reset NAME                              (new password on stdin)
       user disable NAME | enable NAME | list
       [--demo] works on the demo-mode accounts instead`;

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (at least 12 characters): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password.length < 12) throw new Error('the password must have at least 12 characters');
  return password;
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean' },
    },
  });
  const [command, name] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  const { state, close } = await openCliAppState(values.demo);
  try {
    if (command === 'list') {
      for (const u of await state.listUsers())
        console.log(`${u.username}\t${u.role}\t${u.disabled ? 'disabled' : 'active'}`);
      return;
    }
    if (!name) throw new Error(`give a user name\n${USAGE}`);
    if (command === 'add') {
      const role = roleSchema.safeParse(values.role);
      if (!role.success) throw new Error('--role must be admin, finance or support');
      await state.upsertUser(name, role.data, await hashPassword(await readPassword()));
      await state.audit({
        username: null,
        action: 'user-add',
        detail: { user: name, role: role.data, via: 'cli' },
        ip: null,
      });
      console.log(`user ${name} (${role.data}) saved`);
    } else if (command === 'reset') {
      if (!(await state.setPassword(name, await hashPassword(await readPassword()))))
        throw new Error(`no user ${name}`);
      await state.audit({
        username: null,
        action: 'user-reset',
        detail: { user: name, via: 'cli' },
        ip: null,
      });
      console.log(`password of ${name} changed; their sessions are closed`);
    } else if (command === 'disable' || command === 'enable') {
      if (!(await state.setDisabled(name, command === 'disable'))) throw new Error(`no user ${name}`);
      await state.audit({
        username: null,
        action: `user-${command}`,
        detail: { user: name, via: 'cli' },
        ip: null,
      });
      console.log(`user ${name} ${command}d`);
    } else {
      throw new Error(`unknown command ${command}\n${USAGE}`);
    }
  } finally {
    await close();
  }
}

main().catch((error) => {
  console.error(
    error instanceof ConfigError ? error.message : `user: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
