// Sign-in (issue 13): people's accounts, their server-side sessions, and API tokens for systems.
// Secrets are never stored: a password as its scrypt hash, a session id and a token secret as
// their SHA-256 (both are 256-bit random, so a fast hash is enough; a stolen table opens nothing).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table accounts (
      id bigserial primary key,
      username text not null unique,
      display_name text,
      password_hash text,
      role text not null check (role in ('agency', 'steward', 'auditor', 'admin')),
      agency text,
      region text,
      can_unmask boolean not null default false,
      oidc_subject text unique,
      disabled boolean not null default false,
      failed_signins int not null default 0,
      locked_until timestamptz,
      created_by text not null,
      created_at timestamptz not null default now(),
      check (role <> 'agency' or agency is not null)
    );
    create table sessions (
      id_hash text primary key,
      account_id bigint not null references accounts(id) on delete cascade,
      csrf_token text not null,
      via text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      address text,
      user_agent text
    );
    create index sessions_account on sessions (account_id);
    create table api_tokens (
      id text primary key,
      account_id bigint not null references accounts(id) on delete cascade,
      name text not null,
      secret_hash text not null,
      scopes text[] not null,
      expires_at timestamptz not null,
      revoked_at timestamptz,
      revoked_by text,
      last_used_at timestamptz,
      last_used_address text,
      created_by text not null,
      created_at timestamptz not null default now()
    );
    create index api_tokens_account on api_tokens (account_id);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists api_tokens; drop table if exists sessions; drop table if exists accounts');
}
