// Display formatting only. The API sends money as decimal strings in rupees ("2450.05"); these
// functions regroup the digits without ever turning an amount into a float.

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;
const DASH = '—';

/** Indian digit grouping of a string of digits: 1234567 → 12,34,567. */
export function groupIndian(digits) {
  if (digits.length <= 3) return digits;
  const last3 = digits.slice(-3);
  const rest = digits.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ',');
  return `${rest},${last3}`;
}

/** "2450.5" → "2,450.50"; `signed` puts a + on positive values. Null or unparsable → "—". */
export function price(decimal, { signed = false } = {}) {
  const parts = DECIMAL.exec(String(decimal ?? ''));
  if (!parts) return DASH;
  const [, sign, whole, frac = ''] = parts;
  const zero = /^0*$/.test(whole + frac);
  const shown = `${groupIndian(whole.replace(/^0+(?=\d)/, ''))}.${(frac + '00').slice(0, 2)}`;
  if (sign === '-' && !zero) return `−${shown}`;
  return signed && !zero ? `+${shown}` : shown;
}

/** Rupees: "-1234.5" → "−₹1,234.50". */
export function inr(decimal, { signed = false } = {}) {
  const shown = price(decimal, { signed });
  if (shown === DASH) return DASH;
  return /^[+−]/.test(shown) ? `${shown[0]}₹${shown.slice(1)}` : `₹${shown}`;
}

/** Whole numbers (shares, volume) with Indian grouping. */
export function qty(n) {
  if (n === null || n === undefined || n === '') return DASH;
  const parts = DECIMAL.exec(String(n));
  if (!parts) return DASH;
  return (parts[1] === '-' ? '−' : '') + groupIndian(parts[2]);
}

/** "1.25" → "+1.25%". */
export function percent(decimal) {
  const shown = price(decimal, { signed: true });
  return shown === DASH ? DASH : `${shown}%`;
}

/** 'up', 'down' or '' for the sign of a decimal string. */
export function direction(decimal) {
  const parts = DECIMAL.exec(String(decimal ?? ''));
  if (!parts || /^0*$/.test(parts[2] + (parts[3] ?? ''))) return '';
  return parts[1] === '-' ? 'down' : 'up';
}

const TIME = new Intl.DateTimeFormat('en-IN', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const DATE_TIME = new Intl.DateTimeFormat('en-IN', { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false });

/** An ISO instant as local HH:MM:SS. */
export function clock(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? DASH : TIME.format(d);
}

/** An ISO instant as local "05 Nov, 14:03", or the time alone when it is today. */
export function when(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return DASH;
  return d.toDateString() === new Date().toDateString() ? TIME.format(d) : DATE_TIME.format(d);
}
