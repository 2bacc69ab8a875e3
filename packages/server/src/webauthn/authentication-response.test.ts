import { describe, expect, it } from 'vitest';
import { credential, throwsCode, unb64 } from '../../test/webauthn/helpers';
import { parseAuthenticationResponse } from './authentication-response';

describe('parseAuthenticationResponse', () => {
  it('decodes each part once: client data, authenticator data, signature, user handle', async () => {
    const { assertion, stored } = await credential('ES256');
    const json = await assertion({ faults: { userHandle: 'dXNlci1oYW5kbGU' } });
    const parsed = parseAuthenticationResponse(json);
    expect(parsed).toMatchObject({ id: stored.id, userHandle: 'dXNlci1oYW5kbGU', attachment: 'platform' });
    expect(parsed.clientData.type).toBe('webauthn.get');
    expect(parsed.authData.bytes).toEqual(unb64(json.response.authenticatorData));
    expect(parsed.signature).toEqual(unb64(json.response.signature));
  });

  it('takes padded base64url as some clients send it', async () => {
    const { assertion } = await credential('ES256');
    const json = await assertion();
    const pad = (s: string) => s + '='.repeat((4 - (s.length % 4)) % 4);
    const padded = {
      ...json,
      id: pad(json.id),
      rawId: pad(json.rawId),
      response: { ...json.response, signature: pad(json.response.signature) },
    };
    expect(parseAuthenticationResponse(padded).signature).toEqual(unb64(json.response.signature));
  });

  it('refuses malformed members with INVALID_REQUEST', async () => {
    const { assertion } = await credential('ES256');
    const json = await assertion();
    const r = json.response;
    for (const bad of [
      null,
      [],
      { ...json, id: '' },
      { ...json, id: 'not base64url!' },
      { ...json, rawId: `${json.id}A` },
      { ...json, type: 'password' },
      { ...json, authenticatorAttachment: 'usb' },
      { ...json, clientExtensionResults: [] },
      { ...json, response: 'x' },
      { ...json, response: { ...r, clientDataJSON: undefined } },
      { ...json, response: { ...r, authenticatorData: 'a+b/' } },
      { ...json, response: { ...r, signature: '' } },
      { ...json, response: { ...r, signature: 'A'.repeat(2052) } },
      { ...json, response: { ...r, userHandle: '' } },
      { ...json, response: { ...r, userHandle: 7 } },
      { ...json, response: { ...r, userHandle: 'A'.repeat(130) } },
    ]) {
      await throwsCode(() => parseAuthenticationResponse(bad), 'INVALID_REQUEST');
    }
  });
});
