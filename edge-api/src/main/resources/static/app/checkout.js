// The deposit checkout page (served by the node at /api/v1/payments/checkout/<intentId>): opens Razorpay
// Checkout for the order the page names, and goes back to the account page when Checkout closes. The
// page's content security policy lets in only Razorpay's checkout script, frames and API calls.

const page = document.getElementById('checkout');
const { keyId, orderId, amount, currency, intentId, returnUrl } = page.dataset;
const status = document.getElementById('checkout-status');
const back = () => window.location.assign(returnUrl);

function open() {
  if (typeof window.Razorpay !== 'function') {
    status.textContent = 'Razorpay Checkout could not be loaded; check your connection and try again.';
    return;
  }
  const checkout = new window.Razorpay({
    key: keyId,
    order_id: orderId,
    amount: Number(amount), // paise, at most 10^12: exact in a double
    currency,
    name: 'Bourse',
    description: `Deposit ${intentId}`,
    notes: { intentId },
    // Paid: the balance is credited once Razorpay's signed webhook reconciles, which the account page shows.
    handler: back,
    modal: { ondismiss: back },
  });
  checkout.on('payment.failed', response => {
    status.textContent = `The payment failed (${response.error?.reason ?? 'unknown reason'}); you may try again.`;
  });
  checkout.open();
}

document.getElementById('pay').addEventListener('click', open);
open();
