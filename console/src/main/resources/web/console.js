// The console's pages: plain ES module, no build step. Every value is put in the page with
// textContent (never as HTML), so nothing a pillar returns can run as script here.

const $ = (id) => document.getElementById(id);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('data-')) node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
  return node;
}

async function api(path, options = {}) {
  const res = await fetch(path, {
    ...options,
    headers: { Accept: 'application/json', ...(options.body ? { 'Content-Type': 'application/json' } : {}) },
    signal: AbortSignal.timeout(10000),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = new Error(body.title || `HTTP ${res.status}`);
    err.status = res.status;
    err.body = body;
    throw err;
  }
  return body;
}

// --- views -------------------------------------------------------------------------------
const views = ['health', 'executions', 'trace', 'dead', 'send'];
let healthTimer = null;

function route() {
  const [view, arg] = (location.hash.slice(1) || 'health').split('/');
  const current = views.includes(view) ? view : 'health';
  for (const v of views) $(v).hidden = v !== current;
  clearInterval(healthTimer);
  if (current === 'health') { refreshHealth(); healthTimer = setInterval(refreshHealth, 2000); }
  if (current === 'executions') loadExecutions(true);
  if (current === 'trace') loadTrace(decodeURIComponent(arg || ''));
  if (current === 'dead') loadDead();
}

// --- health ------------------------------------------------------------------------------
async function refreshHealth() {
  let health;
  try {
    health = await api('/api/health');
  } catch (e) {
    $('overall').textContent = 'console unreachable';
    return;
  }
  $('overall').textContent = health.overall;
  $('overall').className = `badge ${health.overall}`;
  const rows = [];
  for (const [name, p] of Object.entries(health.pillars)) {
    let note = '';
    if (name === 'prana') note = `${p.packets_received} packets received from ${p.users_tracked} users`;
    if (name === 'executor') note = `auth ${p.detail?.auth ?? '?'}, store ${p.detail?.store?.ok ? 'ok' : '?'}`;
    if (name === 'bucket') note = `audit chain ${p.detail?.governance?.audit_chain?.valid ? 'valid' : '?'}, length ${p.detail?.governance?.audit_chain?.length ?? '?'}`;
    rows.push(el('tr', { 'data-pillar': name },
      el('td', {}, name),
      el('td', {}, el('span', { class: `badge state ${p.state}` }, p.state)),
      el('td', { class: 'mono' }, String(p.status ?? p.http_status ?? '')),
      el('td', { class: name === 'prana' ? 'prana-packets' : '' }, note)));
  }
  $('health-rows').replaceChildren(...rows);
  const sinks = health.pillars.executor.outbox || {};
  $('outbox-rows').replaceChildren(...Object.entries(sinks).map(([sink, s]) => el('tr', { 'data-sink': sink },
    el('td', {}, sink),
    el('td', {}, el('span', { class: `badge ${s.state}` }, s.state)),
    el('td', { class: 'pending' }, String(s.pending ?? '')),
    el('td', { class: 'delivered-count' }, String(s.delivered ?? '')),
    el('td', {}, String(s.retried ?? '')),
    el('td', { class: 'dead-count' }, String(s.dead ?? '')),
    el('td', {}, s.oldest_pending_age_ms == null ? '' : `${s.oldest_pending_age_ms} ms`))));
}

// --- executions --------------------------------------------------------------------------
let nextCursor = null;

async function loadExecutions(fresh) {
  const params = new URLSearchParams();
  if ($('filter-status').value) params.set('status', $('filter-status').value);
  if ($('filter-action').value) params.set('action_type', $('filter-action').value);
  if ($('filter-user').value.trim()) params.set('user_id', $('filter-user').value.trim());
  params.set('limit', '50');
  if (!fresh && nextCursor) params.set('cursor', nextCursor);
  let page;
  try {
    page = await api(`/api/executions?${params}`);
  } catch (e) {
    $('execution-rows').replaceChildren(el('tr', {}, el('td', { class: 'error', colSpan: 6 }, e.message)));
    return;
  }
  const rows = page.executions.map((x) => el('tr', { 'data-trace': x.trace_id },
    el('td', { class: 'mono' }, x.received_at),
    el('td', {}, el('a', { class: 'trace-link mono', href: `#trace/${encodeURIComponent(x.trace_id)}` }, x.trace_id)),
    el('td', {}, x.action_type ?? ''),
    el('td', {}, el('span', { class: `badge ${x.status}` }, x.status)),
    el('td', {}, x.user_id ?? ''),
    el('td', {}, String(x.duration_ms))));
  if (fresh) $('execution-rows').replaceChildren(...rows); else $('execution-rows').append(...rows);
  nextCursor = page.next_cursor;
  $('executions-more').hidden = !nextCursor;
}

// --- trace -------------------------------------------------------------------------------
function step(at, pillar, what, ...details) {
  return { at, pillar, node: el('li', { 'data-pillar': pillar },
    el('span', { class: 'at' }, at ?? ''), el('span', { class: 'pillar' }, pillar), what, ...details) };
}

async function loadTrace(traceId) {
  $('trace-id').textContent = traceId;
  $('timeline').replaceChildren();
  $('trace-errors').textContent = '';
  let t;
  try {
    t = await api(`/api/trace/${encodeURIComponent(traceId)}`);
  } catch (e) {
    $('trace-errors').textContent = e.status === 404 ? 'No pillar knows this trace_id.' : e.message;
    return;
  }
  const steps = [];
  for (const r of t.bucket.events) {
    if (r.event_type === 'agent_result') {
      steps.push(step(r.timestamp ?? r.received_at, 'core', `decided: ${r.agent_output?.workflow_action_type ?? r.agent_output?.response ?? 'agent_result'}`,
        el('div', { class: 'muted' }, `agent ${r.agent_id ?? r.agent ?? ''}`)));
    }
  }
  for (const x of t.executions) {
    const d = x.deliveries || {};
    const replays = x.replayable ? 'a repeat of its key is answered with this result, the action does not run again'
      : 'a repeat of its key runs the action again (it did not complete)';
    steps.push(step(x.received_at, 'executor', `${x.action_type}: ${x.status} in ${x.duration_ms} ms`,
      el('div', { class: 'muted' }, `${replays}; result ${JSON.stringify(x.result)}`),
      el('div', { class: 'deliveries' }, Object.entries(d).map(([s, v]) => `${s}: ${v.state} (attempts ${v.attempts})`).join(', '))));
  }
  for (const r of t.bucket.events) {
    steps.push(step(r.received_at, 'bucket', `${r.event_type} from ${r.requester_id}`,
      el('div', {}, 'seq ', el('span', { class: 'bucket-seq mono', 'data-event-type': r.event_type }, String(r.seq))),
      el('div', {}, 'hash ', el('span', { class: 'bucket-hash mono', 'data-event-type': r.event_type }, r.hash))));
  }
  for (const k of t.karma.events) {
    steps.push(step(k.at, 'karma', el('span', { class: 'karma-event' }, `${k.action} for ${t.karma.user_id}`),
      el('div', { class: 'muted' }, `source ${k.source}; merit now ${t.karma.merit_score}, role ${t.karma.role}`)));
  }
  steps.sort((a, b) => String(a.at).localeCompare(String(b.at)));
  $('timeline').replaceChildren(...steps.map((s) => s.node));
  const valid = t.bucket.chain?.valid;
  $('chain-valid').textContent = valid === true ? 'valid' : valid === false ? `invalid at seq ${t.bucket.chain.first_invalid_seq}` : 'unknown';
  $('chain-valid').className = `badge ${valid ? 'valid' : 'invalid'}`;
  $('trace-errors').textContent = t.errors.join('; ');
}

// --- dead events and the operator's session ---------------------------------------------
async function refreshSession() {
  const s = await api('/api/session').catch(() => ({ operator: false }));
  $('session-state').textContent = s.open ? 'open stack: everyone operates' : s.operator ? 'signed in as operator' : 'looking (sign in to operate)';
  $('sign-in').hidden = s.open === true;
  $('sign-out-button').hidden = !s.operator || s.open;
  $('sign-in-button').hidden = s.operator;
  $('operator-token').hidden = s.operator;
  return s;
}

function deadFilter() {
  const params = new URLSearchParams();
  if ($('dead-sink').value) params.set('sink', $('dead-sink').value);
  if ($('dead-trace').value.trim()) params.set('trace_id', $('dead-trace').value.trim());
  return params;
}

async function loadDead() {
  let page;
  try {
    page = await api(`/api/dead-events?${deadFilter()}`);
  } catch (e) {
    $('dead-message').textContent = e.message;
    return;
  }
  $('dead-depth').textContent = `bucket ${page.depth.bucket}, karma ${page.depth.karma}`;
  $('dead-rows').replaceChildren(...page.dead_events.map((d) => el('tr', { 'data-id': String(d.id), 'data-trace': d.trace_id },
    el('td', {}, String(d.id)), el('td', {}, d.sink),
    el('td', {}, el('a', { class: 'mono', href: `#trace/${encodeURIComponent(d.trace_id)}` }, d.trace_id)),
    el('td', {}, String(d.attempts)), el('td', { class: 'mono' }, d.dead_at), el('td', { class: 'mono' }, d.last_error ?? ''),
    el('td', {}, el('button', { class: 'redeliver', type: 'button', onclick: () => redeliver(d.id) }, 'Redeliver')))));
}

async function redeliver(id) {
  try {
    const r = await api(`/api/dead-events/${id}/redeliver`, { method: 'POST' });
    $('dead-message').textContent = r.redelivered ? `event ${id} redelivered` : `event ${id} is ${r.state}: nothing to do`;
  } catch (e) {
    $('dead-message').textContent = e.message;
  }
  loadDead();
}

async function redeliverAll() {
  try {
    const r = await api(`/api/dead-events/redeliver?${deadFilter()}`, { method: 'POST' });
    $('dead-message').textContent = `${r.redelivered} events redelivered`;
  } catch (e) {
    $('dead-message').textContent = e.message;
  }
  loadDead();
}

// --- wiring ------------------------------------------------------------------------------
$('filters').addEventListener('submit', (e) => { e.preventDefault(); loadExecutions(true); });
$('executions-more').addEventListener('click', () => loadExecutions(false));
$('dead-filters').addEventListener('submit', (e) => { e.preventDefault(); loadDead(); });
$('redeliver-all').addEventListener('click', redeliverAll);
$('sign-in').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    await api('/api/session', { method: 'POST', body: JSON.stringify({ token: $('operator-token').value }) });
    $('dead-message').textContent = 'signed in';
  } catch (err) {
    $('dead-message').textContent = err.message;
  }
  $('operator-token').value = '';
  refreshSession();
});
$('sign-out-button').addEventListener('click', async () => {
  await api('/api/session', { method: 'DELETE' }).catch(() => {});
  refreshSession();
});
$('send-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const out = $('send-result');
  out.textContent = 'sending…';
  try {
    const r = await api('/api/send', { method: 'POST',
      body: JSON.stringify({ action_type: $('send-action').value, user_id: $('send-user').value }) });
    out.replaceChildren('Core answered ', el('span', { id: 'sent-status' }, r.status), '; trace ',
      el('a', { id: 'sent-trace', class: 'mono', href: `#trace/${encodeURIComponent(r.task_id)}` }, r.task_id));
  } catch (err) {
    out.textContent = err.message;
  }
});
window.addEventListener('hashchange', route);
refreshSession();
route();
