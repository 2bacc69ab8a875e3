/** Shared by the webauthn module's tests: real responses from the software authenticator. */
import { createHash } from 'node:crypto';
import {
  type AlgorithmName,
  type AttestationFormatName,
  createSoftwareAuthenticator,
  type GetCallOptions,
} from '@acme/passkey-testing';
import { expect } from 'vitest';

export const RP_ID = 'example.com';
export const ORIGIN = 'https://example.com';
export const CHALLENGE = 'Y2hhbGxlbmdlLW9mLXRoZS1jZXJlbW9ueQ';
export const ALGORITHMS = [-8, -7, -257];

export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
export const unb64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));
export const sha256 = (data: Uint8Array | string) =>
  new Uint8Array(createHash('sha256').update(data).digest());
export const RP_ID_HASH = sha256(RP_ID);

/** Creation options as the server sends them. */
export const creationOptions = (challenge = CHALLENGE) => ({
  rp: { id: RP_ID, name: 'Example' },
  user: { id: 'dXNlci1oYW5kbGU', name: 'alice', displayName: 'Alice' },
  challenge,
  pubKeyCredParams: ALGORITHMS.map((alg) => ({ type: 'public-key', alg })),
  authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
});

/** A software authenticator with one registered credential, and its registration response. */
export async function credential(
  algorithm: AlgorithmName = 'ES256',
  attestation: AttestationFormatName = 'none',
  flags: { be?: boolean; bs?: boolean } = {},
) {
  const auth = createSoftwareAuthenticator({ algorithm, attestation, flags });
  const registration = await auth.create(creationOptions(), { origin: ORIGIN });
  const stored = auth.credentials[0]!;
  /** An assertion by this credential for `challenge`. */
  const assertion = (call: Partial<GetCallOptions> = {}, challenge = CHALLENGE) =>
    auth.get(
      { challenge, rpId: RP_ID, allowCredentials: [{ id: stored.id, type: 'public-key' }] },
      { origin: ORIGIN, ...call },
    );
  return { auth, registration, stored, assertion };
}

/** Asserts that `run` throws (or rejects with) a PasskeyError of `code`. */
export async function throwsCode(run: () => unknown, code: string): Promise<void> {
  let thrown: unknown;
  try {
    await run();
  } catch (err) {
    thrown = err;
  }
  expect(thrown, `expected ${code}`).toMatchObject({ name: 'PasskeyError', code });
}
