// Phone numbers: the tenant's numbers and the flow each answers with, a search of numbers for sale, buy or claim.
import { api, query, session } from './api.js';
import { dateTime, field, h, pageHeader, phone, replace, toast } from './dom.js';

export function render(main) {
  const owned = h('tbody');
  const canBuy = session.can('phone_numbers:create');
  const areaCode = h('input', { type: 'text', inputmode: 'numeric', maxlength: 3, placeholder: '415' });
  const contains = h('input', { type: 'text', maxlength: 10, placeholder: '555' });
  const results = h('ul', { class: 'offers', 'aria-live': 'polite' });
  const claim = h('input', { type: 'tel', placeholder: '+15551234567' });
  const reason = canBuy ? null : h('p', { class: 'notice-inline' }, 'Buying or claiming needs the "phone_numbers:create" permission, which your token does not grant.');

  main.append(
    pageHeader('Phone numbers', 'The numbers callers reach you on.'),
    h('section', { class: 'card table-card', 'aria-labelledby': 'owned-title' }, h('h2', { id: 'owned-title' }, 'Your numbers'),
      h('table', { class: 'calls' }, h('thead', {}, h('tr', {}, ['Number', 'Name', 'Capabilities', 'Answers with', 'Since'].map(t => h('th', { scope: 'col' }, t)))), owned)),
    h('div', { class: 'grid-2' },
      h('form', { class: 'card', 'aria-labelledby': 'search-title', onsubmit: search },
        h('h2', { id: 'search-title' }, 'Buy a number'), reason,
        h('div', { class: 'grid-2' }, field('Area code', areaCode, { field: 'areaCode' }), field('Contains', contains, { field: 'contains' })),
        h('button', { type: 'submit' }, 'Search'), results),
      h('form', { class: 'card', 'aria-labelledby': 'claim-title', onsubmit: e => { e.preventDefault(); acquire({ phoneNumber: claim.value.trim() }, e.currentTarget); } },
        h('h2', { id: 'claim-title' }, 'Claim a number you already own'),
        h('p', { class: 'muted' }, 'A number already in your SignalWire project: its calls and texts will come here.'),
        field('Phone number', claim, { field: 'phoneNumber' }),
        h('button', { type: 'submit', disabled: !canBuy }, 'Claim'))));
  if (!canBuy) claim.disabled = true;

  async function load() {
    try {
      const result = await api('/api/signalwire/phone-numbers');
      replace(owned, result.phoneNumbers.length === 0
        ? h('tr', {}, h('td', { colspan: 5, class: 'empty' }, 'No numbers yet: buy or claim one below.'))
        : result.phoneNumbers.map(n => h('tr', {},
          h('td', { 'data-label': 'Number' }, phone(n.phoneNumber)),
          h('td', { 'data-label': 'Name' }, n.friendlyName ?? '—'),
          h('td', { 'data-label': 'Capabilities' }, n.capabilities.join(', ') || '—'),
          h('td', { 'data-label': 'Answers with' }, h('a', { href: '#/setup' }, 'Your call flow')),
          h('td', { 'data-label': 'Since' }, dateTime(n.assignedAt)))));
    } catch (e) {
      replace(owned, h('tr', {}, h('td', { colspan: 5, role: 'alert' }, e.message)));
    }
  }

  async function search(e) {
    e.preventDefault();
    const form = e.currentTarget;
    clear(form);
    replace(results, h('li', { class: 'muted' }, 'Searching…'));
    try {
      const found = await api(query('/api/signalwire/phone-numbers/available', { areaCode: areaCode.value.trim(), contains: contains.value.trim() }));
      replace(results, found.availablePhoneNumbers.length === 0 ? h('li', { class: 'muted' }, 'No numbers match.') :
        found.availablePhoneNumbers.map(o => h('li', {}, h('span', {}, phone(o.phoneNumber), h('span', { class: 'muted' }, ` ${[o.rateCenter, o.region].filter(Boolean).join(', ')}`)),
          h('button', { type: 'button', class: 'small', disabled: !canBuy, onclick: ev => acquire({ phoneNumber: o.phoneNumber }, form, ev.currentTarget) }, 'Buy'))));
    } catch (err) {
      replace(results);
      showErrors(form, err);
    }
  }

  async function acquire(body, form, button) {
    clear(form);
    if (button) button.disabled = true;
    try {
      const result = await api('/api/signalwire/phone-numbers', { method: 'POST', body });
      toast(`${phone(result.phoneNumber.phoneNumber)} ${result.outcome === 'already-owned' ? 'was already yours' : `${result.outcome}`}.`);
      load();
    } catch (err) {
      showErrors(form, err);
      if (button) button.disabled = false;
    }
  }

  function clear(form) { form.querySelectorAll('.field-error').forEach(p => { p.textContent = ''; }); }

  function showErrors(form, err) {
    const entries = Object.entries(err.errors ?? {});
    for (const [name, messages] of entries) {
      const target = form.querySelector(`[data-error-for="${name}"]`);
      if (target) target.textContent = messages.join(' ');
    }
    if (!entries.length) toast(err.message, 'error');
  }

  load();
}
