import type { PasskeyClient, PasskeyView, StepUpResult } from '@acme/passkey-client';
import { amountProblem } from '../common/rules';
import { api, type Order } from './api';
import { $, busy, fieldError, make, say } from './dom';
import { holdEndsAt, showHold } from './hold';
import { amountMessage, friendlyError, orderErrorMessage } from './messages';
import { confirmRelease } from './release-dialog';
import { toast } from './toast';

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

const onHoldMessage = (at: Date) =>
  `Not released: your passkey is new and on a security hold. It can approve releases from ${timeFormat.format(at)}.`;

function verifyMessage(result: Exclude<StepUpResult, { status: 'verified' }>): string {
  switch (result.status) {
    case 'cancelled':
      return 'Not released: the passkey prompt was closed. Release again when you are ready.';
    case 'unsupported':
      return 'Not released: this browser cannot use a passkey here.';
    case 'misconfigured':
      return `Not released: passkeys are not set up right on this site (${result.message}).`;
    case 'aborted':
      return 'Not released: the request was interrupted.';
    case 'error': {
      const { code, details } = result.error as { code: string; details?: { availableAt?: unknown } };
      if (code === 'CREDENTIAL_NOT_FOUND') return 'Not released: that passkey is not linked to your account.';
      if (code === 'PASSKEY_ON_HOLD' && typeof details?.availableAt === 'string') {
        return onHoldMessage(new Date(details.availableAt));
      }
      return `Not released: ${friendlyError(result.error)}`;
    }
  }
}

/**
 * P2P trading: create a sell order, then "Release crypto", confirmed with a passkey whose
 * signature covers exactly `{ orderId, amount, asset }`; the server checks the receipt.
 */
export function createP2P(options: {
  passkeys: PasskeyClient;
  /** The user's passkeys, fetched again. */
  passkeyList: () => Promise<readonly PasskeyView[]>;
  /** The security hold on releases by a new passkey, in seconds (0: none). */
  releaseHoldSeconds: () => number;
  /** Takes the user to the Security center's "Add a passkey". */
  addPasskey: () => void;
}) {
  const { passkeys } = options;
  const list = $('order-list');
  const form = $<HTMLFormElement>('order-form');
  const amount = $<HTMLInputElement>('order-amount');
  const asset = $<HTMLSelectElement>('order-asset');
  const formError = $('order-error');
  let orders: Order[] = [];

  function render() {
    $('orders-empty').hidden = orders.length > 0;
    list.replaceChildren(...[...orders].reverse().map(item));
  }

  function item(order: Order): HTMLLIElement {
    const li = make('li', { className: 'order', testId: 'order-item' });
    li.dataset.id = order.id;
    li.tabIndex = -1;
    const main = make('div', { className: 'order-main' });
    main.append(
      make('span', {
        className: 'order-amount',
        text: `Sell ${order.amount} ${order.asset}`,
        testId: 'order-summary',
      }),
      make('span', { className: 'order-id', text: `Order ${order.id}` }),
    );
    const status = make('span', {
      className: `badge ${order.status === 'released' ? 'badge-synced' : 'badge-open'}`,
      text: order.status === 'released' ? 'Released' : 'Awaiting release',
      testId: 'order-status',
    });
    status.dataset.status = order.status;
    const error = make('p', { className: 'field-error', testId: 'order-item-error' });
    error.setAttribute('role', 'alert');
    error.hidden = true;
    li.append(main, status);
    if (order.status === 'open') {
      const release = make('button', {
        className: 'btn btn-primary btn-sm',
        text: 'Release crypto',
        testId: 'order-release',
      });
      release.type = 'button';
      release.setAttribute('aria-label', `Release crypto: ${order.amount} ${order.asset}`);
      release.addEventListener('click', async () => {
        await busy(release, () => releaseOrder(order, error));
        // Back on the row: its button again, or the row itself once released.
        const row = list.querySelector<HTMLElement>(`[data-id="${CSS.escape(order.id)}"]`);
        (row?.querySelector<HTMLElement>('[data-testid="order-release"]') ?? row)?.focus();
      });
      li.append(release);
    }
    li.append(error);
    return li;
  }

  async function releaseOrder(order: Order, error: HTMLElement) {
    say(error, null);
    const mine = await options.passkeyList();
    showHold(mine, options.releaseHoldSeconds());
    if (mine.length === 0) {
      const add = make('button', {
        className: 'btn-link',
        text: 'Add a passkey in the Security center',
        testId: 'order-add-passkey',
      });
      add.type = 'button';
      add.addEventListener('click', () => options.addPasskey());
      error.replaceChildren('Releasing needs a passkey. ', add);
      error.hidden = false;
      return;
    }
    // Every passkey still on its security hold: the server would refuse, so no prompt at all.
    const held = holdEndsAt(mine, options.releaseHoldSeconds());
    if (held) return say(error, onHoldMessage(held));
    // The prompt says nothing of the order: the page shows what the passkey will sign first.
    if (!(await confirmRelease(order))) return;
    const details = { orderId: order.id, amount: order.amount, asset: order.asset };
    const step = await passkeys.stepUp({ action: 'p2p.release', details });
    if (step.status !== 'verified') return say(error, verifyMessage(step));
    const released = await api.release(order.id, step.receipt);
    if (!released.ok) return say(error, `Not released: ${friendlyError(released.error)}`);
    orders = orders.map((o) => (o.id === order.id ? released.data.order : o));
    render();
    toast(`Released ${order.amount} ${order.asset}`);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = amount.value.trim();
    // The server's rule, checked here first so the page can say what to fix.
    const problem = amountProblem(value);
    if (problem) {
      fieldError(amount, formError, amountMessage(problem));
      return amount.focus();
    }
    fieldError(amount, formError, null);
    const result = await busy($<HTMLButtonElement>('order-create'), () =>
      api.createOrder(value, asset.value),
    );
    if (!result.ok) return say(formError, orderErrorMessage(result.error, value));
    orders.push(result.data.order);
    amount.value = '';
    render();
  });

  amount.addEventListener('input', () => {
    if (amount.getAttribute('aria-invalid') === 'true') fieldError(amount, formError, null);
  });

  return {
    async refresh() {
      const result = await api.orders();
      if (result.ok) orders = result.data.orders;
      render();
    },
    /** Shows the security hold, if the user's passkeys are all too new to approve a release. */
    async showHold() {
      showHold(await options.passkeyList(), options.releaseHoldSeconds());
    },
  };
}
