// The production layout's migrate job starts here (docker-compose.yml: entrypoint): as the database
// owner (DATABASE_URL) it creates or updates the application role `cdf_app` — login, no DDL, no
// superuser — with the password from CDF_APP_DB_PASSWORD or the file CDF_APP_DB_PASSWORD_FILE, then
// runs the command it was given (`cdf db migrate`), whose migrations grant that role its rights.
// Run on every deployment, so a changed password or an older volume is brought in line.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { APP_ROLE, ensureAppRole, mayCreateRoles } from '../db/app-role.ts';
import { connectDb } from '../db/connect.ts';

function password(): string | undefined {
  const file = process.env.CDF_APP_DB_PASSWORD_FILE;
  const value = file ? readFileSync(file, 'utf8').trim() : process.env.CDF_APP_DB_PASSWORD;
  return value || undefined;
}

const url = process.env.DATABASE_URL;
const pw = password();
if (!url || !pw) {
  console.error(
    '需要 DATABASE_URL（数据库所有者）和 CDF_APP_DB_PASSWORD（或 CDF_APP_DB_PASSWORD_FILE）才能创建应用角色 cdf_app / ' +
      'DATABASE_URL (the database owner) and CDF_APP_DB_PASSWORD (or CDF_APP_DB_PASSWORD_FILE) are needed to create the application role cdf_app',
  );
  process.exit(2);
}
const db = connectDb(url, 1);
try {
  if (!(await mayCreateRoles(db))) {
    console.error(`${new URL(url).username} 不能创建角色：请由数据库管理员创建 ${APP_ROLE} / may not create roles: ask the DBA to create ${APP_ROLE}`);
    process.exit(2);
  }
  await ensureAppRole(db, APP_ROLE, pw);
  console.log(`应用角色 ${APP_ROLE} 已就绪 / application role ${APP_ROLE} ready`);
} finally {
  await db.destroy();
}
const [command, ...args] = process.argv.slice(2);
if (command) {
  const child = spawn(command, args, { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
