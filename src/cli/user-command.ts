// `kanal-aduan user add`: loads the database layer and the password hashing, nothing else.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { upsertUser } from '../app/auth.js';
import { isRole, ROLES } from '../app/roles.js';
import type { Config } from '../config/config.js';
import { openDatabase } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { seedAgencies } from '../db/seed.js';

/** `user add`: creates or updates an admin-desk account; returns the exit code. */
export async function userCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      agency: { type: 'string' },
    },
  });
  if (sub !== 'add' || !values.email || !values.password) {
    process.stderr.write(
      'usage: kanal-aduan user add --email E --password P [--name N] [--role admin|reviewer|officer|viewer] [--agency CODE]\n',
    );
    return 2;
  }
  if (values.password.length < 8) {
    process.stderr.write('password must be at least 8 characters\n');
    return 2;
  }
  const role = values.role ?? 'admin';
  if (!isRole(role)) {
    process.stderr.write(`unknown role "${role}": use one of ${ROLES.join(', ')}\n`);
    return 2;
  }
  if (!z.email().safeParse(values.email.trim()).success) {
    process.stderr.write(`"${values.email}" is not a valid e-mail address (e.g. nama@cilegon.go.id)\n`);
    return 2;
  }
  if (role === 'officer' && !values.agency) {
    process.stderr.write('an officer needs --agency CODE (e.g. DPUTR)\n');
    return 2;
  }
  const database = await openDatabase(config.databaseUrl);
  await migrate(database);
  await seedAgencies(database.db);
  if (values.agency && !(await database.db.agency.findUnique({ where: { code: values.agency } }))) {
    await database.close();
    process.stderr.write(`unknown agency "${values.agency}": see the agency list (e.g. DPUTR, DLH, DINKES)\n`);
    return 2;
  }
  const user = await upsertUser(database.db, {
    email: values.email,
    password: values.password,
    name: values.name,
    role,
    agencyCode: values.agency ?? null,
  });
  await database.close();
  process.stderr.write(`user ${user.email} (${user.role}) saved\n`);
  return 0;
}
