import { createHash, randomBytes } from 'node:crypto';

// Opaque random tokens (32 bytes), stored only as their sha256. Opaque rather than signed:
// every request already reads the device row to honour revocation at once, so a signature
// would save nothing and add a signing key to keep secret. A stolen database leaks no
// usable token.

export const ACCESS_PREFIX = 'cat_';
export const REFRESH_PREFIX = 'crt_';

export const newToken = (prefix: string): string => `${prefix}${randomBytes(32).toString('base64url')}`;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
