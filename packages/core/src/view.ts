import { providerName } from './aaguid/index';
import type { Passkey, PasskeyView } from './types';

/** The view of a passkey an app may show: copies the displayable fields, never the public key. */
export function toPasskeyView(passkey: Passkey): PasskeyView {
  const provider = providerName(passkey.aaguid);
  return {
    id: passkey.id,
    name: passkey.name,
    provider: provider === null ? null : { name: provider },
    createdAt: passkey.createdAt,
    lastUsedAt: passkey.lastUsedAt,
    synced: passkey.backedUp,
    deviceType: passkey.deviceType,
    transports: [...passkey.transports],
    attachment: passkey.attachment,
    prf: passkey.prf === true,
  };
}
