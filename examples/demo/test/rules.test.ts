import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountProblem, passwordProblem, usernameProblem } from '../src/common/rules';
import { createOrders } from '../src/server/p2p';

// The server's orders, without receipts: only `create` is used here.
const orders = createOrders({ verifyReceipt: async () => ({}) as never });
const serverAccepts = (amount: unknown) =>
  orders.create('u_test', { amount, asset: 'BTC' }).then(
    () => true,
    () => false,
  );

describe('the rules the page and the server share', () => {
  it('names what is wrong with an amount', () => {
    expect(amountProblem('0.015')).toBeNull();
    expect(amountProblem('999999999999.999999999999999999')).toBeNull();
    expect(amountProblem('')).toBe('empty');
    for (const amount of ['1e5', '-1', '.5', '1.', ' 1', '1,5', '1.2.3', 'NaN', '+1', '１', 0.5, null]) {
      expect(amountProblem(amount), String(amount)).toBe('format');
    }
    expect(amountProblem('01.5')).toBe('leading-zero');
    expect(amountProblem('00')).toBe('leading-zero');
    expect(amountProblem('0')).toBe('zero');
    expect(amountProblem('0.000')).toBe('zero');
    expect(amountProblem('1000000000000')).toBe('too-large');
    expect(amountProblem('0.0000000000000000001')).toBe('too-precise');
  });

  it('accepts only amounts of the form ^\\d+(\\.\\d+)?$ with at most 12 + 18 digits', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{1,14}(\.\d{1,20})?$/)), (amount) => {
        if (amountProblem(amount) !== null) return;
        const [integer = '', decimals = ''] = amount.split('.');
        expect(amount).toMatch(/^\d+(\.\d+)?$/);
        expect(integer.length).toBeLessThanOrEqual(12);
        expect(decimals.length).toBeLessThanOrEqual(18);
      }),
    );
  });

  it('is the rule the server applies: the page refuses nothing the server would take, and the reverse', async () => {
    const samples = fc.sample(fc.oneof(fc.string(), fc.stringMatching(/^0?\d{0,13}(\.\d{0,19})?$/)), 300);
    for (const amount of [...samples, '999999999999', '1000000000000', '0.000000000000000001']) {
      expect(await serverAccepts(amount), JSON.stringify(amount)).toBe(amountProblem(amount) === null);
    }
  });

  it('checks usernames and passwords as sign-up does', () => {
    expect(usernameProblem('alice.smith@example')).toBeNull();
    expect(usernameProblem('')).toBe('empty');
    expect(usernameProblem('ab')).toBe('too-short');
    expect(usernameProblem('x'.repeat(65))).toBe('too-long');
    for (const username of ['a b c', 'élodie', 'ab!', 42, null]) {
      expect(usernameProblem(username), String(username)).toBe('characters');
    }
    expect(passwordProblem('correct horse')).toBeNull();
    expect(passwordProblem('')).toBe('empty');
    expect(passwordProblem('short')).toBe('too-short');
    expect(passwordProblem('😀'.repeat(9))).toBe('too-short');
    expect(passwordProblem('x'.repeat(1025))).toBe('too-long');
  });
});
