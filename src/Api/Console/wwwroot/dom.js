// Small DOM and formatting helpers shared by every view. Text always goes in as text nodes, never as HTML.

/** Creates an element: h('button', { class: 'primary', onclick: f }, 'Save'). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** An SVG element (charts). */
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

/** Replaces an element's content. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

let fieldIds = 0;

/** A labelled form field: the label is tied to the control, and API errors for `field` show under it. */
export function field(label, control, { field: name, hint } = {}) {
  control.id ||= `f${++fieldIds}`;
  const error = h('p', { class: 'field-error', id: `${control.id}-error`, 'data-error-for': name });
  const described = [hint ? `${control.id}-hint` : null, error.id].filter(Boolean).join(' ');
  control.setAttribute('aria-describedby', described);
  if (name) control.dataset.field = name;
  return h('div', { class: 'field' },
    h('label', { for: control.id }, label),
    hint ? h('p', { class: 'hint', id: `${control.id}-hint` }, hint) : null,
    control, error);
}

export const formatNumber = new Intl.NumberFormat(undefined).format;

/** +15551234567 as +1 555-123-4567; anything else as given. */
export function phone(number) {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number ?? '');
  return m ? `+1 ${m[1]}-${m[2]}-${m[3]}` : (number ?? '—');
}

/** Seconds as 1:05 or 1:02:03. */
export function clock(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '—';
  const s = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(s / 3600), minutes = Math.floor((s % 3600) / 60), rest = s % 60;
  const mm = hours ? String(minutes).padStart(2, '0') : String(minutes);
  return `${hours ? hours + ':' : ''}${mm}:${String(rest).padStart(2, '0')}`;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function time(iso) {
  return iso ? timeFormat.format(new Date(iso)) : '—';
}

export function dateTime(iso) {
  return iso ? dateTimeFormat.format(new Date(iso)) : '—';
}

// Building an Intl formatter costs far more than using one: one per currency, made once.
const moneyFormats = new Map();

export function money(amount, currency) {
  if (amount === null || amount === undefined) return '—';
  const code = (currency || 'USD').toUpperCase();
  try {
    if (!moneyFormats.has(code)) {
      moneyFormats.set(code, new Intl.NumberFormat(undefined, { style: 'currency', currency: code, maximumFractionDigits: 4 }));
    }
    return moneyFormats.get(code).format(amount);
  } catch {
    return `${amount} ${currency ?? ''}`.trim();
  }
}

/** Today (or `days` from today) as yyyy-MM-dd in the browser's zone. */
export function isoDay(offsetDays = 0) {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

let toastTimer;

/** A short message in the corner, read out by screen readers. */
export function toast(message, kind = 'ok') {
  const element = document.getElementById('toast');
  element.textContent = message;
  element.dataset.kind = kind;
  element.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { element.hidden = true; }, 4000);
}

/** A page heading with optional actions on the right. */
export function pageHeader(title, subtitle, ...actions) {
  return h('div', { class: 'page-header' },
    h('div', {}, h('h1', {}, title), subtitle ? h('p', { class: 'muted' }, subtitle) : null),
    actions.length ? h('div', { class: 'actions' }, actions) : null);
}

/** Shown in place of a section the token may not use, saying why. */
export function notPermitted(permission, what) {
  return h('div', { class: 'card notice', role: 'note' },
    h('strong', {}, 'Not available with this token. '),
    `${what} needs the "${permission}" permission, which your token does not grant. Ask your administrator for a token that has it.`);
}
