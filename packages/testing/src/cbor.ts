import { Decoder, Encoder } from 'cbor-x';

/**
 * CTAP2 canonical-enough CBOR: COSE keys and the attestation object are Maps, so their
 * integer keys stay integers (`mapsAsObjects: false`), and byte arrays must be plain byte
 * strings (major type 2) rather than cbor-x's default tag 64 typed arrays, or verifiers
 * that re-encode the COSE key to measure it would read the wrong length.
 */
const encoder = new Encoder({
  mapsAsObjects: false,
  useRecords: false,
  tagUint8Array: false,
  variableMapSize: true,
});

const decoder = new Decoder({ mapsAsObjects: false, useRecords: false });

/** Encodes a value (Maps with integer or text keys, byte strings, numbers, text) to CBOR. */
export function encodeCbor(value: unknown): Uint8Array<ArrayBuffer> {
  const encoded = encoder.encode(value);
  return new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength).slice();
}

/** Decodes one CBOR item; Maps stay Maps. */
export function decodeCbor(bytes: Uint8Array): unknown {
  return decoder.decode(bytes);
}
