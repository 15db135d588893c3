// The console's one way to the server: the public API, with the signed-in token. Permissions and tenant isolation
// are the API's; what the page reads from the token only decides what to show.

const storageKey = 'receptionist.token';

/** An API answer that was not a success, carrying its problem+json (title, detail, errors by field). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `The server answered ${status}.`);
    this.status = status;
    this.problem = problem ?? {};
    this.errors = problem?.errors ?? {};
  }
}

export const session = {
  get token() { return sessionStorage.getItem(storageKey); },
  set token(value) {
    if (value) sessionStorage.setItem(storageKey, value);
    else sessionStorage.removeItem(storageKey);
  },

  /** The token's claims, decoded without checking (the server checks); null when it is not a JWT. */
  get claims() {
    try {
      const payload = this.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const json = decodeURIComponent([...atob(payload)].map(c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
      return JSON.parse(json);
    } catch {
      return null;
    }
  },

  /** The permissions the token grants: its `permissions` claim, or its role's (the API's table). */
  get permissions() {
    const claims = this.claims ?? {};
    const listed = [claims.permissions ?? []].flat().flatMap(p => String(p).split(' ')).filter(Boolean);
    if (listed.length) return new Set(listed);
    return new Set([claims.role ?? []].flat().flatMap(role => roles[String(role).toLowerCase()] ?? []));
  },

  can(permission) { return this.permissions.has(permission); },
};

const all = ['calls:create', 'calls:read', 'sms:create', 'sms:read', 'phone_numbers:create', 'phone_numbers:read',
  'recordings:read', 'analytics:read', 'settings:read', 'settings:write', 'system:read'];
const roles = {
  owner: all,
  admin: all.filter(p => p !== 'system:read'),
  agent: ['calls:create', 'calls:read', 'sms:create', 'sms:read', 'phone_numbers:read', 'recordings:read', 'settings:read'],
  viewer: ['calls:read', 'sms:read', 'phone_numbers:read', 'analytics:read', 'settings:read'],
};

const listeners = new Set();

/** Called when the server refuses the token (expired, revoked): the app signs out. */
export function onUnauthorized(listener) { listeners.add(listener); }

/** Calls the API; resolves to the parsed JSON body, rejects with ApiError. */
export async function api(path, { method = 'GET', body, signal, contentType = 'application/json' } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      signal,
      headers: {
        Authorization: `Bearer ${session.token}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': contentType }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, { title: 'Offline', detail: 'The server could not be reached. Check your connection and try again.' });
  }

  const text = await response.text();
  const json = text ? safeParse(text) : null;
  if (!response.ok) {
    if (response.status === 401) listeners.forEach(l => l(json));
    throw new ApiError(response.status, json);
  }

  return json;
}

function safeParse(text) {
  try { return JSON.parse(text); } catch { return { detail: text }; }
}

/** Builds a query string, leaving out empty values. */
export function query(path, parameters) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Reads a Server-Sent Events route with the bearer token (EventSource cannot send one). Calls onEvent(name, data)
 * per event; resolves when the stream ends, rejects when it fails.
 */
export async function stream(path, onEvent, signal) {
  const response = await fetch(path, {
    headers: { Authorization: `Bearer ${session.token}`, Accept: 'text/event-stream' },
    signal,
    cache: 'no-store',
  });
  if (!response.ok) {
    const text = await response.text();
    if (response.status === 401) listeners.forEach(l => l(null));
    throw new ApiError(response.status, text ? safeParse(text) : null);
  }

  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) onEvent(name, safeParse(data.join('\n')));
    }
  }
}
