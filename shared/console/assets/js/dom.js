// Small DOM helpers. Text always goes in through textContent, never innerHTML: manifest data is
// untrusted input.

// h builds an element: h('a', {href: '#/x', class: 'y'}, 'text', child, [more]).
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

// clear empties an element and fills it with children.
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let announcer;
// announce tells screen-reader users what changed without moving their focus.
export function announce(text) {
  announcer ||= document.getElementById('announce');
  announcer.textContent = '';
  setTimeout(() => { announcer.textContent = text; }, 50);
}

// Times: every time the console shows is UTC with its zone, as in the alerts and on the radio.
export function utc(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d)) return iso;
  return d.toISOString().slice(0, 16).replace('T', ' ') + 'Z';
}

// until says how long until (or since) a time, to the minute.
export function until(iso, now = Date.now()) {
  const t = new Date(iso).getTime();
  if (isNaN(t)) return '';
  let m = Math.round((t - now) / 60000);
  const past = m < 0;
  m = Math.abs(m);
  const d = Math.floor(m / 1440), hh = Math.floor((m % 1440) / 60), mm = m % 60;
  const parts = [];
  if (d) parts.push(d + ' d');
  if (d || hh) parts.push(hh + ' h');
  parts.push(String(mm).padStart(d || hh ? 2 : 1, '0') + ' min');
  return past ? 'arrived ' + parts.join(' ') + ' ago' : 'in ' + parts.join(' ');
}

// countdown keeps every [data-arrival] element under root saying how long until arrival.
export function countdown(root) {
  const tick = () => {
    for (const el of root.querySelectorAll('[data-arrival]')) {
      const t = until(el.dataset.arrival);
      if (el.textContent !== t) el.textContent = t;
      el.classList.toggle('soon', new Date(el.dataset.arrival) - Date.now() < 3600e3 && new Date(el.dataset.arrival) > Date.now());
    }
  };
  tick();
  const id = setInterval(tick, 1000);
  return () => clearInterval(id);
}

export function badge(kind, value, label) {
  if (!value) return null;
  return h('span', {class: `badge ${kind}-${String(value).toLowerCase().replace(/_/g, '-')}`}, label ? `${label} ${value}` : value);
}

// personName is how a person is named on screen: SURNAME, Given names.
export function personName(p) {
  if (!p) return '';
  return [p.surname ? p.surname.toUpperCase() : '', p.givenNames || ''].filter(Boolean).join(', ');
}
