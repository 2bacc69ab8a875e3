import { AuthenticatorError } from './errors';

/** The signature algorithms this authenticator can create credentials with. */
export type AlgorithmName = 'ES256' | 'EdDSA' | 'RS256';

/** COSE algorithm identifiers (IANA "COSE Algorithms" registry). */
export const COSE_ALGORITHM: Readonly<Record<AlgorithmName, number>> = {
  ES256: -7,
  EdDSA: -8,
  RS256: -257,
};

const BY_ID = new Map<number, AlgorithmName>(
  Object.entries(COSE_ALGORITHM).map(([name, id]) => [id, name as AlgorithmName]),
);

/** The pubKeyCredParams a client assumes when the RP sends none (L3 §5.1.3, step 10). */
const DEFAULT_PARAMS = [
  { type: 'public-key', alg: -7 },
  { type: 'public-key', alg: -257 },
];

/**
 * Picks the credential algorithm as an authenticator does (L3 §6.3.2, step 2): the preferred one
 * when the RP allows it, else the first of the RP's choices this authenticator supports, else
 * `NotSupportedError`. `allowed` narrows what the authenticator supports (fido-u2f: ES256 only).
 */
export function chooseAlgorithm(
  params: readonly { type: string; alg: number }[],
  preferred: AlgorithmName,
  allowed: readonly AlgorithmName[] = ['ES256', 'EdDSA', 'RS256'],
): AlgorithmName {
  const requested = (params.length > 0 ? params : DEFAULT_PARAMS)
    .filter((p) => p.type === 'public-key')
    .map((p) => BY_ID.get(p.alg))
    .filter((name): name is AlgorithmName => name !== undefined && allowed.includes(name));
  if (requested.includes(preferred)) return preferred;
  const first = requested[0];
  if (first === undefined) {
    const offered = params.map((p) => p.alg).join(', ');
    throw new AuthenticatorError('NotSupportedError', `No supported algorithm among [${offered}]`);
  }
  return first;
}
