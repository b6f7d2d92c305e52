import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

// Password hashing with scrypt (memory-hard; RFC 7914), from node:crypto so no native add-on
// is needed. N = 2^15, r = 8, p = 1 is OWASP's scrypt baseline: ~32 MiB and ~50–100 ms per
// hash here, cheap for a login, costly for a guesser. The parameters are stored with each
// hash, so they can be raised later without invalidating existing passwords.

const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> {
  // maxmem must exceed 128·N·r (32 MiB at the baseline); Node's default is exactly that.
  const options: ScryptOptions = { N: o.N, r: o.r, p: o.p, maxmem: 256 * o.N * o.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (e, key) => (e ? reject(e) : resolve(key)));
  });
}

/** `scrypt$N$r$p$<salt b64>$<hash b64>` */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

const STORED = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** Constant-time comparison; false for a malformed stored hash (never throws on bad input). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = STORED.exec(stored);
  if (!m) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Refuse absurd parameters from a corrupted row rather than allocate gigabytes.
  if (N > 2 ** 20 || r > 32 || p > 16) return false;
  const expected = Buffer.from(m[5] ?? '', 'base64');
  const key = await derive(password, Buffer.from(m[4] ?? '', 'base64'), { N, r, p });
  return expected.length === key.length && timingSafeEqual(expected, key);
}

/**
 * A hash of a random password, verified against when the username does not exist, so an
 * unknown user costs as much time as a wrong password and usernames cannot be probed.
 */
let dummy: Promise<string> | undefined;
export const dummyPasswordHash = (): Promise<string> => (dummy ??= hashPassword(randomBytes(16).toString('hex')));

/** Minimum rules for a password set by the admin CLI. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return '密码至少 8 位 / at least 8 characters';
  if (password.length > 200) return '密码过长 / at most 200 characters';
  return null;
}
