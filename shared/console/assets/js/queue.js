// The queue: live manifests by status and arrival, with the list API's filters and paging, and
// polling so that a new alert appears without a reload.
import {api} from './api.js';
import {submitterOnly} from './auth.js';
import {h, fill, announce, utc, until, countdown, badge} from './dom.js';

const STATUSES = ['RECEIVED', 'SCREENED', 'FLAGGED', 'NEEDS_INFO', 'ESCALATED', 'CLEARED', 'DENIED', 'CLOSED'];

// Query parameters of the list API that the queue carries in its URL (#/queue?status=FLAGGED).
function queryOf(params) {
  const q = new URLSearchParams();
  for (const k of ['status', 'arrival', 'from', 'to', 'limit', 'cursor']) if (params.get(k)) q.set(k, params.get(k));
  return q;
}

// Inputs of type datetime-local hold a wall-clock time with no zone: the console treats them as
// UTC, as it shows every time.
const toLocalInput = iso => iso ? new Date(iso).toISOString().slice(0, 16) : '';
const fromLocalInput = v => v ? v + ':00Z' : '';

export function renderQueue(main, params, session, cfg) {
  const submitter = submitterOnly(session);
  const q = queryOf(params);
  const stops = [];
  const seen = new Set();
  const marked = new Set();
  let first = true;

  const status = h('select', {id: 'f-status', name: 'status'}, h('option', {value: ''}, 'All statuses'),
    STATUSES.map(s => h('option', {value: s, selected: q.get('status') === s}, s)));
  const arrival = h('input', {id: 'f-arrival', name: 'arrival', value: q.get('arrival') || '', placeholder: 'ETAR', maxlength: 4, autocomplete: 'off', spellcheck: 'false', pattern: '[A-Za-z]{4}', class: 'narrow'});
  const from = h('input', {id: 'f-from', name: 'from', type: 'datetime-local', value: toLocalInput(q.get('from'))});
  const to = h('input', {id: 'f-to', name: 'to', type: 'datetime-local', value: toLocalInput(q.get('to'))});
  const limit = h('select', {id: 'f-limit', name: 'limit'}, ['25', '50', '100'].map(n => h('option', {value: n, selected: (q.get('limit') || '50') === n}, n)));

  const form = h('form', {class: 'filters', 'aria-label': 'Filter the queue', onsubmit: e => {
    e.preventDefault();
    const n = new URLSearchParams();
    if (!submitter && status.value) n.set('status', status.value);
    if (arrival.value.trim()) n.set('arrival', arrival.value.trim().toUpperCase());
    if (from.value) n.set('from', fromLocalInput(from.value));
    if (to.value) n.set('to', fromLocalInput(to.value));
    if (limit.value !== '50') n.set('limit', limit.value);
    location.hash = '#/queue' + (n.toString() ? '?' + n : '');
  }},
    submitter ? null : h('div', {class: 'field'}, h('label', {for: 'f-status'}, 'Status'), status),
    h('div', {class: 'field'}, h('label', {for: 'f-arrival'}, 'Arrival airport (ICAO)'), arrival),
    h('div', {class: 'field'}, h('label', {for: 'f-from'}, 'Arriving from (UTC)'), from),
    h('div', {class: 'field'}, h('label', {for: 'f-to'}, 'Arriving until (UTC)'), to),
    h('div', {class: 'field'}, h('label', {for: 'f-limit'}, 'Per page'), limit),
    h('div', {class: 'field actions'}, h('button', {type: 'submit'}, 'Apply'), h('a', {href: '#/queue', class: 'button secondary'}, 'Reset')));

  const caption = h('caption', {}, submitter ? 'Your organisation\'s manifests' : 'Manifests by status, then scheduled arrival');
  const tbody = h('tbody', {});
  const cols = submitter
    ? ['Status', 'Flight', 'Route', 'Arrival (UTC)', 'Time to arrival', 'Persons', 'Findings']
    : ['Status', 'Level', 'Score', 'Flight', 'Route', 'Arrival (UTC)', 'Time to arrival', 'Persons', 'Decision'];
  const table = h('table', {class: 'queue', id: 'queue'}, caption, h('thead', {}, h('tr', {}, cols.map(c => h('th', {scope: 'col'}, c)))), tbody);
  const state = h('p', {class: 'state', id: 'queue-state'});
  const paging = h('nav', {class: 'paging', 'aria-label': 'Pages'});
  const updated = h('p', {class: 'updated'});

  // One tap to what needs a decision first: the list API orders by status, then arrival.
  const quick = submitter ? null : h('nav', {class: 'quick', 'aria-label': 'Quick views'},
    [['FLAGGED', 'Flagged'], ['ESCALATED', 'Escalated'], ['NEEDS_INFO', 'Needs information'], ['', 'All']].map(([st, label]) =>
      h('a', {href: '#/queue' + (st ? '?status=' + st : ''), 'aria-current': (q.get('status') || '') === st && !q.get('arrival') && !q.get('from') && !q.get('to') ? 'page' : null}, label)));
  fill(main,
    h('h1', {tabindex: '-1'}, submitter ? 'Manifests' : 'Review queue'),
    quick, form, state, h('div', {class: 'table-wrap'}, table), paging, updated);

  function row(m, fresh) {
    const label = [m.flightNumber, m.registration].filter(Boolean).join(' / ') || m.id;
    const link = h('a', {href: '#/manifests/' + m.id, 'data-id': m.id}, label);
    const route = `${m.departureAirport} → ${m.arrivalAirport}`;
    const cells = submitter
      ? [h('td', {}, badge('status', m.status)), h('th', {scope: 'row'}, link, fresh ? h('span', {class: 'badge new'}, 'new') : null), h('td', {}, route),
        h('td', {}, utc(m.arrivalTime)), h('td', {'data-arrival': m.arrivalTime}, until(m.arrivalTime)), h('td', {class: 'num'}, m.personCount),
        h('td', {class: 'num'}, (m.warnings || []).length)]
      : [h('td', {}, badge('status', m.status)), h('td', {}, badge('level', m.level) || h('span', {class: 'muted'}, 'pending')),
        h('td', {class: 'num'}, m.level ? m.score : ''), h('th', {scope: 'row'}, link, fresh ? h('span', {class: 'badge new'}, 'new') : null),
        h('td', {}, route), h('td', {}, utc(m.arrivalTime)), h('td', {'data-arrival': m.arrivalTime}, until(m.arrivalTime)), h('td', {class: 'num'}, m.personCount),
        h('td', {}, m.decision || '')];
    return h('tr', {class: fresh ? 'fresh' : '', 'data-level': m.level || ''}, cells);
  }

  let stopped = false;
  let last = '';
  async function load() {
    let page;
    try {
      page = await api('manifests' + (q.toString() ? '?' + q : ''));
    } catch (e) {
      if (stopped) return;
      if (e.status === 401) throw e;
      state.className = 'state error';
      state.textContent = 'The queue could not be loaded: ' + e.message;
      return;
    }
    if (stopped) return; // the reviewer has moved on: this answer is for a page no longer shown
    const items = page.items || [];
    // New since the queue opened: marked until the reviewer leaves the queue.
    const fresh = first ? [] : items.filter(m => !seen.has(m.id));
    fresh.forEach(m => marked.add(m.id));
    // Redraw only what changed, so that a poll does not churn the table under a reader's
    // fingers; a redraw keeps the focus on the same manifest.
    const snapshot = JSON.stringify(items) + [...marked].join();
    if (snapshot !== last) {
      last = snapshot;
      const focused = document.activeElement?.dataset?.id;
      fill(tbody, items.map(m => row(m, marked.has(m.id))));
      if (focused) tbody.querySelector(`a[data-id="${CSS.escape(focused)}"]`)?.focus();
    }
    items.forEach(m => seen.add(m.id));
    state.className = 'state';
    state.textContent = items.length ? `${items.length} manifest${items.length === 1 ? '' : 's'} on this page.` : 'No manifests match.';
    if (fresh.length) announce(`${fresh.length} new manifest${fresh.length === 1 ? '' : 's'} in the queue.`);
    fill(paging,
      q.get('cursor') ? h('a', {class: 'button secondary', href: '#/queue' + pageLink(null)}, 'First page') : null,
      page.cursor ? h('a', {class: 'button secondary', href: '#/queue' + pageLink(page.cursor), rel: 'next'}, 'Next page') : null);
    updated.textContent = 'Updated ' + utc(new Date().toISOString()) + `; checks for new manifests every ${cfg.pollSeconds || 15} s.`;
    first = false;
  }

  function pageLink(cursor) {
    const n = new URLSearchParams(q);
    if (cursor) n.set('cursor', cursor); else n.delete('cursor');
    return n.toString() ? '?' + n : '';
  }

  stops.push(countdown(tbody));
  const poll = setInterval(() => { load().catch(e => { if (e.status === 401) location.hash = '#/login?expired=1'; }); }, 1000 * (cfg.pollSeconds || 15));
  stops.push(() => clearInterval(poll));
  return {ready: load(), stop: () => { stopped = true; stops.forEach(f => f()); }};
}
