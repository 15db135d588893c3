// Signing in at the tenant's OIDC authority: the authorization code flow with PKCE (RFC 7636, S256), as a public
// client (no secret in the page). The access token it yields is used exactly like a pasted one and, like it, is
// kept in this tab's sessionStorage only.

const pendingKey = 'receptionist.oidc';

/** The console's sign-in configuration: { authority, clientId, scope }, or null when only pasted tokens work. */
export async function oidcConfig() {
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    return response.ok ? (await response.json()).oidc ?? null : null;
  } catch {
    return null;
  }
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText(length) {
  return base64Url(crypto.getRandomValues(new Uint8Array(length)));
}

const redirectUri = () => `${location.origin}${location.pathname}`;

/** Goes to the authority's sign-in page; the browser comes back to this page with a code. */
export async function beginSignIn({ authority, clientId, scope }) {
  const response = await fetch(`${authority}/.well-known/openid-configuration`).catch(() => null);
  if (!response?.ok) throw new Error(`The sign-in provider at ${authority} could not be reached${response ? ` (it answered ${response.status})` : ''}.`);
  const metadata = await response.json();
  const verifier = randomText(48);
  const state = randomText(16);
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(pendingKey, JSON.stringify({ verifier, state, clientId, tokenEndpoint: metadata.token_endpoint, redirectUri: redirectUri() }));
  const url = new URL(metadata.authorization_endpoint);
  for (const [name, value] of Object.entries({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri(), scope, state,
    code_challenge: challenge, code_challenge_method: 'S256' })) {
    url.searchParams.set(name, value);
  }
  location.assign(url.href);
}

/**
 * When this page load is the authority sending the browser back, trades the code for an access token and returns it;
 * returns null on an ordinary load; throws with the reason when the sign-in failed.
 */
export async function completeSignIn() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(pendingKey) ?? 'null');
  sessionStorage.removeItem(pendingKey);
  // The code is single use and says nothing to keep: it leaves the address bar and the history at once.
  history.replaceState(null, '', `${location.pathname}${location.hash}`);
  if (params.has('error')) throw new Error(`The sign-in provider refused: ${params.get('error_description') || params.get('error')}.`);
  if (!pending || params.get('state') !== pending.state) throw new Error('This sign-in was not started from this page (its state does not match). Start again.');

  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: pending.redirectUri,
      client_id: pending.clientId, code_verifier: pending.verifier }),
  }).catch(() => null);
  const json = response ? await response.json().catch(() => ({})) : {};
  if (!response?.ok || !json.access_token) {
    throw new Error(`The sign-in provider issued no token: ${json.error_description || json.error || (response ? `it answered ${response.status}` : 'it could not be reached')}.`);
  }
  return json.access_token;
}
