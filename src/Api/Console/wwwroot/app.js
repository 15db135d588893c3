// The console's entry: sign in and out, the section router (#/board, #/calls/{sid}, #/analytics, …), and the
// navigation that shows only what the token may use.
import { api, ApiError, onUnauthorized, session } from './api.js';
import { feed } from './feed.js';
import { h, notPermitted, replace } from './dom.js';
import { beginSignIn, completeSignIn, oidcConfig } from './oidc.js';

const sections = {
  board: { permission: 'calls:read', load: () => import('./board.js') },
  calls: { permission: 'calls:read', load: () => import('./call.js') },
  analytics: { permission: 'analytics:read', load: () => import('./analytics.js') },
  messages: { permission: 'sms:read', load: () => import('./messages.js') },
  setup: { permission: 'settings:read', load: () => import('./settings.js') },
  numbers: { permission: 'phone_numbers:read', load: () => import('./numbers.js') },
  events: { permission: 'settings:read', load: () => import('./events.js') },
};

const main = document.getElementById('main');
let leave = null;
let generation = 0;

function signedIn() {
  document.getElementById('sign-in').hidden = true;
  document.getElementById('shell').hidden = false;
  const tenant = document.getElementById('tenant');
  tenant.textContent = session.claims?.tenant_id ?? '';
  if (session.can('settings:read')) {
    api('/api/tenant/settings').then(s => { if (s.businessName) tenant.textContent = s.businessName; }).catch(() => {});
  }
  for (const link of document.querySelectorAll('#nav a')) {
    const permission = sections[link.dataset.section].permission;
    const allowed = session.can(permission);
    link.parentElement.hidden = !allowed;
  }
  if (session.can('calls:read')) feed.start();
  route();
}

function signedOut(message) {
  feed.stop();
  leave?.();
  leave = null;
  session.token = null;
  main.replaceChildren();
  document.getElementById('shell').hidden = true;
  document.getElementById('sign-in').hidden = false;
  document.getElementById('sign-in-error').textContent = message ?? '';
  const token = document.getElementById('token');
  token.value = '';
  token.focus();
}

/** The first section the token may use: where a bare `#/` leads. */
function home() {
  return ['board', 'analytics', 'messages', 'setup', 'numbers', 'events'].find(name => session.can(sections[name].permission));
}

async function route() {
  if (!session.token) return;
  const [name, ...rest] = location.hash.replace(/^#\/?/, '').split('?')[0].split('/');
  const section = sections[name] ? name : home();
  if (!section) {
    replace(main, h('div', { class: 'card notice' }, 'This token grants none of the permissions the console uses (calls:read, analytics:read, sms:read, settings:read or phone_numbers:read).'));
    return;
  }
  if (section !== name) {
    location.replace(`#/${section}`);
    return;
  }

  for (const link of document.querySelectorAll('#nav a')) {
    const current = link.dataset.section === (section === 'calls' ? 'board' : section);
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }

  leave?.();
  leave = null;
  const mine = ++generation;
  if (!session.can(sections[section].permission)) {
    replace(main, notPermitted(sections[section].permission, 'This section'));
    return;
  }

  main.replaceChildren(h('p', { class: 'muted loading' }, 'Loading…'));
  const module = await sections[section].load();
  if (mine !== generation) return;
  main.replaceChildren();
  leave = module.render(main, rest.map(decodeURIComponent)) ?? null;
  document.title = `${main.querySelector('h1')?.textContent ?? 'Console'} · Receptionist`;
}

async function signIn(event) {
  event.preventDefault();
  const error = document.getElementById('sign-in-error');
  const token = document.getElementById('token').value.trim().replace(/^Bearer\s+/i, '');
  error.textContent = '';
  if (!token) {
    error.textContent = 'Paste a token first.';
    return;
  }

  await accept(token);
}

/** Signs in with a token (pasted, or from the authority) once one call the token allows has succeeded. */
async function accept(token) {
  const error = document.getElementById('sign-in-error');
  session.token = token;
  const probe = session.can('calls:read') ? '/api/signalwire/calls?limit=1'
    : session.can('settings:read') ? '/api/tenant/settings'
    : session.can('analytics:read') ? '/api/signalwire/analytics'
    : session.can('sms:read') ? '/api/signalwire/sms?limit=1'
    : session.can('phone_numbers:read') ? '/api/signalwire/phone-numbers' : null;
  if (!session.claims || !probe) {
    session.token = null;
    error.textContent = session.claims ? 'This token grants none of the permissions the console uses.' : 'That is not an API token (a JWT has three parts separated by dots).';
    return;
  }

  try {
    await api(probe);
    signedIn();
  } catch (e) {
    session.token = null;
    error.textContent = e instanceof ApiError ? `Sign-in refused: ${e.message}` : String(e);
  }
}

/** Offers the authority's sign-in when one is configured, and finishes one the browser is coming back from. */
async function offerAuthority() {
  const oidc = await oidcConfig();
  if (oidc) {
    const button = document.getElementById('oidc-sign-in');
    button.textContent = `Sign in with ${new URL(oidc.authority).host}`;
    button.onclick = () => beginSignIn(oidc).catch(e => { document.getElementById('sign-in-error').textContent = e.message; });
    document.getElementById('oidc').hidden = false;
  }

  try {
    const token = await completeSignIn();
    if (token) await accept(token);
  } catch (e) {
    signedOut(e.message);
  }
}

document.getElementById('sign-in-form').addEventListener('submit', signIn);
document.getElementById('sign-out').addEventListener('click', () => signedOut('You are signed out.'));
onUnauthorized(problem => signedOut(`Your session ended: ${problem?.detail ?? 'the token is no longer accepted'}. Sign in again.`));
addEventListener('hashchange', route);

if (session.token && session.claims) signedIn();
else {
  signedOut();
  offerAuthority();
}
