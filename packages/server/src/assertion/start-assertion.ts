import type {
  PublicKeyCredentialDescriptorJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { StartAuthenticationResult } from '../api/types';
import { type AuthenticationCeremony, putCeremony, type StepUpCeremony } from '../ceremonies/ceremony-store';
import type { ServerContext } from '../config/context';
import { randomBytes, toBase64Url } from '../encoding';

type Descriptor = PublicKeyCredentialDescriptorJSON;

/** What a `webauthn.get` ceremony records, by kind: a sign-in or a step-up. */
type AssertionFields =
  | {
      kind: 'authentication';
      userId: string | null;
      allow: Descriptor[] | null;
      extra?: Pick<AuthenticationCeremony, 'bound' | 'fake'>;
    }
  | { kind: 'step-up'; userId: string; allow: Descriptor[]; extra: Pick<StepUpCeremony, 'action' | 'dh'> };

/** Builds and stores a `webauthn.get` ceremony for a sign-in or a step-up. */
export async function startAssertion(
  ctx: ServerContext,
  fields: AssertionFields & { challenge?: Uint8Array; hints: string[] },
): Promise<StartAuthenticationResult> {
  const challenge = toBase64Url(fields.challenge ?? randomBytes(32));
  const allow = fields.allow?.map((c) => c.id) ?? null;
  const record =
    fields.kind === 'step-up'
      ? { kind: fields.kind, challenge, userId: fields.userId, allow: allow as string[], ...fields.extra }
      : { kind: fields.kind, challenge, userId: fields.userId, allow, ...fields.extra };
  const { ceremonyId } = await putCeremony(ctx, record);
  // A discoverable ceremony carries no allowCredentials at all: one shape, whoever it is for.
  const options: PublicKeyCredentialRequestOptionsJSON = {
    challenge,
    timeout: ctx.policy.challengeTtlSeconds * 1000,
    rpId: ctx.rpId,
    ...(fields.allow === null ? {} : { allowCredentials: fields.allow }),
    userVerification: ctx.policy.userVerification,
    ...(fields.hints.length > 0
      ? { hints: fields.hints as PublicKeyCredentialRequestOptionsJSON['hints'] }
      : {}),
  };
  return { ceremonyId, options };
}
