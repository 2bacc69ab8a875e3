/**
 * A Stryker ignorer: mutants of the words of an error or a log line are not run. Callers and tests
 * read an error's `code` (and its structured `details`), never its message (docs/mutation.md):
 * a message emptied or changed refuses, stores and answers exactly as before. What is ignored:
 * - the message argument of the server's refusals (`invalid(message)`, `verificationFailed(message)`,
 *   …), of `new PasskeyError(code, message)` and core's `refuse(reason, message)`;
 * - every argument of `new Error/TypeError/RangeError(…)` and of `*.logger.<level>(…)`;
 * - the field label that the input checks (`requireString(value, 'userId')`, `binary(value,
 *   'response.signature')`, the CBOR decoder, the policy checks) only put into their message.
 * The code, the details, the condition that refuses and the values checked are all still mutated.
 */

/** Callee name → the argument positions that are message text only. */
const MESSAGE_ARGUMENTS = new Map([
  // packages/server/src/errors/refusals.ts and the local aliases of those refusals.
  ['invalid', [0]],
  ['malformed', [0]],
  ['verificationFailed', [0]],
  ['receiptInvalid', [0]],
  ['storeUnavailable', [0]],
  ['attestationNotTrusted', [0]],
  ['untrusted', [0]],
  // packages/core/src/policy/names.ts: refuse(reason, message, details); reason is kept.
  ['refuse', [1]],
  // Labels that only name the field in the message.
  ['requireString', [1]],
  ['requireObject', [1]],
  ['optionalDate', [1]],
  ['optionalEnum', [1]],
  ['binary', [1]],
  ['decodeCbor', [1]],
  ['decodeCborItem', [2]],
  // packages/core/src/policy/policy.ts: integer(name, …), oneOf(name, …), aaguids(name, …).
  ['integer', [0]],
  ['oneOf', [0]],
  ['aaguids', [0]],
]);
const ERROR_CLASSES = new Set(['Error', 'TypeError', 'RangeError']);
const REASON = 'Message text: callers and tests read the error code and details, never the words';

const nameOf = (node) =>
  node?.type === 'Identifier'
    ? node.name
    : node?.type === 'MemberExpression'
      ? nameOf(node.property)
      : undefined;

const messageText = {
  /** @param {any} path a Babel NodePath */
  shouldIgnore(path) {
    if (path.listKey !== 'arguments') return undefined;
    const call = path.parentPath?.node;
    if (call?.type === 'NewExpression') {
      const name = nameOf(call.callee);
      if (ERROR_CLASSES.has(name) || (name === 'PasskeyError' && path.key === 1)) return REASON;
      return undefined;
    }
    if (call?.type !== 'CallExpression') return undefined;
    const { callee } = call;
    if (callee.type === 'MemberExpression' && nameOf(callee.object) === 'logger') return REASON;
    if (callee.type === 'Identifier' && MESSAGE_ARGUMENTS.get(callee.name)?.includes(path.key)) return REASON;
    return undefined;
  },
};

/** Stryker's plugin declaration (what `declareValuePlugin(PluginKind.Ignore, …)` returns). */
export const strykerPlugins = [{ kind: 'Ignore', name: 'MessageText', value: messageText }];
