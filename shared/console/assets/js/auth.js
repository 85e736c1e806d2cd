// Sign-in. In AWS: the OpenID Connect authorization code flow with PKCE against the stack's
// issuer (the Cognito hosted UI by default). Locally: one of the identities the local stack
// lists. Either way the token lives in this module's memory only, never in localStorage or a
// cookie: closing the tab signs out, and a script injected elsewhere on the origin cannot find it
// in storage. sessionStorage holds only the PKCE verifier and state between the redirect and the
// callback, and never a token.

let config = null;
let session = null;

export async function loadConfig() {
  const r = await fetch('config.json', {cache: 'no-cache'});
  if (!r.ok) throw new Error('The console configuration did not load (' + r.status + ').');
  config = await r.json();
  return config;
}

export function getConfig() { return config; }

// current is the signed-in session, or null once the token has expired.
export function current() {
  if (session && session.claims.exp && session.claims.exp * 1000 <= Date.now()) session = null;
  return session;
}

export function useToken(token) {
  const claims = decode(token);
  session = {token, claims, roles: rolesOf(claims), org: claims.org || claims['custom:org'] || '', subject: claims.email || claims['cognito:username'] || claims.sub};
  return session;
}

export function forget() { session = null; }

// signOut forgets the token and, with a hosted UI, ends its session too.
export function signOut() {
  session = null;
  if (config && config.auth === 'oidc' && config.logoutUrl) {
    const u = new URL(config.logoutUrl);
    u.searchParams.set('client_id', config.clientId);
    u.searchParams.set('logout_uri', redirectUri());
    location.assign(u.href);
    return;
  }
  location.hash = '#/login';
}

// The token's payload, for the page's own use (what to show); the API verifies the signature.
function decode(token) {
  const part = (token.split('.')[1] || '').replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(part + '='.repeat((4 - part.length % 4) % 4));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, c => c.charCodeAt(0))));
}

// Roles as the API reads them: the roles claim, or Cognito's groups.
function rolesOf(claims) {
  let r = claims.roles ?? claims['cognito:groups'] ?? [];
  if (typeof r === 'string') r = r.replace(/^\[|\]$/g, '').split(/[\s,]+/);
  return r.filter(Boolean);
}

export function hasRole(s, role) { return !!s && s.roles.includes(role); }

// A submitter who neither reviews nor administers sees only status and validation findings.
export function submitterOnly(s) { return !hasRole(s, 'reviewer') && !hasRole(s, 'admin'); }

export function redirectUri() {
  const u = new URL('index.html', location.href);
  u.search = '';
  u.hash = '';
  return u.href;
}

function b64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// beginLogin sends the browser to the issuer's authorization endpoint.
export async function beginLogin(returnTo) {
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = b64url(crypto.getRandomValues(new Uint8Array(16)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  sessionStorage.setItem('paxscreen.pkce', JSON.stringify({verifier, state, returnTo}));
  const u = new URL(config.authorizeUrl);
  u.search = new URLSearchParams({
    response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri(),
    scope: config.scopes || 'openid email profile', state,
    code_challenge: b64url(new Uint8Array(digest)), code_challenge_method: 'S256',
  }).toString();
  location.assign(u.href);
}

// completeLogin finishes the flow when the issuer sent the browser back with a code; it
// returns the route to open, or null when this load is not a callback.
export async function completeLogin() {
  const q = new URLSearchParams(location.search);
  if (!q.has('code') && !q.has('error')) return null;
  const saved = JSON.parse(sessionStorage.getItem('paxscreen.pkce') || 'null');
  sessionStorage.removeItem('paxscreen.pkce');
  // The code is single-use and must not stay in the address bar or the history.
  history.replaceState(null, '', redirectUri() + (saved?.returnTo || '#/queue'));
  if (q.has('error')) throw new Error('Sign-in failed: ' + (q.get('error_description') || q.get('error')));
  if (!saved || saved.state !== q.get('state')) throw new Error('Sign-in failed: the answer does not belong to this sign-in (state). Sign in again.');
  const r = await fetch(config.tokenUrl, {
    method: 'POST',
    headers: {'Content-Type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({grant_type: 'authorization_code', client_id: config.clientId, code: q.get('code'), redirect_uri: redirectUri(), code_verifier: saved.verifier}),
  });
  if (!r.ok) throw new Error('Sign-in failed: the token endpoint answered ' + r.status + '. Sign in again.');
  const t = await r.json();
  // The ID token: it carries the groups and the organisation the API authorises on.
  useToken(t.id_token);
  return saved.returnTo || '#/queue';
}
