// The console's entry point: sign-in, then a hash router over two views (the queue and a
// manifest). Hash routes keep deep links working with static hosting and any stage prefix:
// .../console/index.html#/manifests/<id>.
import {loadConfig, getConfig, current, useToken, forget, signOut, beginLogin, completeLogin} from './auth.js';
import {renderQueue} from './queue.js';
import {renderManifest} from './manifest.js';
import {h, fill} from './dom.js';

const main = document.getElementById('main');
let view = null;

function parse(hash) {
  const [path, query] = (hash.replace(/^#/, '') || '/queue').split('?');
  return {path, params: new URLSearchParams(query || '')};
}

let generation = 0;

async function route() {
  view?.stop();
  view = null;
  // A later navigation supersedes this one: nothing below may touch the page once it has.
  const mine = ++generation;
  const {path, params} = parse(location.hash);
  const s = current();
  whoami(s);
  if (path === '/login' || !s) {
    const returnTo = path === '/login' ? (sessionStorage.getItem('paxscreen.return') || '#/queue') : location.hash || '#/queue';
    if (path !== '/login') sessionStorage.setItem('paxscreen.return', returnTo);
    login(params.has('expired') || (path !== '/login' && s === null && sessionStorage.getItem('paxscreen.signedin') === '1'));
    return;
  }
  const m = /^\/manifests\/([A-Z2-7]{26})$/.exec(path);
  if (m) view = renderManifest(main, m[1], s, getConfig());
  else view = renderQueue(main, params, s, getConfig());
  try {
    await view.ready;
  } catch (e) {
    if (mine !== generation) return;
    if (e.status === 401) {
      forget();
      sessionStorage.setItem('paxscreen.return', location.hash);
      location.hash = '#/login?expired=1';
      return;
    }
    fill(main, h('h1', {tabindex: '-1'}, 'Something went wrong'), h('p', {class: 'error', role: 'alert'}, e.message));
  }
  if (mine === generation && !m) main.querySelector('h1')?.focus();
}

function whoami(s) {
  const who = document.getElementById('who');
  const out = document.getElementById('signout');
  who.textContent = s ? `${s.subject} · ${s.roles.join(', ')}${s.org ? ' · ' + s.org : ''}` : '';
  out.hidden = !s;
}

function signedIn(token) {
  useToken(token);
  sessionStorage.setItem('paxscreen.signedin', '1');
  const to = sessionStorage.getItem('paxscreen.return') || '#/queue';
  sessionStorage.removeItem('paxscreen.return');
  if (location.hash === to) route(); else location.hash = to;
}

function login(expired) {
  const cfg = getConfig();
  const note = expired ? h('p', {class: 'notice', role: 'status'}, 'Your session has ended: sign in again to continue where you were.') : null;
  if (cfg.auth === 'local') {
    fill(main, h('h1', {tabindex: '-1'}, 'Sign in to the local stack'), note,
      h('p', {}, 'The local stack signs in with the tokens it minted at start. Choose who you are:'),
      h('ul', {class: 'identities'}, (cfg.identities || []).map(id => h('li', {},
        h('button', {type: 'button', class: 'identity', 'data-label': id.label, onclick: () => signedIn(id.token)}, id.label)))));
  } else if (cfg.auth === 'oidc' && cfg.authorizeUrl && cfg.clientId) {
    fill(main, h('h1', {tabindex: '-1'}, 'Sign in'), note,
      h('p', {}, 'Sign in with your paxscreen account. You will come back to the page you asked for.'),
      h('button', {type: 'button', id: 'signin', onclick: () => beginLogin(sessionStorage.getItem('paxscreen.return') || '#/queue')}, 'Sign in'));
  } else {
    fill(main, h('h1', {tabindex: '-1'}, 'Sign-in is not configured'),
      h('p', {}, 'This deployment has no console client: set the ConsoleClientId, ConsoleAuthorizeUrl and ConsoleTokenUrl stack parameters, or leave JwtIssuer empty to let the stack create its own user pool.'));
  }
  main.querySelector('h1').focus();
}

document.getElementById('signout').addEventListener('click', () => {
  sessionStorage.removeItem('paxscreen.signedin');
  signOut();
  whoami(null);
  route();
});
window.addEventListener('hashchange', route);

(async () => {
  try {
    await loadConfig();
    const to = await completeLogin();
    if (to) sessionStorage.setItem('paxscreen.signedin', '1');
  } catch (e) {
    fill(main, h('h1', {tabindex: '-1'}, 'Sign-in failed'), h('p', {class: 'error', role: 'alert'}, e.message),
      h('p', {}, h('a', {href: '#/login'}, 'Sign in again')));
    return;
  }
  route();
})();
