// The set-up cards about callers: who is turned away (block list, withheld numbers), the text a missed caller gets,
// and the notices callers hear before recording and before the AI agent. Each returns { element, value() } like the
// cards of settings.js.
import { api, query, session } from './api.js';
import { field, h } from './dom.js';

function card(id, title, description, ...content) {
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), h('p', { class: 'muted' }, description), ...content);
}

function check(id, label, checked, fieldName) {
  const box = h('input', { type: 'checkbox', id, checked, 'data-field': fieldName });
  return { box, element: h('div', { class: 'check' }, box, h('label', { for: id }, label)) };
}

const anonymousChoices = [
  ['allow', 'Answer them like any caller'],
  ['voicemail', 'Send them straight to voicemail'],
  ['reject', 'Refuse the call (it never rings)'],
];

const verdicts = {
  allow: 'answered as usual',
  voicemail: 'sent straight to voicemail',
  reject: 'refused before it rings, and never texted',
};

export function screeningCard(screening) {
  const blocked = h('textarea', { rows: 5, spellcheck: 'false', autocomplete: 'off' }, (screening?.blocked ?? []).join('\n'));
  const anonymous = h('select', {}, anonymousChoices.map(([value, label]) => h('option', { value }, label)));
  anonymous.value = screening?.anonymousCallers ?? 'allow';
  const probe = h('input', { type: 'tel', placeholder: '+15551234567', autocomplete: 'off' });
  const answer = h('output', { class: 'muted', 'aria-live': 'polite' });
  const probeButton = h('button', { type: 'button', disabled: !session.can('settings:read') }, 'Check');
  probeButton.addEventListener('click', async () => {
    answer.textContent = '…';
    try {
      const verdict = await api(query('/api/tenant/caller-screening', { from: probe.value.trim() }));
      const why = verdict.reason === 'blocked' ? ` (blocked by ${verdict.matchedEntry})` : verdict.reason === 'withheld' ? ' (withheld number)' : '';
      answer.dataset.admission = verdict.admission;
      answer.textContent = `A call from ${probe.value.trim() || 'a withheld number'} is ${verdicts[verdict.admission]}${why}.`;
    } catch (e) {
      answer.textContent = e.message;
    }
  });

  return {
    element: card('s-callers', 'Blocked and withheld callers', 'Calls turned away before anyone hears the phone. Blocked numbers are never texted.',
      h('div', { class: 'grid-2' },
        field('Blocked numbers', blocked, { field: 'screening.blocked', hint: 'One per line: a number like +15551234567, or a prefix ending in * like +1900*. At most 500.' }),
        field('Callers who withhold their number', anonymous, { field: 'screening.anonymousCallers',
          hint: 'Voicemail lets a real person who hides their number (many clinics and offices do) still leave a message, while robocallers reach nobody.' })),
      h('div', { class: 'inline-form' }, field('Check a number against the saved settings', probe), probeButton),
      answer),
    value: () => ({
      blocked: blocked.value.split(/\r?\n/).map(line => line.trim()).filter(Boolean),
      anonymousCallers: anonymous.value,
    }),
  };
}

export function textBackCard(textBack) {
  const enabled = check('text-back-enabled', 'Text callers we missed', !!textBack?.enabled, 'missedCallTextBack.enabled');
  const message = h('textarea', { rows: 2, maxlength: 320 }, textBack?.message ?? '');
  const repeat = h('input', { type: 'number', min: 1, max: 720, step: 1, value: textBack?.repeatWindowHours ?? 24, inputmode: 'numeric' });
  return {
    element: card('s-text-back', 'Missed-call text-back', 'One text to a caller who hung up before anyone answered or in the menu; never to an opted-out or blocked number.',
      enabled.element,
      h('div', { class: 'grid-2' },
        field('Text to send', message, { field: 'missedCallTextBack.message' }),
        field('Not again to the same caller within (hours)', repeat, { field: 'missedCallTextBack.repeatWindowHours', hint: 'From 1 hour to 720 (30 days).' }))),
    value: () => ({
      enabled: enabled.box.checked,
      message: message.value,
      repeatWindowHours: repeat.value === '' ? null : Number(repeat.value),
    }),
  };
}

export function noticesCard(notices) {
  const recording = check('notice-recording', 'Tell callers before recording', !!notices?.recording?.enabled, 'notices.recording.enabled');
  const recordingText = h('input', { type: 'text', maxlength: 500, value: notices?.recording?.message ?? '' });
  const disclosure = check('notice-ai', 'Tell callers they are speaking with an AI agent', !!notices?.aiDisclosure?.enabled, 'notices.aiDisclosure.enabled');
  const disclosureText = h('input', { type: 'text', maxlength: 500, value: notices?.aiDisclosure?.message ?? '' });
  return {
    element: card('s-notices', 'Recording consent and AI disclosure', 'Played before a call is recorded, and before the AI agent speaks; each call records that it was played.',
      recording.element, field('Recording notice', recordingText, { field: 'notices.recording.message' }),
      disclosure.element, field('AI disclosure', disclosureText, { field: 'notices.aiDisclosure.message' })),
    value: () => ({
      recording: { enabled: recording.box.checked, message: recordingText.value },
      aiDisclosure: { enabled: disclosure.box.checked, message: disclosureText.value },
    }),
  };
}
