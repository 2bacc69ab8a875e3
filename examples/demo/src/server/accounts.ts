import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import {
  PASSWORD_MAX_LENGTH as MAX_PASSWORD,
  PASSWORD_MIN_LENGTH as MIN_PASSWORD,
  passwordProblem,
  usernameProblem,
} from '../common/rules';
import { type DemoData, memoryData } from './data';
import { DemoError } from './errors';

/** A demo account. The username keeps the case it was chosen with; lookups ignore case. */
export interface Account {
  id: string;
  username: string;
}

// scrypt with Node's defaults (N = 2^14, r = 8, p = 1): about 50 ms and 16 MiB per hash.
const KEY_LENGTH = 32;

function hashPassword(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

function checkUsername(username: unknown): string {
  if (typeof username !== 'string' || usernameProblem(username) !== null) {
    throw new DemoError('INVALID_USERNAME', 'Usernames have 3 to 64 characters: letters, digits and . _ @ -');
  }
  return username;
}

function checkPassword(password: unknown): string {
  if (typeof password !== 'string' || passwordProblem(password) !== null) {
    throw new DemoError('INVALID_PASSWORD', `Passwords have at least ${MIN_PASSWORD} characters`);
  }
  return password;
}

const view = ({ id, username }: Account): Account => ({ id, username });

/**
 * Accounts with scrypt password hashes. Unknown usernames cost the same hash as known ones,
 * so response times do not tell them apart.
 */
export function createAccounts(data: DemoData = memoryData()) {
  const decoy = { salt: randomBytes(16), hash: Buffer.alloc(KEY_LENGTH) };

  async function matches(stored: { salt: Buffer; hash: Buffer }, password: string): Promise<boolean> {
    if (password.length > MAX_PASSWORD) return false;
    return timingSafeEqual(await hashPassword(password, stored.salt), stored.hash);
  }

  return {
    /** Creates an account; `USERNAME_TAKEN` (409) when the name is taken in any case. */
    async signup(input: { username?: unknown; password?: unknown }): Promise<Account> {
      const username = checkUsername(input.username);
      const password = checkPassword(input.password);
      if (await data.accountByUsername(username))
        throw new DemoError('USERNAME_TAKEN', 'This username is taken');
      const salt = randomBytes(16);
      const record = { id: `u_${randomBytes(12).toString('base64url')}`, username, salt };
      // The insert decides: another signup may have taken the name while this one hashed.
      if (!(await data.insertAccount({ ...record, hash: await hashPassword(password, salt) }))) {
        throw new DemoError('USERNAME_TAKEN', 'This username is taken');
      }
      return view(record);
    },

    /** The account for a username and password; `WRONG_CREDENTIALS` (401) otherwise. */
    async login(input: { username?: unknown; password?: unknown }): Promise<Account> {
      if (typeof input.username !== 'string' || typeof input.password !== 'string') {
        throw new DemoError('INVALID_REQUEST', 'username and password are required');
      }
      const account = await data.accountByUsername(input.username);
      const ok = await matches(account ?? decoy, input.password);
      if (!account || !ok) throw new DemoError('WRONG_CREDENTIALS', 'Wrong username or password');
      return view(account);
    },

    /** Checks the signed-in user's password again (the security verification). */
    async verifyPassword(userId: string, password: unknown): Promise<void> {
      if (typeof password !== 'string') throw new DemoError('INVALID_REQUEST', 'password is required');
      const account = await data.accountById(userId);
      if (!account || !(await matches(account, password))) {
        throw new DemoError('WRONG_CREDENTIALS', 'Wrong password');
      }
    },

    async byId(id: string): Promise<Account | null> {
      const account = await data.accountById(id);
      return account && view(account);
    },

    async byUsername(username: string): Promise<Account | null> {
      const account = await data.accountByUsername(username);
      return account && view(account);
    },
  };
}

/** The accounts of one demo. */
export type Accounts = ReturnType<typeof createAccounts>;
