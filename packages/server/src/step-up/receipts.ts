import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { ServerContext } from '../config/context';
import { receiptInvalid } from '../errors/refusals';

const TYP = 'passkey-receipt+jwt';

/** The claims of a step-up receipt (docs/design.md, "Public API"). */
export interface ReceiptClaims {
  iss: string;
  sub: string;
  iat: number;
  exp: number;
  jti: string;
  /** The action. */
  act: string;
  /** base64url SHA-256 of the canonical `{ action, details }`. */
  dh: string;
  /** The passkey that signed. */
  pk: string;
}

interface Keys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

/** Signs and checks receipts; imports or generates the key lazily, once. */
export function createReceiptSigner(ctx: ServerContext) {
  let keys: Promise<Keys> | undefined;

  const load = async (): Promise<Keys> => {
    let jwk: JWK;
    if (ctx.receipts.privateKey === undefined) {
      ctx.logger.warn(
        'passkeys: no receipts.privateKey configured; generated one for this process. ' +
          'Several server instances need one shared key, or receipts from one fail on another.',
      );
      const pair = await generateKeyPair('ES256', { extractable: true });
      jwk = await exportJWK(pair.privateKey);
    } else if (typeof CryptoKey !== 'undefined' && ctx.receipts.privateKey instanceof CryptoKey) {
      jwk = await exportJWK(ctx.receipts.privateKey);
    } else {
      jwk = { ...(ctx.receipts.privateKey as JWK) };
    }
    const { d: _d, ...pub } = jwk;
    const publicJwk: JWK = { kty: pub.kty, crv: pub.crv, x: pub.x, y: pub.y };
    publicJwk.kid = await calculateJwkThumbprint(publicJwk);
    publicJwk.alg = 'ES256';
    publicJwk.use = 'sig';
    const privateKey = (await importJWK({ ...jwk, alg: 'ES256', key_ops: ['sign'] }, 'ES256')) as CryptoKey;
    const publicKey = (await importJWK(publicJwk, 'ES256')) as CryptoKey;
    // A JWK whose x/y do not belong to its d would sign receipts no one can verify.
    const probe = new TextEncoder().encode('receipt key check');
    const alg = { name: 'ECDSA', hash: 'SHA-256' };
    const sig = await crypto.subtle.sign(alg, privateKey, probe);
    if (!(await crypto.subtle.verify(alg, publicKey, sig, probe))) {
      throw new TypeError(
        'receipts.privateKey: its public coordinates (x, y) do not match its private part (d)',
      );
    }
    return { privateKey, publicKey, publicJwk };
  };
  const get = () => {
    keys ??= load().catch((err) => {
      keys = undefined;
      throw err;
    });
    return keys;
  };

  return {
    /** Imports (or generates) the key now: a bad key fails before a ceremony is spent. */
    async ready(): Promise<void> {
      await get();
    },

    async sign(
      claims: Omit<ReceiptClaims, 'iss' | 'iat' | 'exp'>,
    ): Promise<{ receipt: string; exp: number }> {
      const { privateKey, publicJwk } = await get();
      const iat = Math.floor(ctx.now().getTime() / 1000);
      const exp = iat + ctx.receipts.ttlSeconds;
      const receipt = await new SignJWT({ act: claims.act, dh: claims.dh, pk: claims.pk })
        .setProtectedHeader({ alg: 'ES256', typ: TYP, kid: publicJwk.kid as string })
        .setIssuer(ctx.receipts.issuer)
        .setSubject(claims.sub)
        .setJti(claims.jti)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(privateKey);
      return { receipt, exp };
    },

    /** Checks signature, type, issuer and expiry; RECEIPT_INVALID otherwise. */
    async verify(receipt: string): Promise<ReceiptClaims> {
      const { publicKey } = await get();
      try {
        const { payload } = await jwtVerify(receipt, publicKey, {
          algorithms: ['ES256'],
          issuer: ctx.receipts.issuer,
          typ: TYP,
          currentDate: ctx.now(),
          requiredClaims: ['sub', 'jti', 'iat', 'exp'],
        });
        return payload as unknown as ReceiptClaims;
      } catch (err) {
        throw receiptInvalid(undefined, err);
      }
    },

    async jwks(): Promise<{ keys: JWK[] }> {
      return { keys: [{ ...(await get()).publicJwk }] };
    },
  };
}

/** What {@link createReceiptSigner} returns. */
export type ReceiptSigner = ReturnType<typeof createReceiptSigner>;
