// How a call reads to a person: its status label, since when it is in that status, how long it has lasted.
import { h } from './dom.js';

const labels = {
  queued: 'Queued', initiated: 'Dialling', ringing: 'Ringing', 'in-progress': 'In progress', completed: 'Completed',
  busy: 'Busy', failed: 'Failed', 'no-answer': 'No answer', canceled: 'Canceled',
};

export function statusLabel(status) { return labels[status] ?? status; }

/** The moment the call entered its current status. */
export function statusSince(call) {
  switch (call.status) {
    case 'in-progress': return call.answeredAt ?? call.rangAt ?? call.createdAt;
    case 'ringing': return call.rangAt ?? call.createdAt;
    case 'queued': case 'initiated': return call.createdAt;
    default: return call.endedAt ?? call.createdAt;
  }
}

/** Talk time so far: the final duration once ended, the running time while answered. */
export function durationSeconds(call, now = Date.now()) {
  if (call.durationSeconds !== null && call.durationSeconds !== undefined && !['in-progress', 'ringing'].includes(call.status)) return call.durationSeconds;
  if (call.status === 'in-progress' && call.answeredAt) return (now - Date.parse(call.answeredAt)) / 1000;
  return call.status === 'ringing' || call.status === 'queued' || call.status === 'initiated' ? null : (call.durationSeconds ?? 0);
}

export function statusPill(status) {
  return h('span', { class: `pill status-${status}`, 'data-status': status }, statusLabel(status));
}

// Notices played are facts about the call (its detail lists them), not turns of the caller's path.
const notices = new Set(['recordingNotice', 'aiDisclosure']);

/** The IVR steps as a short path: "Menu → 1 Sales → Forwarded". */
export function ivrPath(ivr) {
  if (!ivr?.steps?.length) return '';
  return ivr.steps.filter(step => !notices.has(step.kind)).map(step => {
    const what = String(step.kind ?? '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    return step.option ? `${what} ${step.option}` : what;
  }).join(' → ') + (ivr.outcome ? ` → ${ivr.outcome}` : '');
}
