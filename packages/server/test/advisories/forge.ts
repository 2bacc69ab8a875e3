/**
 * What an attacker does to a real response before sending it: change its client data or its
 * authenticator data, then (for an assertion) sign the result again with the credential's own key,
 * so that only the check under test, never the signature check, can refuse it.
 */
import { createHash } from 'node:crypto';
import {
  type AuthenticationResponseJSON,
  decodeCbor,
  type RegistrationResponseJSON,
  type SoftwareAuthenticator,
} from '@acme/passkey-testing';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));

/** The client data as JSON members, to change and encode again. */
export type ClientDataJson = Record<string, unknown>;

export interface Changes {
  clientData?: (json: ClientDataJson) => ClientDataJson;
  authData?: (bytes: Uint8Array) => Uint8Array;
}

function editClientData(encoded: string, change?: Changes['clientData']): Uint8Array {
  const raw = bytes(encoded);
  if (change === undefined) return raw;
  const json = JSON.parse(Buffer.from(raw).toString('utf8')) as ClientDataJson;
  return new Uint8Array(Buffer.from(JSON.stringify(change(json))));
}

/** An assertion changed as `changes` says and signed again by `auth`'s key for its credential. */
export function resign(
  auth: SoftwareAuthenticator,
  response: AuthenticationResponseJSON,
  changes: Changes,
): AuthenticationResponseJSON {
  const clientData = editClientData(response.response.clientDataJSON, changes.clientData);
  const authData = (changes.authData ?? ((b) => b))(bytes(response.response.authenticatorData));
  const hash = createHash('sha256').update(clientData).digest();
  const signature = auth.sign(response.id, Buffer.concat([authData, hash]));
  return {
    ...response,
    response: {
      ...response.response,
      clientDataJSON: b64(clientData),
      authenticatorData: b64(authData),
      signature: b64(signature),
    },
  };
}

/**
 * A registration with attestation `none` changed as `changes` says. Nothing in such a response is
 * signed, so any client may send exactly this: only the server's checks stand in the way.
 */
export function editRegistration(
  response: RegistrationResponseJSON,
  changes: Changes,
): RegistrationResponseJSON {
  const object = decodeCbor(bytes(response.response.attestationObject)) as Map<string, unknown>;
  const authData = (changes.authData ?? ((b) => b))(object.get('authData') as Uint8Array);
  const { authenticatorData: _, ...rest } = response.response;
  return {
    ...response,
    response: {
      ...rest,
      clientDataJSON: b64(editClientData(response.response.clientDataJSON, changes.clientData)),
      attestationObject: encodeAttestation(object.get('fmt'), object.get('attStmt'), authData),
    },
  };
}

/** An attestation object (L3 §6.5.4), base64url. */
function encodeAttestation(fmt: unknown, attStmt: unknown, authData: Uint8Array): string {
  const object = new Map<string, unknown>([
    ['fmt', fmt],
    ['attStmt', attStmt],
    ['authData', authData],
  ]);
  return b64(isoCBOR.encode(object as never));
}

/** The client data a cross-origin iframe under `top` produces (WebAuthn L3 §5.8.1). */
export const framedBy =
  (top: string) =>
  (json: ClientDataJson): ClientDataJson => ({ ...json, crossOrigin: true, topOrigin: top });

/** The client data with `origin` in place of the page's own. */
export const fromOrigin =
  (origin: string) =>
  (json: ClientDataJson): ClientDataJson => ({ ...json, origin });

/**
 * A registration re-packed with attestation statement `fmt`, whose members `statement` builds from
 * the bytes an attestation signs (authenticator data ‖ SHA-256 of the client data, L3 §8.2).
 */
export function withStatement(
  response: RegistrationResponseJSON,
  fmt: string,
  statement: (signed: Buffer) => Map<string, unknown>,
): RegistrationResponseJSON {
  const object = decodeCbor(bytes(response.response.attestationObject)) as Map<string, unknown>;
  const authData = object.get('authData') as Uint8Array;
  const hash = createHash('sha256').update(bytes(response.response.clientDataJSON)).digest();
  const attestationObject = encodeAttestation(fmt, statement(Buffer.concat([authData, hash])), authData);
  return { ...response, response: { ...response.response, attestationObject } };
}
