/**
 * Real authenticator data: responses recorded from real authenticators, and the WebAuthn spec's
 * test vectors (§16), each citing its source in `fixtures/*.json`. The server must accept every
 * one, with the very checks it runs in production, and refuse a tampered copy with the right code.
 *
 * A ceremony is injected through the public `ChallengeStore` seam, with the exact record the
 * start of that ceremony writes, because a recorded response answers a challenge chosen long ago.
 */
import { randomBytes } from 'node:crypto';
import {
  createMemoryChallengeStore,
  createMemoryPasskeyStore,
  type PasskeyPolicy,
  ZERO_AAGUID,
} from '@acme/passkey-core';
import { SettingsService } from '@simplewebauthn/server';
import { convertCertBufferToPEM, decodeAttestationObject } from '@simplewebauthn/server/helpers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPasskeyServer } from '../src/index';
import authenticationsJson from './fixtures/authentications.json';
import registrationsJson from './fixtures/registrations.json';
import { rejectsWith } from './helpers';

interface Fixture {
  name: string;
  source: { repo: string; path: string; commit?: string };
  algorithm: 'ES256' | 'RS256' | 'EdDSA';
  rpId: string;
  origin: string;
  /** base64url, as in clientDataJSON. */
  challenge: string;
  /** The UV flag of the recorded authenticator data; without it the server runs with 'preferred'. */
  userVerified: boolean;
  /** An instant inside the attestation certificates' validity, when they have expired since. */
  at?: string;
}

interface RegistrationFixture extends Fixture {
  format: string;
  response: {
    id: string;
    response: { clientDataJSON: string; attestationObject: string; transports?: string[] };
  };
  expected: { credentialId: string; publicKey: string; counter: number; aaguid: string };
  /** A response this server refuses by design (not a bug), with the code and why. */
  refused?: { code: string; reason: string };
  /** The source's own strings where they differ from `response` (padded base64url). */
  asRecorded?: { clientDataJSON?: string };
}

interface AuthenticationFixture extends Fixture {
  /** With a user handle the assertion answers a usernameless sign-in; without, a known user's. */
  credential: { id: string; publicKey: string; counter: number; userHandle: string | null };
  response: {
    id: string;
    response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle?: string };
  };
  expected: { counter: number };
  asRecorded?: Partial<Record<'clientDataJSON' | 'authenticatorData' | 'signature' | 'userHandle', string>>;
}

const registrations = registrationsJson as RegistrationFixture[];
const authentications = authenticationsJson as AuthenticationFixture[];

const COSE_ALG = { ES256: -7, RS256: -257, EdDSA: -8 } as const;
const USER_ID = 'u1';
const USER_HANDLE = 'dXNlci1oYW5kbGUtb2YtdTE';
/** The server's clock for fixtures whose certificates have not expired. */
const NOW = new Date('2026-06-01T12:00:00.000Z');
const quiet = { warn: () => {}, error: () => {} };

const bytes = (b64url: string) => Buffer.from(b64url, 'base64url');
const b64url = (data: Uint8Array) => Buffer.from(data).toString('base64url');
const ceremonyId = () => randomBytes(18).toString('base64url');

function setup(f: Fixture, policy: Partial<PasskeyPolicy> = {}) {
  const now = f.at ? new Date(f.at) : NOW;
  const store = createMemoryPasskeyStore();
  const challenges = createMemoryChallengeStore();
  const server = createPasskeyServer({
    rp: { id: f.rpId, name: 'x' },
    origins: [f.origin],
    store,
    challenges,
    now: () => now,
    logger: quiet,
    policy: { userVerification: f.userVerified ? 'required' : 'preferred', ...policy },
  });
  const expiresAt = now.getTime() + 60_000;
  return { server, store, challenges, now, expiresAt };
}

/**
 * SimpleWebAuthn checks certificate validity on the real clock, not the injected one: for
 * certificates that have expired since they were recorded, only `Date` is faked, so promises and
 * timers still run.
 */
async function atRecordingTime<T>(f: Fixture, run: () => Promise<T>): Promise<T> {
  if (f.at === undefined) return run();
  vi.useFakeTimers({ now: new Date(f.at), toFake: ['Date'] });
  try {
    return await run();
  } finally {
    vi.useRealTimers();
  }
}

/** A copy of base64url clientDataJSON, changed by `edit` (JSON re-serialised). */
function editClientData(clientDataJSON: string, edit: (data: Record<string, unknown>) => void): string {
  const data = JSON.parse(bytes(clientDataJSON).toString('utf8')) as Record<string, unknown>;
  edit(data);
  return b64url(Buffer.from(JSON.stringify(data)));
}

/** A copy of `container` with the last byte of `part` (found inside it) flipped. */
function flipLastByte(container: string, part?: Uint8Array): string {
  const all = bytes(container);
  const inner = part ? Buffer.from(part) : all;
  const at = part ? all.indexOf(inner) : 0;
  if (at < 0) throw new Error('part not found');
  all[at + inner.length - 1] = (all[at + inner.length - 1] as number) ^ 0x01;
  return b64url(all);
}

/** Runs finishRegistration on `response` for the ceremony `f` answers; resolves with the stored passkey. */
async function register(
  f: RegistrationFixture,
  response: RegistrationFixture['response'],
  policy: Partial<PasskeyPolicy> = {},
) {
  const s = setup(f, policy);
  const id = ceremonyId();
  // The record startRegistration writes (src/registration/start-registration.ts).
  const record = { kind: 'registration', challenge: f.challenge, userId: USER_ID, userHandle: USER_HANDLE };
  await s.challenges.put(id, { ...record, conditional: false, expiresAt: s.expiresAt }, { ttlMs: 60_000 });
  const full = { ...response, rawId: response.id, type: 'public-key', clientExtensionResults: {} };
  const result = await atRecordingTime(f, () =>
    s.server.finishRegistration({ ceremonyId: id, userId: USER_ID, response: full }),
  );
  return { ...result, store: s.store };
}

// Attestation paths may carry CRL distribution points; SimpleWebAuthn treats an unreachable CRL
// as not revoked. No network in tests: every fetch fails at once.
beforeAll(() => {
  vi.stubGlobal('fetch', async () => {
    throw new Error('no network in tests');
  });
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe('the fixtures', () => {
  it('cover every attestation format and algorithm the design names, with assertions', () => {
    const formats = new Set(registrations.filter((f) => !f.refused).map((f) => f.format));
    expect([...formats].sort()).toEqual(['android-key', 'apple', 'fido-u2f', 'none', 'packed', 'tpm']);
    expect(new Set(registrations.map((f) => f.algorithm))).toEqual(new Set(['ES256', 'RS256', 'EdDSA']));
    expect(new Set(authentications.map((f) => f.algorithm))).toEqual(new Set(['ES256', 'RS256', 'EdDSA']));
    for (const f of [...registrations, ...authentications])
      expect(f.source.repo).toMatch(/^[\w.-]+\/[\w.-]+$/);
  });
});

describe.each(registrations)('registration: $name', (f) => {
  const finish = (response: RegistrationFixture['response'], policy: Partial<PasskeyPolicy> = {}) =>
    register(f, response, policy);
  const copy = (change: Partial<RegistrationFixture['response']['response']>) => ({
    ...f.response,
    response: { ...f.response.response, ...change },
  });

  if (f.refused) {
    const { code, reason } = f.refused;
    it(`is refused by design with ${code}`, async () => {
      expect(reason).not.toBe('');
      await rejectsWith(finish(f.response), code);
    });
    return;
  }

  it(`is accepted and stored as ${f.format}, ${f.algorithm}`, async () => {
    const { passkey, store } = await finish(f.response);
    expect(passkey.id).toBe(f.expected.credentialId);
    const stored = await store.get(passkey.id);
    expect(stored).toMatchObject({
      userId: USER_ID,
      userHandle: USER_HANDLE,
      algorithm: COSE_ALG[f.algorithm],
      counter: f.expected.counter,
      aaguid: f.expected.aaguid.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
    });
    expect(b64url(stored?.publicKey ?? new Uint8Array())).toBe(f.expected.publicKey);
  });

  if (!f.userVerified) {
    it('has no UV flag, so the default policy (UV required) refuses it', async () => {
      await rejectsWith(finish(f.response, { userVerification: 'required' }), 'USER_VERIFICATION_REQUIRED');
    });
  }

  it('is refused from another origin', async () => {
    const clientDataJSON = editClientData(f.response.response.clientDataJSON, (data) => {
      data.origin = 'https://attacker.example';
    });
    await rejectsWith(finish(copy({ clientDataJSON })), 'ORIGIN_MISMATCH');
  });

  const attStmt = decodeAttestationObject(bytes(f.response.response.attestationObject)).get('attStmt');
  const sig = attStmt.get('sig');
  if (sig) {
    it('is refused with one byte of the attestation signature flipped', async () => {
      const attestationObject = flipLastByte(f.response.response.attestationObject, sig);
      await rejectsWith(finish(copy({ attestationObject })), 'VERIFICATION_FAILED');
    });
  }

  if (f.format !== 'none') {
    // The attestation signs (apple: certifies) the clientDataJSON hash; `none` signs nothing.
    it('is refused when the clientDataJSON it attests is changed', async () => {
      const clientDataJSON = editClientData(f.response.response.clientDataJSON, (data) => {
        data.extra = 'changed after signing';
      });
      await rejectsWith(finish(copy({ clientDataJSON })), 'VERIFICATION_FAILED');
    });
  }

  if (f.asRecorded) {
    const recorded = f.asRecorded;
    // Some clients pad base64url ("="); the recorded copy is accepted as it was sent.
    it('is accepted exactly as recorded, with padded base64url', async () => {
      await finish(copy(recorded));
    });
  }
});

describe("attestation 'direct' with the vendors' real roots", () => {
  const fixture = (format: string) => registrations.find((f) => f.format === format && !f.refused)!;
  // The roots SimpleWebAuthn ships for these formats: Apple WebAuthn Root CA, Google Hardware
  // Attestation Roots.
  const direct = (identifier: 'apple' | 'android-key'): Partial<PasskeyPolicy> => ({
    attestation: 'direct',
    trustAnchors: SettingsService.getRootCertificates({ identifier }),
  });

  it('accepts an Apple attestation that chains to the Apple root', async () => {
    const f = fixture('apple');
    await expect(register(f, f.response, direct('apple'))).resolves.toMatchObject({
      passkey: { id: f.response.id },
    });
  });

  it('refuses attestations that do not chain to the configured roots', async () => {
    for (const format of ['none', 'fido-u2f', 'packed', 'tpm']) {
      const f = fixture(format);
      await rejectsWith(register(f, f.response, direct('apple')), 'ATTESTATION_NOT_TRUSTED');
    }
  });

  it('accepts an Android Key attestation that chains to a Google root', async () => {
    const f = fixture('android-key');
    await expect(register(f, f.response, direct('android-key'))).resolves.toMatchObject({
      passkey: { id: f.response.id },
    });
  });

  // An android-key x5c ends with the Google root itself: the path must end at that anchor, not
  // hold it twice.
  it('accepts an Android Key attestation when the anchor is the root its x5c ends with', async () => {
    const f = fixture('android-key');
    const x5c = decodeAttestationObject(bytes(f.response.response.attestationObject))
      .get('attStmt')
      .get('x5c');
    const root = convertCertBufferToPEM(x5c?.at(-1) as Uint8Array<ArrayBuffer>);
    expect(SettingsService.getRootCertificates({ identifier: 'android-key' })).toContain(root);
    await expect(
      register(f, f.response, { attestation: 'direct', trustAnchors: [root] }),
    ).resolves.toMatchObject({
      passkey: { id: f.response.id },
    });
  });
});

describe.each(authentications)('authentication: $name', (f) => {
  const usernameless = f.credential.userHandle !== null;
  // Backup eligibility (flag BE, 0x08) never changes after registration (WebAuthn L3 §6.1.3): a
  // credential asserting it was registered as multi-device, and stored so.
  const flags = bytes(f.response.response.authenticatorData)[32] as number;
  const deviceType = flags & 0x08 ? 'multiDevice' : 'singleDevice';

  async function finish(
    response: AuthenticationFixture['response'],
    options: {
      userVerification?: 'required';
      knownUser?: boolean;
      storedUserHandle?: string;
      storedDeviceType?: 'singleDevice' | 'multiDevice';
      storedUserVerified?: boolean;
    } = {},
  ) {
    const s = setup(f, options.userVerification ? { userVerification: options.userVerification } : {});
    const created = await s.store.create(
      {
        id: f.credential.id,
        userId: USER_ID,
        userHandle: options.storedUserHandle ?? f.credential.userHandle ?? USER_HANDLE,
        publicKey: bytes(f.credential.publicKey),
        algorithm: COSE_ALG[f.algorithm],
        counter: f.credential.counter,
        transports: [],
        deviceType: options.storedDeviceType ?? deviceType,
        backedUp: false,
        aaguid: ZERO_AAGUID,
        name: 'Recorded',
        attachment: null,
        userVerified: options.storedUserVerified ?? false,
        createdAt: s.now,
        lastUsedAt: null,
      },
      { maxPerUser: 10 },
    );
    expect(created).toBe('created');
    const id = ceremonyId();
    // The records startAuthentication writes (src/authentication/start-authentication.ts): a
    // usernameless sign-in, or one for a known user whose passkeys are listed in `allow`.
    const knownUser = options.knownUser ?? !usernameless;
    const record = knownUser ? { userId: USER_ID, allow: [f.credential.id] } : { userId: null, allow: null };
    await s.challenges.put(
      id,
      { kind: 'authentication', challenge: f.challenge, ...record, expiresAt: s.expiresAt },
      { ttlMs: 60_000 },
    );
    const result = await s.server.finishAuthentication({
      ceremonyId: id,
      response: { ...response, rawId: response.id, type: 'public-key', clientExtensionResults: {} },
    });
    return { ...result, store: s.store };
  }
  const copy = (change: Partial<AuthenticationFixture['response']['response']>) => ({
    ...f.response,
    response: { ...f.response.response, ...change },
  });

  it(`signs its owner in (${f.algorithm}, ${usernameless ? 'usernameless' : 'known user'}) and records the counter`, async () => {
    const { userId, passkey, store } = await finish(f.response);
    expect(userId).toBe(USER_ID);
    expect(passkey.id).toBe(f.credential.id);
    expect(await store.get(f.credential.id)).toMatchObject({ counter: f.expected.counter });
  });

  if (usernameless) {
    it('is refused when its user handle is not the stored one (as unknown, usernameless)', async () => {
      await rejectsWith(finish(f.response, { storedUserHandle: USER_HANDLE }), 'CREDENTIAL_NOT_FOUND');
    });
  } else {
    it('is refused in a usernameless sign-in, as it names no user handle', async () => {
      await rejectsWith(finish(f.response, { knownUser: false }), 'VERIFICATION_FAILED');
    });
  }

  if (!f.userVerified) {
    it('has no UV flag, so the default policy (UV required) refuses it', async () => {
      await rejectsWith(finish(f.response, { userVerification: 'required' }), 'USER_VERIFICATION_REQUIRED');
    });
  }

  it('is refused when the stored backup eligibility differs from the asserted one (§7.2)', async () => {
    const other = deviceType === 'multiDevice' ? 'singleDevice' : 'multiDevice';
    await rejectsWith(finish(f.response, { storedDeviceType: other }), 'VERIFICATION_FAILED');
  });

  if (!f.userVerified) {
    it('is refused when registered with user verification, even under a preferred policy', async () => {
      await rejectsWith(finish(f.response, { storedUserVerified: true }), 'USER_VERIFICATION_REQUIRED');
    });
  }

  it('is refused with one byte of the signature flipped', async () => {
    const signature = flipLastByte(f.response.response.signature);
    await rejectsWith(finish(copy({ signature })), 'VERIFICATION_FAILED');
  });

  it('is refused from another origin', async () => {
    const clientDataJSON = editClientData(f.response.response.clientDataJSON, (data) => {
      data.origin = 'https://attacker.example';
    });
    await rejectsWith(finish(copy({ clientDataJSON })), 'ORIGIN_MISMATCH');
  });

  if (f.asRecorded) {
    const recorded = f.asRecorded;
    // Some clients pad base64url ("="); the recorded copy is accepted as it was sent.
    it('is accepted exactly as recorded, with padded base64url', async () => {
      await finish(copy(recorded));
    });
  }
});
