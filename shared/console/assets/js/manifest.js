// The manifest view: flight, organiser, persons, findings, watchlist matches with their
// explanations, versions, assessment history, audit trail, and the decision form bound to the
// assessment on screen.
import {api, ApiError} from './api.js';
import {hasRole, submitterOnly} from './auth.js';
import {h, fill, announce, utc, until, countdown, badge, personName} from './dom.js';

const WATCHLIST_RULES = ['WATCHLIST_STRONG_MATCH', 'WATCHLIST_POSSIBLE_MATCH'];
const DECISIONS = [
  ['CLEARED', 'Cleared', 'the flight may land as planned'],
  ['NEEDS_INFO', 'Needs information', 'ask the organiser before deciding'],
  ['ESCALATED', 'Escalated', 'hand over to the next level'],
  ['DENIED', 'Denied', 'the flight or the persons named may not land'],
];
const PAGE = 100;

export function renderManifest(main, id, session, cfg = {}) {
  const stops = [];
  let stopped = false;
  const ready = load();
  async function load() {
    fill(main, h('p', {class: 'loading'}, 'Loading the manifest…'));
    const reviewer = !submitterOnly(session);
    let view, history = null, audit = null;
    try {
      [view, history, audit] = await Promise.all([
        api('manifests/' + encodeURIComponent(id)),
        reviewer ? api(`manifests/${encodeURIComponent(id)}/assessments`).catch(softFail) : null,
        reviewer ? api(`manifests/${encodeURIComponent(id)}/audit`).catch(softFail) : null,
      ]);
    } catch (e) {
      if (stopped) return;
      if (e.status === 401) throw e;
      fill(main, h('h1', {tabindex: '-1'}, e.status === 404 ? 'Manifest not found' : 'The manifest could not be loaded'),
        h('p', {class: 'error', role: 'alert'}, e.status === 404
          ? 'No manifest with this id is visible to you. It may belong to another organisation, or the link may be incomplete.'
          : e.message),
        h('p', {}, h('a', {href: '#/queue'}, 'Back to the queue')));
      main.querySelector('h1').focus();
      return;
    }
    if (stopped) return; // navigated elsewhere while loading
    const m = view.manifest || {};
    const a = view.assessment || null;
    const hits = a?.hits || [];
    const findings = [
      ...hits.filter(x => x.points > 0 || WATCHLIST_RULES.includes(x.rule)).map(x => ({kind: 'rule', code: x.rule, severity: x.severity, points: x.points, path: x.path, person: x.personIndex ?? personOf(x.path), message: x.message})),
      ...(view.warnings || []).map(w => ({kind: 'validation', code: w.code, severity: w.severity, path: w.path, person: personOf(w.path), message: w.message})),
    ];
    const matches = hits.filter(x => WATCHLIST_RULES.includes(x.rule));
    const label = [m.flight?.number || view.flightNumber, m.flight?.aircraftRegistration || view.registration].filter(Boolean).join(' / ');

    fill(main,
      h('p', {class: 'crumbs'}, h('a', {href: '#/queue'}, '← Queue')),
      h('h1', {tabindex: '-1'}, 'Flight ', label || view.id),
      summary(view, m, a, reviewer),
      reviewer && matches.length ? matchesSection(matches, m.persons || []) : null,
      hasRole(session, 'reviewer') ? decisionSection(view, a, load) : null,
      findingsSection(findings, m.persons || [], reviewer),
      personsSection(m.persons || [], findings),
      reviewer ? versionsSection(view, a) : null,
      history ? historySection(history.items || []) : null,
      audit ? auditSection(audit.items || []) : null);
    stops.push(countdown(main));
    if (reviewer) stops.push(watchForNewer(view, a));
    main.querySelector('h1').focus();
  }

  // watchForNewer looks for a newer version or assessment than the one on screen and offers to
  // show it, rather than redrawing the page under the reviewer (the decision stays bound to what
  // is shown until then).
  function watchForNewer(shown, a) {
    const banner = h('div', {class: 'notice newer', role: 'status', hidden: true});
    main.querySelector('.summary')?.before(banner);
    const timer = setInterval(async () => {
      let cur;
      try { cur = await api('manifests/' + encodeURIComponent(id)); } catch { return; }
      if (stopped) return;
      const seq = cur.assessment?.seq || 0;
      if (cur.version === shown.version && seq === (a?.seq || 0)) return;
      clearInterval(timer);
      fill(banner, a ? `This manifest has changed since you opened it (now version ${cur.version}, assessment ${seq || 'pending'}). ` : 'The assessment has arrived. ',
        h('button', {type: 'button', id: 'show-newer', onclick: load}, a ? 'Show the latest' : 'Show it'));
      banner.hidden = false;
      announce(banner.textContent);
    }, 1000 * (cfg.pollSeconds || 15));
    return () => clearInterval(timer);
  }
  return {ready, stop: () => { stopped = true; stops.forEach(f => f()); }};
}

// A failed side request leaves its section out rather than the whole view.
function softFail(e) { if (e instanceof ApiError && e.status === 401) throw e; return null; }

function personOf(path) {
  const m = /^\/persons\/(\d+)/.exec(path || '');
  return m ? Number(m[1]) : undefined;
}

function dl(pairs) {
  return h('dl', {class: 'facts'}, pairs.filter(p => p[1] !== undefined && p[1] !== null && p[1] !== '').map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function summary(view, m, a, reviewer) {
  const f = m.flight || {};
  const o = m.organiser || {};
  const c = o.emergencyContact || {};
  return h('section', {class: 'summary', 'aria-labelledby': 's-h'},
    h('h2', {id: 's-h', class: 'visually-hidden'}, 'Summary'),
    h('p', {class: 'badges'}, badge('status', view.status, 'Status'), reviewer ? badge('level', a?.level || view.level, 'Risk') : null,
      reviewer && a ? h('span', {class: 'badge score'}, 'Score ' + a.score) : null,
      reviewer && !a ? h('span', {class: 'badge muted'}, 'Not assessed yet') : null,
      view.decision ? h('span', {class: 'badge decision'}, 'Decision ' + view.decision) : null),
    h('div', {class: 'cols'},
      h('div', {}, h('h3', {}, 'Flight'), dl([
        ['Route', [f.departure?.airport, ...(f.priorStops || []).map(s => s.airport), f.arrival?.airport].filter(Boolean).join(' → ')],
        ['Departure', utc(f.departure?.scheduled)],
        ['Arrival', h('span', {}, utc(f.arrival?.scheduled || view.arrivalTime), ' · ', h('span', {'data-arrival': f.arrival?.scheduled || view.arrivalTime}, until(f.arrival?.scheduled || view.arrivalTime)))],
        ['Direction · regime', [f.direction, f.regime].filter(Boolean).join(' · ')],
        ['Operator', f.operator],
        ['Aircraft', [f.aircraftType, f.aircraftRegistration].filter(Boolean).join(' '), ],
        ['Seats', f.seatCapacity],
        ['Persons', view.personCount ?? (m.persons || []).length],
      ])),
      h('div', {}, h('h3', {}, 'Organiser'), dl([
        ['Name', o.name || view.organiserName],
        ['Type', o.type],
        ['Emergency contact', [c.name, c.phone, c.email].filter(Boolean).join(' · ')],
        ['Manifest', `${view.id}, version ${view.version}`],
        ['Submitted', utc(view.submittedAt || view.createdAt)],
      ]))));
}

// matchesSection shows every watchlist match with the passenger and the listed entry side by
// side: which name parts were aligned and how, and what the identity evidence did to the score.
function matchesSection(matches, persons) {
  return h('section', {'aria-labelledby': 'w-h', class: 'matches'},
    h('h2', {id: 'w-h'}, `Watchlist matches (${matches.length})`),
    matches.map((x, i) => {
      const ev = x.evidence || {};
      const ex = ev.explanation || {};
      const p = persons[x.personIndex] || {};
      const strong = x.rule === 'WATCHLIST_STRONG_MATCH';
      return h('article', {class: 'match ' + (strong ? 'strong' : 'possible'), 'aria-labelledby': `w-${i}`},
        h('h3', {id: `w-${i}`}, strong ? 'Strong identity match: ' : 'Possible match: ', personName(p) || `person ${x.personIndex + 1}`,
          ' ↔ ', ex.matchedName || ev.entryId || ''),
        h('p', {class: 'match-meta'}, badge('level', x.severity), ` ${x.points} points · match score ${fmt(ev.score)} · name score ${fmt(ex.nameScore)} · `, h('code', {}, x.path)),
        h('div', {class: 'side'},
          h('div', {class: 'side-col'}, h('h4', {}, 'Passenger (manifest)'), dl([
            ['Name', personName(p)], ['Person', `${x.personIndex + 1} (ref ${p.ref || '?'}, ${p.role || ''})`],
            ['Born', p.dateOfBirth], ['Nationality', p.nationality],
            ['Documents', (p.documents || []).map(d => `${d.type} ${d.number} ${d.issuingState || ''}`).join('; ')],
          ])),
          h('div', {class: 'side-col'}, h('h4', {}, 'Listed entry'), dl([
            ['Name', ex.matchedName], ['Name kind', ex.nameQuality], ['List', ev.source], ['Entry', ev.entryId],
          ]))),
        h('div', {class: 'table-wrap'}, h('table', {class: 'parts'},
          h('caption', {}, 'Name parts: how each passenger part matched a listed part'),
          h('thead', {}, h('tr', {}, ['Passenger part', 'Listed part', 'How matched', 'Similarity', 'Weight'].map(c => h('th', {scope: 'col'}, c)))),
          h('tbody', {}, (ex.parts || []).map(pt => h('tr', {},
            h('td', {}, pt.query || '—'), h('td', {}, pt.listed || '—'), h('td', {}, pt.how || ''), h('td', {class: 'num'}, fmt(pt.similarity)), h('td', {class: 'num'}, fmt(pt.weight))))))),
        (ex.evidence || []).length ? h('div', {class: 'table-wrap'}, h('table', {class: 'evidence'},
          h('caption', {}, 'Identity evidence and its effect on the match score'),
          h('thead', {}, h('tr', {}, ['Evidence', 'Passenger', 'Listed', 'Outcome', 'Effect'].map(c => h('th', {scope: 'col'}, c)))),
          h('tbody', {}, ex.evidence.map(e => h('tr', {class: 'outcome-' + (e.outcome || '')},
            h('td', {}, e.kind), h('td', {}, e.query ?? ''), h('td', {}, e.listed ?? ''), h('td', {}, e.outcome || ''), h('td', {class: 'num'}, signed(e.effect))))))) : null,
        h('p', {}, x.message));
    }));
}

const fmt = v => typeof v === 'number' ? (Math.round(v * 1000) / 1000).toString() : (v ?? '');
const signed = v => typeof v === 'number' ? (v > 0 ? '+' : '') + fmt(v) : (v ?? '');

function decisionSection(view, a, reload) {
  const msg = h('div', {class: 'decide-msg', id: 'decide-msg', role: 'alert'});
  if (view.status === 'CLOSED') {
    // The API refuses a decision on a closed manifest (409 manifest-closed): no form to fill in vain.
    return h('section', {'aria-labelledby': 'd-h', class: 'decide'}, h('h2', {id: 'd-h'}, 'Decision'),
      h('p', {}, 'This manifest is closed: its flight has arrived and its screening has ended, so it takes no more decisions. The audit trail shows what was decided.'));
  }
  if (!a) {
    return h('section', {'aria-labelledby': 'd-h', class: 'decide'}, h('h2', {id: 'd-h'}, 'Decision'),
      h('p', {}, 'This version has not been assessed yet; a decision needs an assessment. ', h('button', {type: 'button', class: 'secondary', onclick: reload}, 'Reload')));
  }
  const reason = h('textarea', {id: 'reason', name: 'reason', required: true, maxlength: 2000, rows: 3, 'aria-describedby': 'reason-help'});
  const submit = h('button', {type: 'submit', id: 'decide-submit'}, 'Record decision');
  const form = h('form', {id: 'decide', onsubmit: async e => {
    e.preventDefault();
    const choice = form.querySelector('input[name=decision]:checked');
    if (!choice) { fill(msg, h('p', {class: 'error'}, 'Choose a decision.')); form.querySelector('input[name=decision]').focus(); return; }
    if (!reason.value.trim()) { fill(msg, h('p', {class: 'error'}, 'Say why: the reason goes on the audit trail.')); reason.focus(); return; }
    submit.disabled = true;
    try {
      const r = await api(`manifests/${encodeURIComponent(view.id)}/decisions`, {method: 'POST', body: {decision: choice.value, reason: reason.value, assessment: a.seq}});
      announce(`Decision ${r.decision} recorded.`);
      await reload();
      const note = document.getElementById('decide-msg');
      if (note) fill(note, h('p', {class: 'ok'}, `Recorded: ${r.decision}. The manifest is now ${r.status}; the audit trail below shows it.`));
    } catch (err) {
      submit.disabled = false;
      if (err.status === 409 && String(err.problem.type || '').endsWith('/manifest-closed')) {
        // Closed while the page was open: reloading shows the closed manifest, not a newer assessment.
        fill(msg, h('p', {class: 'error'}, 'Not recorded: ' + err.message));
      } else if (err.status === 409) {
        fill(msg, h('div', {class: 'stale'},
          h('p', {}, h('strong', {}, 'Not recorded: this manifest has changed since you opened it. '),
            `You decided on assessment ${a.seq} of version ${view.version}; the latest is assessment ${err.problem.latestAssessment ?? '?'} of version ${err.problem.version ?? '?'}. Review it before deciding.`),
          h('button', {type: 'button', id: 'reload', onclick: reload}, 'Reload the manifest')));
        msg.querySelector('button').focus();
      } else if (err.status === 401) {
        throw err;
      } else {
        fill(msg, h('p', {class: 'error'}, 'Not recorded: ' + err.message));
      }
    }
  }},
    h('fieldset', {}, h('legend', {}, `Your decision on assessment ${a.seq} (version ${a.manifestVersion ?? view.version}, ${a.level}, score ${a.score})`),
      h('div', {class: 'choices'}, DECISIONS.map(([v, l, hint]) => h('label', {class: 'choice'},
        h('input', {type: 'radio', name: 'decision', value: v, required: true}), h('span', {}, h('strong', {}, l), ' — ', hint))))),
    h('label', {for: 'reason'}, 'Reason'),
    h('p', {id: 'reason-help', class: 'help'}, 'Required. Kept on the audit trail with your name; not sent in alerts.'),
    reason, h('div', {class: 'actions'}, submit), msg);
  return h('section', {'aria-labelledby': 'd-h', class: 'decide'}, h('h2', {id: 'd-h'}, 'Decision'), form);
}

function findingsSection(findings, persons, reviewer) {
  const body = h('div', {});
  const byPerson = h('input', {type: 'radio', name: 'group', id: 'g-person', value: 'person', checked: true});
  const byRule = h('input', {type: 'radio', name: 'group', id: 'g-rule', value: 'rule'});
  function render() {
    const groups = new Map();
    for (const f of findings) {
      const key = byRule.checked ? f.code : (f.person === undefined ? 'flight' : f.person);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(f);
    }
    const keys = [...groups.keys()].sort((x, y) => (x === 'flight' ? -1 : y === 'flight' ? 1 : (typeof x === 'number' ? x - y : String(x).localeCompare(String(y)))));
    fill(body, findings.length === 0 ? h('p', {}, 'No findings.') : keys.map(k => {
      const title = byRule.checked ? k : (k === 'flight' ? 'Flight and organiser' : `Person ${k + 1}: ${personName(persons[k])}`);
      return h('section', {class: 'group'}, h('h3', {}, title, ` (${groups.get(k).length})`),
        h('ul', {class: 'findings'}, groups.get(k).map(f => h('li', {class: 'sev-' + String(f.severity).toLowerCase()},
          badge('level', f.severity), ' ', h('strong', {}, byRule.checked ? (f.person === undefined ? 'flight' : `person ${f.person + 1}`) : f.code), ' ',
          h('code', {}, f.path || '/'), f.points ? ` · ${f.points} points` : '', f.kind === 'validation' ? ' · validation' : '', h('br', {}), f.message))));
    }));
  }
  byPerson.addEventListener('change', render);
  byRule.addEventListener('change', render);
  render();
  return h('section', {'aria-labelledby': 'f-h', class: 'findings-section'},
    h('h2', {id: 'f-h'}, reviewer ? `Findings (${findings.length})` : `Validation findings (${findings.length})`),
    h('fieldset', {class: 'inline'}, h('legend', {}, 'Group findings'),
      h('label', {for: 'g-person'}, byPerson, ' by person'), h('label', {for: 'g-rule'}, byRule, reviewer ? ' by rule' : ' by code')),
    body);
}

// personsSection is a sortable, filterable table paged a hundred rows at a time, so that a
// 1,000-person manifest stays quick on a phone.
function personsSection(persons, findings) {
  const flagged = new Map();
  for (const f of findings) if (f.person !== undefined) flagged.set(f.person, (flagged.get(f.person) || 0) + 1);
  const rows = persons.map((p, i) => ({i, p, name: personName(p), docs: (p.documents || []).map(d => `${d.type} ${d.number} ${d.issuingState || ''} ${d.expiry ? 'exp ' + d.expiry : ''}`.trim()).join('; '), n: flagged.get(i) || 0}));
  const cols = [
    ['#', r => r.i, true], ['Ref', r => r.p.ref || ''], ['Role', r => r.p.role || ''], ['Name', r => r.name],
    ['Born', r => r.p.dateOfBirth || ''], ['Sex', r => r.p.sex || ''], ['Nationality', r => r.p.nationality || ''],
    ['Documents', r => r.docs], ['Guardian', r => r.p.guardian || ''], ['Findings', r => r.n, true],
  ];
  let sortCol = 0, dir = 1, page = 0;
  const filter = h('input', {id: 'p-filter', type: 'search', placeholder: 'name, ref, nationality, document', autocomplete: 'off', spellcheck: 'false'});
  const onlyFlagged = h('input', {id: 'p-flagged', type: 'checkbox'});
  const tbody = h('tbody', {});
  const headRow = h('tr', {});
  const count = h('p', {class: 'state', id: 'p-count', 'aria-live': 'polite'});
  const pager = h('nav', {class: 'paging', 'aria-label': 'Person pages'});
  function headers() {
    fill(headRow, cols.map(([name], c) => h('th', {scope: 'col', 'aria-sort': c === sortCol ? (dir > 0 ? 'ascending' : 'descending') : 'none'},
      h('button', {type: 'button', class: 'sort', onclick: () => { dir = c === sortCol ? -dir : 1; sortCol = c; page = 0; headers(); render(); }}, name,
        h('span', {'aria-hidden': 'true'}, c === sortCol ? (dir > 0 ? ' ▲' : ' ▼') : '')))));
  }
  function render() {
    const q = filter.value.trim().toLowerCase();
    const [, key, numeric] = cols[sortCol];
    const list = rows.filter(r => (!onlyFlagged.checked || r.n > 0) && (!q || `${r.p.ref} ${r.name} ${r.p.nationality} ${r.docs} ${r.p.dateOfBirth}`.toLowerCase().includes(q)))
      .sort((x, y) => dir * (numeric ? key(x) - key(y) : String(key(x)).localeCompare(String(key(y)))));
    const pages = Math.max(1, Math.ceil(list.length / PAGE));
    page = Math.min(page, pages - 1);
    const shown = list.slice(page * PAGE, page * PAGE + PAGE);
    fill(tbody, shown.map(r => h('tr', {class: r.n ? 'has-findings' : ''},
      h('td', {class: 'num'}, r.i + 1), h('td', {}, r.p.ref), h('td', {}, r.p.role), h('th', {scope: 'row'}, r.name), h('td', {}, r.p.dateOfBirth),
      h('td', {}, r.p.sex), h('td', {}, r.p.nationality), h('td', {}, r.docs), h('td', {}, r.p.guardian), h('td', {class: 'num'}, r.n || ''))));
    count.textContent = list.length === rows.length ? `${rows.length} persons` : `${list.length} of ${rows.length} persons match`;
    if (list.length > PAGE) count.textContent += `, showing ${page * PAGE + 1}–${page * PAGE + shown.length}`;
    fill(pager, pages > 1 ? [
      h('button', {type: 'button', class: 'secondary', disabled: page === 0, onclick: () => { page--; render(); }}, 'Previous 100'),
      h('span', {}, ` page ${page + 1} of ${pages} `),
      h('button', {type: 'button', class: 'secondary', disabled: page >= pages - 1, onclick: () => { page++; render(); }}, 'Next 100')] : []);
  }
  let timer;
  filter.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => { page = 0; render(); }, 120); });
  onlyFlagged.addEventListener('change', () => { page = 0; render(); });
  headers();
  render();
  return h('section', {'aria-labelledby': 'p-h'},
    h('h2', {id: 'p-h'}, `Persons (${persons.length})`),
    h('div', {class: 'filters'},
      h('div', {class: 'field'}, h('label', {for: 'p-filter'}, 'Filter persons'), filter),
      h('div', {class: 'field check'}, onlyFlagged, h('label', {for: 'p-flagged'}, 'Only persons with findings'))),
    count,
    h('div', {class: 'table-wrap'}, h('table', {class: 'persons', id: 'persons'}, h('caption', {class: 'visually-hidden'}, 'Persons on board; column buttons sort'), h('thead', {}, headRow), tbody)),
    pager);
}

function versionsSection(view, a) {
  const wl = a?.watchlistVersions || view.watchlistVersions || {};
  return h('section', {'aria-labelledby': 'v-h'}, h('h2', {id: 'v-h'}, 'Versions screened against'), dl([
    ['Manifest version', view.version],
    ['Assessed version', a ? `${a.manifestVersion} (assessment ${a.seq}, ${utc(a.assessedAt)})` : 'not yet'],
    ['Ruleset', a?.rulesetVersion || view.rulesetVersion],
    ['Watchlists', Object.keys(wl).sort().map(k => `${k} ${wl[k]}`).join(', ') || 'none (not screened)'],
    ['Sensitive destination', a ? (a.sensitiveDestination ? 'yes: stricter thresholds' : 'no') : ''],
  ]));
}

function historySection(items) {
  return h('section', {'aria-labelledby': 'h-h'}, h('h2', {id: 'h-h'}, `Assessment history (${items.length})`),
    h('div', {class: 'table-wrap'}, h('table', {id: 'history'},
      h('thead', {}, h('tr', {}, ['Assessment', 'Version', 'Assessed (UTC)', 'Level', 'Score', 'Ruleset', 'Findings'].map(c => h('th', {scope: 'col'}, c)))),
      h('tbody', {}, [...items].reverse().map(a => h('tr', {},
        h('td', {class: 'num'}, a.seq), h('td', {class: 'num'}, a.manifestVersion), h('td', {}, utc(a.assessedAt)), h('td', {}, badge('level', a.level)),
        h('td', {class: 'num'}, a.score), h('td', {}, a.rulesetVersion), h('td', {class: 'num'}, (a.hits || []).filter(x => x.points > 0).length)))))));
}

function auditSection(items) {
  return h('section', {'aria-labelledby': 'a-h'}, h('h2', {id: 'a-h'}, `Audit trail (${items.length})`),
    h('div', {class: 'table-wrap'}, h('table', {id: 'audit'},
      h('thead', {}, h('tr', {}, ['When (UTC)', 'Action', 'By', 'Version', 'Assessment', 'Decision', 'Reason'].map(c => h('th', {scope: 'col'}, c)))),
      h('tbody', {}, [...items].reverse().map(r => h('tr', {},
        h('td', {}, utc(r.at)), h('td', {}, r.action), h('td', {}, r.by), h('td', {class: 'num'}, r.version), h('td', {class: 'num'}, r.assessment || ''),
        h('td', {}, r.decision || ''), h('td', {class: 'reason'}, r.reason || '')))))));
}
