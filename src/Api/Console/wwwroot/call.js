// One call: its facts, the timeline of events and IVR steps, recordings, and hang-up / redirect while it is live.
import { api, session } from './api.js';
import { clock, dateTime, field, h, money, pageHeader, phone, replace, time, toast } from './dom.js';
import { durationSeconds, ivrPath, statusLabel, statusPill } from './calls.js';
import { feed, liveStatuses } from './feed.js';

export function render(main, [callSid]) {
  const content = h('div', { class: 'call-detail' });
  main.append(h('p', {}, h('a', { href: '#/board', class: 'back' }, '← Live board')), content);
  let call = null;
  let loading = false;
  let again = null;
  let gone = false;

  async function load() {
    if (loading || gone) return;
    loading = true;
    clearTimeout(again);
    try {
      call = await api(`/api/signalwire/call/${encodeURIComponent(callSid)}`);
      if (gone) return;
      draw();
      // The live stream tells status changes only; what SignalWire sends after the call ended (the AI agent's report,
      // a voicemail's transcription) is read again until it is there, for a few minutes after the end.
      if (awaited(call)) again = setTimeout(load, reportPollMs);
    } catch (e) {
      replace(content, pageHeader('Call not found'), h('div', { class: 'card notice', role: 'alert' }, e.message));
    } finally {
      loading = false;
    }
  }

  function facts() {
    const rows = [
      ['Direction', call.direction === 'inbound' ? 'Inbound' : 'Outbound'],
      ['From', phone(call.from)],
      ['To', phone(call.to)],
      ['Started', dateTime(call.createdAt)],
      ['Answered', call.answeredAt ? time(call.answeredAt) : '—'],
      ['Ended', call.endedAt ? time(call.endedAt) : '—'],
      ['Duration', clock(durationSeconds(call))],
      ['Answered by', call.answeredBy ?? '—'],
      ['Price', call.price === null || call.price === undefined ? '—' : money(Math.abs(call.price), call.priceUnit)],
      ['Call SID', h('code', {}, call.callSid)],
    ];
    return h('dl', { class: 'facts' }, rows.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))));
  }

  function timeline() {
    const items = [
      ...call.events.map(e => ({ at: e.occurredAt, what: eventText(e), kind: 'event' })),
      ...(call.ivr?.steps ?? []).map(s => ({ at: s.at, what: stepText(s), kind: 'ivr' })),
    ].sort((a, b) => a.at.localeCompare(b.at));
    return h('ol', { class: 'timeline', 'aria-label': 'Timeline' },
      items.map(i => h('li', { class: `timeline-${i.kind}` }, h('time', { datetime: i.at }, time(i.at)), h('span', {}, i.what))));
  }

  function controls() {
    if (!liveStatuses.has(call.status)) return null;
    const allowed = session.can('calls:create');
    const reason = allowed ? null : 'Needs the "calls:create" permission, which your token does not grant.';
    const url = h('input', { type: 'url', placeholder: 'https://example.com/voice.xml', disabled: !allowed });
    const redirectForm = h('form', { class: 'inline-form', onsubmit: async e => {
      e.preventDefault();
      await update({ url: url.value.trim() }, 'Call redirected.', redirectForm);
    } },
    field('Redirect to a cXML/SWML URL', url, { field: 'url' }),
    h('button', { type: 'submit', disabled: !allowed }, 'Redirect'));
    return h('section', { class: 'card', 'aria-labelledby': 'call-controls' },
      h('h2', { id: 'call-controls' }, 'Live call'),
      reason ? h('p', { class: 'notice-inline' }, reason) : null,
      h('div', { class: 'control-row' },
        h('button', { type: 'button', class: 'danger', disabled: !allowed, onclick: () => update({ status: call.status === 'in-progress' ? 'completed' : 'canceled' }, 'Hang-up sent.') }, 'Hang up')),
      redirectForm);
  }

  async function update(body, done, form) {
    form?.querySelectorAll('.field-error').forEach(e => { e.textContent = ''; });
    try {
      call = await api(`/api/signalwire/call/${encodeURIComponent(callSid)}`, { method: 'PATCH', body });
      toast(done);
      draw();
    } catch (e) {
      const message = Object.values(e.errors ?? {}).flat()[0] ?? e.message;
      const target = form?.querySelector('.field-error');
      if (target) target.textContent = message;
      toast(message, 'error');
    }
  }

  function recordings() {
    if (!call.recordings.length) return h('p', { class: 'muted' }, 'No recording.');
    return h('ul', { class: 'recordings' }, call.recordings.map(r => h('li', {},
      r.url ? h('audio', { controls: true, preload: 'none', src: r.url, 'aria-label': `Recording ${r.recordingSid}` }) : null,
      h('span', { class: 'muted' }, `${r.status ?? 'pending'} · ${clock(r.durationSeconds)}`))));
  }

  function draw() {
    const caller = call.direction === 'inbound' ? call.from : call.to;
    replace(content,
      pageHeader(`Call with ${phone(caller)}`, `${statusLabel(call.status)} · ${dateTime(call.createdAt)}`, statusPill(call.status)),
      controls(),
      h('div', { class: 'grid-2' },
        h('section', { class: 'card', 'aria-labelledby': 'call-facts' }, h('h2', { id: 'call-facts' }, 'Details'), facts()),
        h('section', { class: 'card', 'aria-labelledby': 'call-timeline' }, h('h2', { id: 'call-timeline' }, 'Timeline'),
          call.ivr ? h('p', { class: 'muted' }, `IVR: ${ivrPath(call.ivr)}`) : null, timeline())),
      h('section', { class: 'card', 'aria-labelledby': 'call-recordings' }, h('h2', { id: 'call-recordings' }, 'Recordings'), recordings()),
      report(),
      awaited(call) ? h('p', { class: 'muted awaiting', role: 'status' }, `Waiting for ${awaited(call)}; this page updates when it arrives.`) : null);
  }

  // What the business gets from the call: the AI agent's summary and transcript, voicemail transcriptions.
  function report() {
    const r = call.report;
    if (!r) return null;
    const voicemails = r.voicemails ?? [];
    return h('section', { class: 'card', 'aria-labelledby': 'call-report' },
      h('h2', { id: 'call-report' }, 'Summary and transcript'),
      r.summary ? h('p', { class: 'call-summary' }, r.summary) : null,
      r.transcript?.length ? h('ol', { class: 'transcript', 'aria-label': 'Transcript' }, r.transcript.map(t => h('li', { class: `turn turn-${t.role}` },
        h('strong', {}, t.role === 'caller' ? 'Caller' : 'Agent'),
        t.at ? h('time', { datetime: t.at }, ` ${time(t.at)} `) : ' ',
        h('span', {}, t.text)))) : null,
      r.omittedTurns ? h('p', { class: 'muted' }, `${r.omittedTurns} more turns not kept.`) : null,
      voicemails.length ? h('div', { 'aria-label': 'Voicemail transcriptions' }, voicemails.map(v => h('blockquote', { class: 'voicemail' },
        h('p', {}, v.status === 'completed' ? v.transcription : 'The voicemail could not be transcribed.'),
        h('footer', { class: 'muted' }, `Voicemail ${v.recordingSid}`)))) : null);
  }

  const unsubscribe = feed.subscribe(change => { if (change?.callSid === callSid) load(); });
  load();
  return () => {
    gone = true;
    clearTimeout(again);
    unsubscribe();
  };
}

const reportPollMs = 3000;
const reportWaitMs = 5 * 60 * 1000;

/**
 * What an ended call still expects from SignalWire, in words (null: nothing, or no longer): the AI agent's summary for
 * a call it answered, a transcription for each voicemail left. Expected for at most a few minutes after the end.
 */
function awaited(call) {
  if (liveStatuses.has(call.status) || !call.endedAt || Date.now() - Date.parse(call.endedAt) > reportWaitMs) return null;
  const steps = call.ivr?.steps ?? [];
  const report = call.report ?? {};
  if (steps.some(s => s.kind === 'agentHandoff' && !s.option) && !report.summary && !report.transcript?.length) return "the AI agent's summary";
  const voicemails = steps.filter(s => s.kind === 'voicemailRecorded').length;
  return voicemails > (report.voicemails?.length ?? 0) ? "the voicemail's transcription" : null;
}

function eventText(e) {
  switch (e.type) {
    case 'placed': return 'Call placed through the API';
    case 'voice-request': return 'SignalWire asked for instructions';
    case 'recording': return `Recording ${e.recordingStatus ?? ''}`.trim();
    default: return `Status: ${statusLabel(e.status)}${e.durationSeconds ? ` (${clock(e.durationSeconds)})` : ''}${e.answeredBy ? ` · answered by ${e.answeredBy}` : ''}`;
  }
}

// Steps whose kind alone reads poorly; the others show their kind as words.
const stepNames = {
  recordingNotice: 'Recording notice played',
  aiDisclosure: 'AI disclosure played',
};

function stepText(s) {
  const kind = stepNames[s.kind] ?? String(s.kind).replace(/([a-z])([A-Z])/g, '$1 $2');
  const parts = [`IVR: ${kind[0].toUpperCase()}${kind.slice(1)}`];
  if (s.option) parts.push(`option ${s.option}`);
  if (s.input) parts.push(`heard “${s.input}”`);
  if (s.detail) parts.push(s.detail);
  return parts.join(' · ');
}
