// Messages: conversations per caller number (from the SMS log), and sending a text. Opt-outs are refused by the
// API with the reason, shown at the form. Auto-reply rules are part of the settings (Set-up).
import { api, query, session } from './api.js';
import { dateTime, field, h, pageHeader, phone, replace, toast } from './dom.js';

export function render(main) {
  const list = h('ul', { class: 'conversations', 'aria-label': 'Conversations' });
  const thread = h('div', { class: 'thread', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Choose a conversation.'));
  const canSend = session.can('sms:create');
  const from = h('select', { required: true });
  const to = h('input', { type: 'tel', required: true, placeholder: '+15551234567', autocomplete: 'off' });
  const body = h('textarea', { rows: 3, required: true, maxlength: 1600 });
  const send = h('button', { type: 'submit', class: 'primary', disabled: !canSend }, 'Send text');
  const problem = h('p', { class: 'field-error', role: 'alert' });
  const form = h('form', { class: 'card send-form', 'aria-labelledby': 'send-title' },
    h('h2', { id: 'send-title' }, 'Send a text'),
    canSend ? null : h('p', { class: 'notice-inline' }, 'Sending needs the "sms:create" permission, which your token does not grant.'),
    h('div', { class: 'grid-2' }, field('From', from, { field: 'from' }), field('To', to, { field: 'to' })),
    field('Message', body, { field: 'body' }),
    problem, send);
  if (!canSend) form.querySelectorAll('input, select, textarea').forEach(e => { e.disabled = true; });

  main.append(
    pageHeader('Messages', 'Texts with your callers, newest first.', h('a', { href: '#/setup', class: 'button ghost' }, 'Auto-reply rules')),
    h('div', { class: 'messages-layout' },
      h('section', { class: 'card', 'aria-labelledby': 'conv-title' }, h('h2', { id: 'conv-title' }, 'Conversations'), list),
      h('div', { class: 'stack' }, h('section', { class: 'card', 'aria-label': 'Conversation' }, thread), form)));

  let conversations = new Map();

  async function load() {
    try {
      const page = await api(query('/api/signalwire/sms', { limit: 200 }));
      conversations = new Map();
      for (const m of page.messages) {
        const other = m.direction === 'inbound' ? m.from : m.to;
        if (!conversations.has(other)) conversations.set(other, []);
        conversations.get(other).push(m);
      }
      replace(list, conversations.size === 0 ? h('li', { class: 'empty' }, 'No texts yet.') : [...conversations].map(([number, messages]) =>
        h('li', {}, h('button', { type: 'button', class: 'conversation', onclick: () => open(number) },
          h('span', { class: 'conv-number' }, phone(number)),
          h('span', { class: 'conv-last muted' }, messages[0].body ?? '(media)'),
          h('span', { class: 'conv-time muted' }, dateTime(messages[0].createdAt))))));
      const [latest] = conversations.keys();
      if (latest && !thread.querySelector('.bubbles')) open(latest);
    } catch (e) {
      replace(list, h('li', { class: 'notice', role: 'alert' }, e.message));
    }
  }

  function open(number) {
    to.value = number;
    const messages = [...conversations.get(number)].reverse();
    replace(thread, h('h2', {}, phone(number)), h('ol', { class: 'bubbles' }, messages.map(m =>
      h('li', { class: `bubble ${m.direction}` }, h('p', {}, m.body ?? '(media)'),
        h('span', { class: 'bubble-meta' }, `${dateTime(m.createdAt)} · ${m.status}${m.errorMessage ? ` · ${m.errorMessage}` : ''}`)))));
  }

  async function numbers() {
    if (!session.can('phone_numbers:read')) return;
    try {
      const result = await api('/api/signalwire/phone-numbers');
      replace(from, result.phoneNumbers.map(n => h('option', { value: n.phoneNumber }, phone(n.phoneNumber))));
    } catch { /* the form then has no sender to choose; the API would say why on send */ }
  }

  form.addEventListener('submit', async e => {
    e.preventDefault();
    form.querySelectorAll('.field-error').forEach(p => { p.textContent = ''; });
    send.disabled = true;
    try {
      await api('/api/signalwire/sms/send', { method: 'POST', body: { from: from.value, to: to.value.trim(), body: body.value } });
      toast('Text sent.');
      body.value = '';
      await load();
      if (conversations.has(to.value.trim())) open(to.value.trim());
    } catch (err) {
      for (const [name, messages] of Object.entries(err.errors ?? {})) {
        const target = form.querySelector(`[data-error-for="${name}"]`);
        if (target) target.textContent = messages.join(' ');
      }
      if (!Object.keys(err.errors ?? {}).length) problem.textContent = err.message;
    } finally {
      send.disabled = !canSend;
    }
  });

  load();
  numbers();
}
