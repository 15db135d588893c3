// Events: the endpoints the tenant's own systems are told at (calls, voicemails, texts), each one's deliveries with
// their attempts and next retry, a replay, and a new signing secret shown the one time the API gives it.
import { api, query, session } from './api.js';
import { dateTime, field, h, pageHeader, replace, time, toast } from './dom.js';

const path = '/api/webhooks/endpoints';

const eventTypes = [
  ['call.completed', 'A call ended'],
  ['call.missed', 'A call was missed'],
  ['voicemail.received', 'A voicemail was left'],
  ['call.summary.ready', "The AI agent's summary is ready"],
  ['sms.received', 'A text came in'],
  ['sms.opted_out', 'A number opted out of texts'],
];

const statusLabels = { pending: 'Pending', succeeded: 'Delivered', parked: 'Parked' };

// Pending deliveries are re-read while the page is watched, for a while after the last thing its user did.
const refreshEveryMs = 3000;
const refreshForMs = 5 * 60 * 1000;

export function render(main) {
  const canWrite = session.can('settings:write');
  const reason = canWrite ? null : h('p', { class: 'notice-inline' }, 'Adding, deleting, rotating a secret or replaying needs the "settings:write" permission, which your token does not grant.');
  const endpoints = h('tbody');
  const secret = h('div', { class: 'secret-slot' });
  const deliveries = h('div', { class: 'deliveries-slot' });
  let selected = null;
  let timer = null;
  let watchedUntil = 0;
  let gone = false;

  const url = h('input', { type: 'url', placeholder: 'https://example.com/receptionist-events', autocomplete: 'off', disabled: !canWrite });
  const description = h('input', { type: 'text', maxlength: 200, autocomplete: 'off', disabled: !canWrite });
  const boxes = eventTypes.map(([type, label]) => {
    const box = h('input', { type: 'checkbox', id: `event-${type.replace(/\W/g, '-')}`, value: type, disabled: !canWrite });
    return { box, element: h('div', { class: 'check' }, box, h('label', { for: box.id }, h('code', {}, type), ` ${label}`)) };
  });
  const createForm = h('form', { class: 'card', 'aria-labelledby': 'add-endpoint', onsubmit: create },
    h('h2', { id: 'add-endpoint' }, 'Add an endpoint'),
    h('p', { class: 'muted' }, 'We POST each event to this https URL, signed as Standard Webhooks say (webhook-id, webhook-timestamp, webhook-signature). Failed deliveries are retried for a day.'),
    field('URL', url, { field: 'url' }),
    h('fieldset', { class: 'event-types' }, h('legend', {}, 'Events to send'), boxes.map(b => b.element),
      h('p', { class: 'field-error', 'data-error-for': 'eventTypes' })),
    field('Description (optional)', description, { field: 'description' }),
    h('button', { type: 'submit', class: 'primary', disabled: !canWrite }, 'Add endpoint'));

  main.append(...[
    pageHeader('Events', 'Your own systems, told about calls, voicemails and texts as they happen.'),
    reason,
    secret,
    h('section', { class: 'card table-card', 'aria-labelledby': 'endpoints-title' }, h('h2', { id: 'endpoints-title' }, 'Your endpoints'),
      h('table', { class: 'calls', id: 'endpoints-table' },
        h('thead', {}, h('tr', {}, ['URL', 'Events', 'State', 'Actions'].map(t => h('th', { scope: 'col' }, t)))), endpoints)),
    deliveries,
    createForm,
  ].filter(Boolean));

  async function load() {
    try {
      const result = await api(path);
      if (gone) return;
      replace(endpoints, result.endpoints.length === 0
        ? h('tr', {}, h('td', { colspan: 4, class: 'empty' }, 'No endpoints yet: add one below.'))
        : result.endpoints.map(row));
      if (selected && !result.endpoints.some(e => e.id === selected.id)) closeDeliveries();
    } catch (e) {
      replace(endpoints, h('tr', {}, h('td', { colspan: 4, role: 'alert' }, e.message)));
    }
  }

  function row(endpoint) {
    const actions = h('div', { class: 'row-actions' },
      h('button', { type: 'button', class: 'small', onclick: () => openDeliveries(endpoint) }, 'Deliveries'),
      h('button', { type: 'button', class: 'small', disabled: !canWrite, onclick: () => toggle(endpoint) }, endpoint.enabled ? 'Pause' : 'Resume'),
      h('button', { type: 'button', class: 'small', disabled: !canWrite, onclick: () => rotate(endpoint) }, 'Rotate secret'),
      h('button', { type: 'button', class: 'small', disabled: !canWrite, onclick: () => confirmDelete(endpoint, actions) }, 'Delete'));
    return h('tr', { 'data-endpoint-id': endpoint.id },
      h('td', { 'data-label': 'URL' }, h('code', {}, endpoint.url), endpoint.description ? h('div', { class: 'muted' }, endpoint.description) : null),
      h('td', { 'data-label': 'Events' }, endpoint.eventTypes.join(', ')),
      h('td', { 'data-label': 'State' }, endpoint.enabled ? 'Enabled' : 'Paused: gets no new events'),
      h('td', { 'data-label': 'Actions' }, actions));
  }

  // Asked in the row itself (no browser dialog): deleting also forgets the endpoint's deliveries.
  function confirmDelete(endpoint, actions) {
    const keep = h('button', { type: 'button', class: 'small', onclick: () => load() }, 'Keep');
    replace(actions,
      h('span', { class: 'muted' }, 'Delete it and its delivery log?'),
      h('button', { type: 'button', class: 'small danger', onclick: () => remove(endpoint) }, 'Delete for good'),
      keep);
    keep.focus();
  }

  async function remove(endpoint) {
    try {
      await api(`${path}/${encodeURIComponent(endpoint.id)}`, { method: 'DELETE' });
      toast('Endpoint deleted.');
    } catch (e) {
      toast(e.message, 'error');
    }
    if (selected?.id === endpoint.id) closeDeliveries();
    load();
  }

  // A paused (disabled) endpoint is sent no new events; what was already pending for it waits until it is resumed.
  async function toggle(endpoint) {
    const body = { url: endpoint.url, eventTypes: endpoint.eventTypes, enabled: !endpoint.enabled, description: endpoint.description };
    try {
      await api(`${path}/${encodeURIComponent(endpoint.id)}`, { method: 'PUT', body });
      toast(body.enabled ? 'Endpoint resumed.' : 'Endpoint paused.');
    } catch (e) {
      toast(e.message, 'error');
    }
    load();
  }

  async function rotate(endpoint) {
    try {
      const rotated = await api(`${path}/${encodeURIComponent(endpoint.id)}/rotate-secret`, { method: 'POST' });
      showSecret(endpoint.url, rotated.secret, 'Its new signing secret; deliveries from now on, retries included, are signed with it.');
    } catch (e) {
      toast(e.message, 'error');
    }
  }

  function showSecret(forUrl, value, what) {
    const code = h('code', { class: 'secret-value', id: 'endpoint-secret' }, value);
    const copy = h('button', { type: 'button', class: 'small', onclick: async () => {
      try {
        await navigator.clipboard.writeText(value);
        toast('Secret copied.');
      } catch {
        toast('Copying is not allowed here: select the secret and copy it.', 'error');
      }
    } }, 'Copy');
    const done = h('button', { type: 'button', class: 'small', onclick: () => replace(secret) }, 'Done, I have it');
    replace(secret, h('section', { class: 'card notice', role: 'status', 'aria-labelledby': 'secret-title' },
      h('h2', { id: 'secret-title' }, `Signing secret for ${forUrl}`),
      h('p', {}, `${what} Copy it now: it is shown only this once.`),
      h('p', {}, code),
      h('div', { class: 'control-row' }, copy, done)));
  }

  async function create(event) {
    event.preventDefault();
    createForm.querySelectorAll('.field-error').forEach(p => { p.textContent = ''; });
    const body = {
      url: url.value.trim(),
      eventTypes: boxes.filter(b => b.box.checked).map(b => b.box.value),
      description: description.value.trim() || null,
    };
    try {
      const created = await api(path, { method: 'POST', body });
      showSecret(created.url, created.secret, 'The endpoint is added and will receive the events you chose. Check each delivery with this secret.');
      url.value = '';
      description.value = '';
      boxes.forEach(b => { b.box.checked = false; });
      load();
    } catch (e) {
      const entries = Object.entries(e.errors ?? {});
      for (const [name, messages] of entries) {
        const target = createForm.querySelector(`[data-error-for="${name}"]`);
        if (target) target.textContent = messages.join(' ');
      }
      if (!entries.length) toast(e.message, 'error');
    }
  }

  function closeDeliveries() {
    selected = null;
    clearTimeout(timer);
    replace(deliveries);
  }

  function openDeliveries(endpoint) {
    selected = { id: endpoint.id, url: endpoint.url, status: '' };
    watchedUntil = Date.now() + refreshForMs;
    showDeliveries();
  }

  async function showDeliveries(more) {
    clearTimeout(timer);
    const current = selected;
    if (!current) return;
    const statusFilter = h('select', { onchange: () => { current.status = statusFilter.value; watchedUntil = Date.now() + refreshForMs; showDeliveries(); } },
      h('option', { value: '' }, 'All'), Object.entries(statusLabels).map(([value, label]) => h('option', { value }, label)));
    statusFilter.value = current.status;
    let page;
    try {
      page = await api(query(`${path}/${encodeURIComponent(current.id)}/deliveries`, { status: current.status, limit: 50, cursor: more?.next }));
    } catch (e) {
      if (selected === current) replace(deliveries, h('section', { class: 'card', role: 'alert' }, e.message));
      return;
    }
    if (selected !== current || gone) return;

    const shown = [...(more?.shown ?? []), ...page.deliveries];
    const body = h('tbody', {}, shown.length === 0
      ? h('tr', {}, h('td', { colspan: 7, class: 'empty' }, 'Nothing delivered yet.'))
      : shown.map(delivery));
    replace(deliveries, h('section', { class: 'card table-card', 'aria-labelledby': 'deliveries-title', id: 'deliveries' },
      h('div', { class: 'table-head' },
        h('h2', { id: 'deliveries-title' }, `Deliveries to ${current.url}`),
        h('div', { class: 'actions' },
          field('Status', statusFilter),
          h('button', { type: 'button', class: 'small', onclick: () => { watchedUntil = Date.now() + refreshForMs; showDeliveries(); } }, 'Refresh'),
          h('button', { type: 'button', class: 'small ghost', onclick: closeDeliveries }, 'Close'))),
      h('table', { class: 'calls', id: 'deliveries-table' },
        h('thead', {}, h('tr', {}, ['Event', 'Created', 'Status', 'Attempts', 'Last answer', 'Next try', ''].map(t => h('th', { scope: 'col' }, t)))), body),
      page.next ? h('p', { class: 'more' }, h('button', { type: 'button', class: 'small', onclick: () => showDeliveries({ next: page.next, shown }) }, 'Show older')) : null));

    // Only the first page follows itself; a person reading older pages is not interrupted.
    if (!more && shown.some(d => d.status === 'pending') && Date.now() < watchedUntil) {
      timer = setTimeout(() => showDeliveries(), refreshEveryMs);
    }
  }

  function delivery(d) {
    const last = d.attempts.at(-1);
    const answer = !last ? '—' : last.statusCode ? `HTTP ${last.statusCode}` : (last.error ?? 'failed');
    return h('tr', { 'data-delivery-id': d.deliveryId, 'data-status': d.status },
      h('td', { 'data-label': 'Event' }, h('code', {}, d.eventType)),
      h('td', { 'data-label': 'Created' }, dateTime(d.createdAt)),
      h('td', { 'data-label': 'Status' }, h('span', { class: `pill delivery-${d.status}` }, statusLabels[d.status] ?? d.status)),
      h('td', { 'data-label': 'Attempts', class: 'num' }, String(d.attemptCount)),
      h('td', { 'data-label': 'Last answer' }, last ? `${answer} at ${time(last.at)}` : answer),
      h('td', { 'data-label': 'Next try' }, d.status === 'pending' && d.nextAttemptAt ? time(d.nextAttemptAt) : '—'),
      h('td', { 'data-label': 'Replay' }, h('button', { type: 'button', class: 'small', disabled: !canWrite, 'aria-label': `Replay ${d.eventType} of ${dateTime(d.createdAt)}`,
        onclick: () => replay(d) }, 'Replay')));
  }

  async function replay(d) {
    try {
      await api(`${path}/${encodeURIComponent(selected.id)}/deliveries/${encodeURIComponent(d.deliveryId)}/replay`, { method: 'POST' });
      toast('Sent again, with the same webhook-id.');
    } catch (e) {
      toast(e.message, 'error');
    }
    watchedUntil = Date.now() + refreshForMs;
    showDeliveries();
  }

  load();
  return () => {
    gone = true;
    clearTimeout(timer);
  };
}
