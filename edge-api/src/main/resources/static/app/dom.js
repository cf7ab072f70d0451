// A tiny element builder. Text always goes in as text nodes, never as HTML, so data from the API
// or the stream can't inject markup.

/**
 * h('td', {class: 'num', dataset: {orderId: id}, onclick: fn}, 'text', childElement)
 * Attributes: `class`, `dataset`, `on<event>` handlers, boolean `true` (present) / `false`/null (absent),
 * anything else via setAttribute.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export const $ = (selector, root = document) => root.querySelector(selector);

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/**
 * Replaces a table body's rows with `rows`, keeping every old row that looks the same (same
 * `data-<key>`, equal node), so a refresh doesn't take keyboard focus from an unchanged row's button.
 */
export function reconcile(body, rows, key) {
  const old = new Map([...body.children].filter(el => el.dataset[key]).map(el => [el.dataset[key], el]));
  const next = rows.map(row => {
    const existing = old.get(row.dataset[key]);
    return existing && existing.isEqualNode(row) ? existing : row;
  });
  const keep = new Set(next);
  for (const el of [...body.children]) if (!keep.has(el)) el.remove();
  next.forEach((el, i) => {
    if (body.children[i] !== el) body.insertBefore(el, body.children[i] ?? null);
  });
}

/** Shows a result line: `kind` is 'ok', 'info' or 'error'; errors are announced assertively. */
export function showResult(el, kind, ...children) {
  el.replaceChildren(h('p', { class: `msg ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...children));
}

/** The problem code and detail of an ApiError as elements, the code marked for tests and styling. */
export function problemView(error) {
  return [h('code', { class: 'problem-code', dataset: { problemCode: error.code } }, error.code), ' ', error.detail];
}

/** Calls fn at most once per `ms`, with the latest arguments, trailing. */
export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** Reads a form's named fields into an object of trimmed strings (checkboxes as booleans). */
export function formValues(form) {
  const values = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    if (el.type === 'checkbox') values[el.name] = el.checked;
    else if (el.type === 'radio') { if (el.checked) values[el.name] = el.value; }
    else values[el.name] = el.value.trim();
  }
  return values;
}
