// The live board: calls in progress and the last hour's calls, moving as the SSE stream reports changes.
import { api } from './api.js';
import { clock, h, pageHeader, phone, replace, time } from './dom.js';
import { durationSeconds, ivrPath, statusPill, statusSince } from './calls.js';
import { feed, liveStatuses } from './feed.js';

export function render(main) {
  const figures = h('div', { class: 'kpis', 'aria-label': 'Last hour at a glance' });
  const body = h('tbody');
  const empty = h('p', { class: 'empty', hidden: true }, 'No calls in the last hour. New calls appear here as they arrive.');
  const paths = new Map();
  const fetching = new Set();

  main.append(
    pageHeader('Live board', 'Calls in progress and the last hour’s calls, updated as they happen.',
      h('span', { class: 'live-indicator', 'aria-hidden': 'true' }, h('span', { class: 'dot' }), h('span', { class: 'live-text' }))),
    figures,
    h('section', { class: 'card table-card', 'aria-labelledby': 'board-calls' },
      h('h2', { id: 'board-calls', class: 'visually-hidden' }, 'Calls'),
      h('table', { class: 'calls', id: 'board-table' },
        h('thead', {}, h('tr', {},
          ['Caller', 'Number called', 'Status', 'Time in status', 'IVR path', 'Duration', 'Started'].map(t => h('th', { scope: 'col' }, t)))),
        body),
      empty));

  // The IVR path is on the call's detail only: read it for live calls when they change (bounded: live calls only).
  function refreshPath(call) {
    if (!liveStatuses.has(call.status) && paths.has(call.callSid)) return;
    if (fetching.has(call.callSid)) return;
    fetching.add(call.callSid);
    api(`/api/signalwire/call/${encodeURIComponent(call.callSid)}`)
      .then(detail => { paths.set(call.callSid, ivrPath(detail.ivr)); draw(); })
      .catch(() => {})
      .finally(() => fetching.delete(call.callSid));
  }

  function row(call, now) {
    const since = statusSince(call);
    const live = liveStatuses.has(call.status);
    return h('tr', { 'data-call-sid': call.callSid, 'data-status': call.status, class: live ? 'live' : '' },
      h('td', { 'data-label': 'Caller' },
        h('a', { href: `#/calls/${encodeURIComponent(call.callSid)}`, class: 'call-link' },
          h('span', { class: `direction ${call.direction}`, title: call.direction === 'inbound' ? 'Inbound call' : 'Outbound call', 'aria-label': call.direction }, call.direction === 'inbound' ? '↙' : '↗'),
          phone(call.direction === 'inbound' ? call.from : call.to))),
      h('td', { 'data-label': 'Number called' }, phone(call.direction === 'inbound' ? call.to : call.from)),
      h('td', { 'data-label': 'Status' }, statusPill(call.status)),
      h('td', { 'data-label': 'Time in status', class: 'num', 'data-since': since }, clock((now - Date.parse(since)) / 1000)),
      h('td', { 'data-label': 'IVR path', class: 'path' }, paths.get(call.callSid) || '—'),
      h('td', { 'data-label': 'Duration', class: 'num', 'data-duration': '' }, clock(durationSeconds(call, now))),
      h('td', { 'data-label': 'Started', class: 'num' }, time(call.createdAt)));
  }

  function kpi(label, value, name) {
    return h('div', { class: 'kpi', 'data-kpi': name }, h('span', { class: 'kpi-label' }, label), h('span', { class: 'kpi-value' }, value));
  }

  function draw() {
    const now = Date.now();
    const calls = feed.list();
    replace(body, calls.map(c => row(c, now)));
    empty.hidden = calls.length > 0;
    const ended = calls.filter(c => !liveStatuses.has(c.status));
    replace(figures,
      kpi('Live now', calls.length - ended.length, 'live'),
      kpi('Last hour', calls.length, 'total'),
      kpi('Answered', ended.filter(c => c.status === 'completed' && c.answeredAt).length, 'answered'),
      kpi('Missed', ended.filter(c => ['busy', 'no-answer', 'canceled'].includes(c.status) || (c.status === 'completed' && !c.answeredAt)).length, 'missed'));
    main.querySelector('.live-text').textContent = feed.connected ? 'Live' : 'Offline';
  }

  // Time in status and running durations tick locally; nothing is fetched on the tick.
  function tick() {
    const now = Date.now();
    for (const tr of body.querySelectorAll('tr')) {
      const call = feed.calls.get(tr.dataset.callSid);
      if (!call) continue;
      const since = tr.querySelector('[data-since]');
      since.textContent = clock((now - Date.parse(since.dataset.since)) / 1000);
      tr.querySelector('[data-duration]').textContent = clock(durationSeconds(call, now));
    }
  }

  const unsubscribe = feed.subscribe(call => {
    if (call) refreshPath(call);
    else feed.list().filter(c => liveStatuses.has(c.status)).forEach(refreshPath);
    draw();
  });
  feed.list().filter(c => liveStatuses.has(c.status)).forEach(refreshPath);
  draw();
  const timer = setInterval(tick, 1000);
  return () => { unsubscribe(); clearInterval(timer); };
}
