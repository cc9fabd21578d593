// Passwords are kept as scrypt hashes: scrypt is memory-hard (N=2^15, r=8 uses 32 MiB per
// guess), which makes a stolen table expensive to attack on GPUs, and it ships with Node, so no
// native module has to build on a government server. The parameters are stored with each hash,
// so they can be raised later without invalidating existing passwords.
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 32;

function scrypt(password: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...o, maxmem: 128 * o.N * o.r * 2 };
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFC'), salt, KEY_BYTES, options, (e, key) => (e ? reject(e) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Spends the same time as a real check, so a wrong user name is not told apart from a wrong password by timing. */
let dummy: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('no such account');
  await verifyPassword(password, await dummy);
}

/** A password people can type: 4 groups of 4 from an alphabet without look-alikes (~80 bits). */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** A password policy a clerk can meet and a guesser cannot: long enough, not all one kind. */
export function passwordProblem(password: string): { zh: string; en: string } | null {
  if (password.length < 10) return { zh: '密码至少 10 个字符', en: 'a password has at least 10 characters' };
  if (password.length > 256) return { zh: '密码最多 256 个字符', en: 'a password has at most 256 characters' };
  if (new Set(password).size < 5) return { zh: '密码的字符过于单一', en: 'the password repeats too few characters' };
  return null;
}
