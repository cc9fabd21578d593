// Session ids and token secrets: 256 random bits, shown to their holder once and kept only as a
// SHA-256 (a fast hash suffices for a random secret of this size; only passwords need scrypt).
import { createHash, randomBytes } from 'node:crypto';

export const newSecret = (): string => randomBytes(32).toString('base64url');
export const secretHash = (secret: string): string => createHash('sha256').update(secret).digest('hex');
