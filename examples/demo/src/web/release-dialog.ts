import type { Order } from './api';
import { $ } from './dom';

/**
 * "Release this crypto to the buyer?": the order's amount, asset and ID, shown before the passkey
 * prompt, which says nothing of them. Resolves `true` on "Confirm with a passkey", `false` on
 * Cancel or Escape.
 */
export function confirmRelease(order: Order): Promise<boolean> {
  const dialog = $<HTMLDialogElement>('dialog-release');
  const confirm = $<HTMLButtonElement>('release-confirm');
  const cancel = $<HTMLButtonElement>('release-cancel');
  $('release-amount').textContent = order.amount;
  $('release-asset').textContent = order.asset;
  $('release-order').textContent = order.id;
  return new Promise((resolve) => {
    let confirmed = false;
    const onConfirm = () => {
      confirmed = true;
      dialog.close();
    };
    const onCancel = () => dialog.close();
    confirm.addEventListener('click', onConfirm);
    cancel.addEventListener('click', onCancel);
    dialog.addEventListener(
      'close',
      () => {
        confirm.removeEventListener('click', onConfirm);
        cancel.removeEventListener('click', onCancel);
        resolve(confirmed);
      },
      { once: true },
    );
    dialog.showModal();
    confirm.focus();
  });
}
