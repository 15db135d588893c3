// Set-up: everything the tenant's settings hold (business name and time zone, business hours with holidays, the
// call flow, text auto-replies, and the caller cards of settings-callers.js), edited in one form and saved as one
// JSON merge patch of what changed (PATCH /api/tenant/settings), so two people editing different settings both keep
// theirs. All settings UI lives in this module and settings-callers.js.
import { api, session } from './api.js';
import { field, h, pageHeader, phone, replace, toast } from './dom.js';
import { conflicts, diff } from './merge-patch.js';
import { noticesCard, screeningCard, textBackCard } from './settings-callers.js';

const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const actionKinds = [
  ['forward', 'Forward the call'], ['voicemail', 'Take a voicemail'], ['sms', 'Text the caller'],
  ['say', 'Say a message'], ['agent', 'Hand to the AI agent'],
];

let controlIds = 0;

/** A compact control (in a grid row) with its own accessible name and an error slot for the API's field errors. */
function control(element, label) {
  element.id ||= `c${++controlIds}`;
  element.setAttribute('aria-label', label);
  element.setAttribute('aria-describedby', `${element.id}-error`);
  return h('span', { class: 'control' }, element, h('span', { class: 'field-error', id: `${element.id}-error` }));
}

function capitalized(text) { return text[0].toUpperCase() + text.slice(1); }

function hhmm(value) { return String(value ?? '').slice(0, 5); }

export function render(main) {
  const canWrite = session.can('settings:write');
  const form = h('form', { class: 'settings', novalidate: true });
  main.append(pageHeader('Set-up', 'Your business, its hours, what callers hear and how texts are answered.'), form);
  let loaded = null;

  async function load() {
    try {
      loaded = await api('/api/tenant/settings');
      draw();
    } catch (e) {
      replace(form, h('div', { class: 'card notice', role: 'alert' }, e.message));
    }
  }

  function draw() {
    const cards = {
      business: businessCard(loaded),
      businessHours: hoursCard(loaded.businessHours, loaded.timeZone),
      callFlow: flowCard(loaded.callFlow),
      sms: smsCard(loaded.sms),
      screening: screeningCard(loaded.screening),
      missedCallTextBack: textBackCard(loaded.missedCallTextBack),
      notices: noticesCard(loaded.notices),
    };
    const summary = h('div', { class: 'error-summary', role: 'alert', hidden: true, tabindex: '-1' });
    const save = h('button', { type: 'submit', class: 'primary', disabled: !canWrite }, 'Save changes');
    replace(form,
      summary,
      canWrite ? null : h('p', { class: 'card notice' }, 'Read only: saving needs the "settings:write" permission, which your token does not grant.'),
      Object.values(cards).map(c => c.element),
      h('div', { class: 'save-bar' }, h('span', { class: 'muted' }, `Version ${loaded.version}`), save));
    if (!canWrite) form.querySelectorAll('input, select, textarea, button').forEach(e => { e.disabled = true; });

    // What the form says, in the API's shape; the patch sent is its difference from what the form said when drawn.
    const body = () => {
      const value = { ...cards.business.value() };
      for (const [name, c] of Object.entries(cards)) if (name !== 'business') value[name] = c.value();
      value.businessHours &&= { ...value.businessHours, timeZone: value.timeZone || undefined };
      return value;
    };
    const opened = body();
    const base = loaded;

    async function submit(force) {
      clearErrors(summary);
      const patch = diff(opened, body());
      if (!patch) {
        toast('Nothing to save: no setting changed.');
        return;
      }

      save.disabled = true;
      try {
        if (!force) {
          const current = await api('/api/tenant/settings');
          const clashes = current.version === base.version ? [] : conflicts(patch, base, current);
          if (clashes.length) {
            showConflict(summary, `Someone else changed ${clashes.length === 1 ? 'this setting' : 'these settings'} since you opened this page (now version ${current.version}):`,
              clashes.map(path => `${labelOf(path)}: now “${shown(path, current)}”`));
            return;
          }
        }

        loaded = await api('/api/tenant/settings', { method: 'PATCH', body: patch, contentType: 'application/merge-patch+json' });
        toast('Settings saved.');
        draw();
      } catch (e) {
        if (e.status === 409) showConflict(summary, `Not saved: the settings kept changing while yours were being saved (409 Conflict). ${e.problem.detail ?? ''}`, []);
        else showErrors(e, summary);
      } finally {
        save.disabled = !canWrite;
      }
    }

    function showConflict(target, message, items) {
      replace(target,
        h('strong', {}, 'Not saved: conflicting change. '), message,
        items.length ? h('ul', { class: 'conflicts' }, items.map(i => h('li', {}, i))) : null,
        h('p', {}, 'Your changes are still in the form.'),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'primary', onclick: () => submit(true) }, 'Save mine anyway'),
          h('button', { type: 'button', onclick: () => load() }, 'Discard mine and reload')));
      target.dataset.kind = 'conflict';
      target.hidden = false;
      target.focus();
    }

    form.onsubmit = event => {
      event.preventDefault();
      submit(false);
    };
  }

  function clearErrors(summary) {
    form.querySelectorAll('.field-error').forEach(e => { e.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
    summary.hidden = true;
    delete summary.dataset.kind;
  }

  /** The control showing `path`, or the nearest one above it (screening.blocked for screening.blocked[3]). */
  function controlOf(path) {
    for (let p = path; p; p = p.replace(/(\[\d+\]|\.[^.[]+)$/, '')) {
      const target = form.querySelector(`[data-field="${CSS.escape(p)}"]`);
      if (target) return { target, item: p === path ? null : /\[(\d+)\]/.exec(path.slice(p.length))?.[1] };
      if (!/(\[\d+\]|\.[^.[]+)$/.test(p)) break;
    }
    return null;
  }

  function labelOf(path) {
    const found = controlOf(path)?.target;
    const label = found && (form.querySelector(`label[for="${CSS.escape(found.id)}"]`)?.textContent ?? found.getAttribute('aria-label'));
    return label || path;
  }

  function shown(path, settings) {
    const value = path.split('.').reduce((o, key) => (o == null ? undefined : o[key]), settings);
    const text = value == null ? '(not set)' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    return text.length > 80 ? `${text.slice(0, 77)}…` : text;
  }

  function showErrors(e, summary) {
    const unplaced = [];
    for (const [name, messages] of Object.entries(e.errors ?? {})) {
      const found = controlOf(name);
      if (found) {
        found.target.setAttribute('aria-invalid', 'true');
        const slot = document.getElementById(`${found.target.id}-error`);
        const line = `${found.item === null || found.item === undefined ? '' : `Line ${Number(found.item) + 1}: `}${messages.join(' ')}`;
        slot.textContent = slot.textContent ? `${slot.textContent} ${line}` : line;
      } else {
        unplaced.push(`${name}: ${messages.join(' ')}`);
      }
    }
    const count = Object.keys(e.errors ?? {}).length;
    replace(summary, h('strong', {}, count ? `${count} ${count === 1 ? 'problem' : 'problems'} to fix before saving.` : e.message),
      unplaced.length ? h('ul', {}, unplaced.map(u => h('li', {}, u))) : null);
    summary.hidden = false;
    summary.focus();
  }

  load();
}

function card(title, description, ...content) {
  const id = `s-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return h('section', { class: 'card', 'aria-labelledby': id },
    h('h2', { id }, title), description ? h('p', { class: 'muted' }, description) : null, ...content);
}

function businessCard(settings) {
  const name = h('input', { type: 'text', value: settings.businessName ?? '', maxlength: 200, autocomplete: 'organization' });
  const zone = h('input', { type: 'text', value: settings.timeZone ?? 'UTC', list: 'time-zones', autocomplete: 'off' });
  const zones = h('datalist', { id: 'time-zones' }, (Intl.supportedValuesOf?.('timeZone') ?? []).map(z => h('option', { value: z })));
  return {
    element: card('Business', null, h('div', { class: 'grid-2' },
      field('Business name', name, { field: 'businessName' }),
      field('Time zone', zone, { field: 'timeZone', hint: 'An IANA zone such as America/New_York. Hours and analytics days follow it.' })), zones),
    value: () => ({ businessName: name.value.trim(), timeZone: zone.value.trim() }),
  };
}

/** The week grid: each day closed or open in one or more intervals (closing at or before opening: past midnight). */
function hoursCard(hours, timeZone) {
  const alwaysOpen = h('input', { type: 'checkbox', id: 'always-open', checked: !hours });
  const grid = h('div', { class: 'week', role: 'group', 'aria-label': 'Opening hours per weekday' });
  const rows = new Map();
  const holidayList = h('ul', { class: 'holidays', 'aria-label': 'Holidays' });
  const newHoliday = h('input', { type: 'date' });

  function interval(day, opens = '09:00', closes = '17:00') {
    const open = h('input', { type: 'time', value: hhmm(opens) });
    const close = h('input', { type: 'time', value: hhmm(closes) });
    const item = h('li', { class: 'interval' },
      control(open, `${capitalized(day)} opens`), h('span', { 'aria-hidden': 'true' }, '–'), control(close, `${capitalized(day)} closes`),
      h('button', { type: 'button', class: 'icon', 'aria-label': `Remove these ${day} hours`, onclick: () => { item.remove(); refresh(day); } }, '×'));
    item.open = open;
    item.close = close;
    return item;
  }

  function refresh(day) {
    const { list, closed } = rows.get(day);
    closed.hidden = list.children.length > 0;
  }

  for (const day of days) {
    const list = h('ul', { class: 'intervals' });
    const closed = h('span', { class: 'muted closed' }, 'Closed');
    rows.set(day, { list, closed });
    for (const w of (hours?.week ?? []).filter(w => w.day.toLowerCase() === day)) list.append(interval(day, w.opens, w.closes));
    grid.append(h('div', { class: 'day', 'data-day': day },
      h('span', { class: 'day-name', id: `day-${day}` }, capitalized(day)),
      h('div', { class: 'day-hours' }, list, closed),
      h('button', { type: 'button', class: 'ghost small', 'aria-label': `Add hours on ${capitalized(day)}`, onclick: () => { list.append(interval(day)); refresh(day); list.lastChild.open.focus(); } }, '+ Hours')));
    refresh(day);
  }

  function holiday(date) {
    const item = h('li', { 'data-date': date }, h('time', { datetime: date }, new Date(`${date}T00:00:00Z`).toLocaleDateString(undefined, { dateStyle: 'medium', timeZone: 'UTC' })),
      h('button', { type: 'button', class: 'icon', 'aria-label': `Remove holiday ${date}`, onclick: () => item.remove() }, '×'));
    return item;
  }
  for (const date of hours?.holidays ?? []) holidayList.append(holiday(date));

  const body = h('div', { class: 'hours-body' },
    grid,
    h('h3', {}, 'Holidays'),
    h('p', { class: 'muted' }, 'Closed all day on these dates.'),
    holidayList,
    h('div', { class: 'inline-form' }, field('Add a holiday', newHoliday, { field: 'businessHours.holidays' }),
      h('button', { type: 'button', onclick: () => {
        if (newHoliday.value && !holidayList.querySelector(`[data-date="${newHoliday.value}"]`)) holidayList.append(holiday(newHoliday.value));
        newHoliday.value = '';
      } }, 'Add holiday')));
  const toggle = () => { body.hidden = alwaysOpen.checked; };
  alwaysOpen.addEventListener('change', toggle);
  toggle();

  return {
    element: card('Business hours', `When you are open, in ${timeZone}. Outside these hours callers hear the after-hours message.`,
      h('div', { class: 'check' }, alwaysOpen, h('label', { for: 'always-open' }, 'Open around the clock')), body),
    value: () => {
      if (alwaysOpen.checked) return null;
      const week = [];
      for (const day of days) {
        for (const item of rows.get(day).list.children) {
          const i = week.length;
          item.open.dataset.field = `businessHours.week[${i}].opens`;
          item.close.dataset.field = `businessHours.week[${i}].closes`;
          week.push({ day, opens: item.open.value, closes: item.close.value });
        }
      }
      return { week, holidays: [...holidayList.children].map(li => li.dataset.date) };
    },
  };
}

function flowCard(flow) {
  const enabled = h('input', { type: 'checkbox', id: 'flow-enabled', checked: !!flow });
  const f = flow ?? { greeting: '', menuPrompt: '', options: [], afterHoursMessage: 'We are closed right now.', afterHoursVoicemail: true, voicemailPrompt: 'Please leave a message after the tone.' };
  const text = (value, name, rows = 2) => h('textarea', { rows, 'data-field': `callFlow.${name}` }, value ?? '');
  const greeting = text(f.greeting, 'greeting');
  const menuPrompt = text(f.menuPrompt, 'menuPrompt');
  const afterHours = text(f.afterHoursMessage, 'afterHoursMessage');
  const voicemailPrompt = text(f.voicemailPrompt, 'voicemailPrompt');
  const afterHoursVoicemail = h('input', { type: 'checkbox', id: 'after-hours-voicemail', checked: f.afterHoursVoicemail !== false });
  const agentAll = h('input', { type: 'checkbox', id: 'agent-all', checked: !!f.aiAgent?.answerAllCalls });
  const agentPrompt = text(f.aiAgent?.prompt, 'aiAgent.prompt', 3);
  const handoff = h('input', { type: 'tel', value: f.aiAgent?.handoffNumber ?? '', placeholder: '+15551234567' });
  const options = h('tbody');
  const preview = h('ol', { class: 'preview' });

  function option(o = { digit: String(options.children.length + 1), keywords: [], action: { kind: 'forward' } }) {
    const digit = h('input', { type: 'text', value: o.digit ?? '', maxlength: 1, inputmode: 'numeric', class: 'digit' });
    const keywords = h('input', { type: 'text', value: (o.keywords ?? []).join(', '), placeholder: 'sales, buy' });
    const kind = h('select', {}, actionKinds.map(([v, l]) => h('option', { value: v }, l)));
    kind.value = String(o.action?.kind ?? 'forward').toLowerCase();
    const number = h('input', { type: 'tel', value: o.action?.number ?? '', placeholder: '+15551234567' });
    const message = h('input', { type: 'text', value: o.action?.message ?? '' });
    const row = h('tr', {},
      h('td', { 'data-label': 'Key' }, control(digit, 'Key')),
      h('td', { 'data-label': 'Words' }, control(keywords, 'Words that choose it')),
      h('td', { 'data-label': 'Does' }, control(kind, 'What it does')),
      h('td', { 'data-label': 'Number' }, control(number, 'Forward number')),
      h('td', { 'data-label': 'Message' }, control(message, 'Message')),
      h('td', {}, h('button', { type: 'button', class: 'icon', 'aria-label': 'Remove this option', onclick: () => { row.remove(); updatePreview(); } }, '×')));
    const sync = () => { number.disabled = kind.value !== 'forward'; message.disabled = !['say', 'sms', 'voicemail'].includes(kind.value); };
    kind.addEventListener('change', sync);
    sync();
    row.read = i => {
      digit.dataset.field = `callFlow.options[${i}].digit`;
      keywords.dataset.field = `callFlow.options[${i}].keywords`;
      kind.dataset.field = `callFlow.options[${i}].action.kind`;
      number.dataset.field = `callFlow.options[${i}].action.number`;
      message.dataset.field = `callFlow.options[${i}].action.message`;
      const action = { ...(o.action ?? {}), kind: kind.value, number: kind.value === 'forward' ? number.value.trim() || null : null, message: message.disabled ? null : message.value.trim() || null };
      return { digit: digit.value.trim(), keywords: keywords.value.split(',').map(k => k.trim()).filter(Boolean), action };
    };
    return row;
  }
  for (const o of f.options ?? []) options.append(option(o));

  function updatePreview() {
    const lines = [];
    if (!enabled.checked) lines.push('A plain greeting and menu prompt (no call flow is set up).');
    else if (agentAll.checked) lines.push(`The AI agent answers: “${agentPrompt.value || '…'}”`);
    else {
      if (greeting.value) lines.push(`“${greeting.value}”`);
      if (menuPrompt.value) lines.push(`“${menuPrompt.value}”`);
      for (const row of options.children) {
        const cells = row.querySelectorAll('input, select');
        const kind = actionKinds.find(([v]) => v === cells[2].value)?.[1].toLowerCase();
        lines.push(`Key ${cells[0].value || '?'}${cells[1].value ? ` or “${cells[1].value}”` : ''}: ${kind}${cells[2].value === 'forward' && cells[3].value ? ` to ${phone(cells[3].value)}` : ''}`);
      }
      lines.push(`After hours: “${afterHours.value}”${afterHoursVoicemail.checked ? ', then a voicemail' : ''}`);
    }
    replace(preview, lines.map(l => h('li', {}, l)));
  }

  const body = h('div', { class: 'flow-body' },
    h('div', { class: 'grid-2' },
      field('Greeting', greeting, { hint: 'The first thing a caller hears.' }),
      field('Menu prompt', menuPrompt, { hint: 'E.g. “For sales press 1 or say sales.”' })),
    h('h3', {}, 'Menu options'),
    h('table', { class: 'options' },
      h('thead', {}, h('tr', {}, ['Key', 'Words', 'Does', 'Number', 'Message', ''].map(t => h('th', { scope: 'col' }, t)))),
      options),
    h('p', { class: 'field-error', id: 'flow-options-error' }),
    h('button', { type: 'button', class: 'ghost small', onclick: () => { options.append(option()); updatePreview(); } }, '+ Add option'),
    h('div', { class: 'grid-2' },
      field('After-hours message', afterHours),
      field('Voicemail prompt', voicemailPrompt)),
    h('div', { class: 'check' }, afterHoursVoicemail, h('label', { for: 'after-hours-voicemail' }, 'Offer voicemail after hours')),
    h('h3', {}, 'AI agent'),
    h('div', { class: 'check' }, agentAll, h('label', { for: 'agent-all' }, 'The AI agent answers every call (instead of the menu)')),
    h('div', { class: 'grid-2' },
      field('Agent instructions', agentPrompt),
      field('Hand-off number', handoff, { field: 'callFlow.aiAgent.handoffNumber', hint: 'Where the agent transfers a caller who asks for a person.' })));
  // The options list error has no control of its own: it is tied to the table's error line.
  body.querySelector('#flow-options-error').previousElementSibling.dataset.field = 'callFlow.options';
  body.querySelector('table.options').id = 'flow-options';

  const toggle = () => { body.hidden = !enabled.checked; updatePreview(); };
  enabled.addEventListener('change', toggle);
  body.addEventListener('input', updatePreview);
  body.addEventListener('change', updatePreview);
  toggle();

  return {
    element: card('Call flow', 'What callers hear and what each menu key does.',
      h('div', { class: 'check' }, enabled, h('label', { for: 'flow-enabled' }, 'Answer with a call menu')),
      h('div', { class: 'flow-layout' }, body,
        h('aside', { class: 'preview-card', 'aria-labelledby': 'preview-title' }, h('h3', { id: 'preview-title' }, 'What a caller hears'), preview))),
    value: () => {
      if (!enabled.checked) return null;
      const aiAgent = agentAll.checked || agentPrompt.value.trim() || handoff.value.trim()
        ? { ...(f.aiAgent ?? {}), answerAllCalls: agentAll.checked, prompt: agentPrompt.value.trim(), handoffNumber: handoff.value.trim() || null }
        : null;
      return {
        ...f,
        greeting: greeting.value,
        menuPrompt: menuPrompt.value,
        afterHoursMessage: afterHours.value,
        voicemailPrompt: voicemailPrompt.value,
        afterHoursVoicemail: afterHoursVoicemail.checked,
        options: [...options.children].map((row, i) => row.read(i)),
        aiAgent,
      };
    },
  };
}

function smsCard(sms) {
  const rules = h('tbody');
  const text = (value, name) => h('textarea', { rows: 2, 'data-field': `sms.${name}` }, value ?? '');
  const defaultReply = text(sms?.defaultReply, 'defaultReply');
  const afterHoursReply = text(sms?.afterHoursReply, 'afterHoursReply');
  const helpText = text(sms?.helpText, 'helpText');

  function rule(r = { keyword: '', reply: '' }) {
    const keyword = h('input', { type: 'text', value: r.keyword });
    const reply = h('input', { type: 'text', value: r.reply });
    const row = h('tr', {},
      h('td', { 'data-label': 'Keyword' }, control(keyword, 'Keyword')),
      h('td', { 'data-label': 'Reply' }, control(reply, 'Reply')),
      h('td', {}, h('button', { type: 'button', class: 'icon', 'aria-label': 'Remove this rule', onclick: () => row.remove() }, '×')));
    row.read = i => {
      keyword.dataset.field = `sms.keywordRules[${i}].keyword`;
      reply.dataset.field = `sms.keywordRules[${i}].reply`;
      return { keyword: keyword.value.trim(), reply: reply.value };
    };
    return row;
  }
  for (const r of sms?.keywordRules ?? []) rules.append(rule(r));

  return {
    element: card('Text auto-replies', 'Answers sent when a text arrives. STOP, START and HELP are handled for you.',
      h('table', { class: 'options rules' }, h('thead', {}, h('tr', {}, ['Keyword', 'Reply', ''].map(t => h('th', { scope: 'col' }, t)))), rules),
      h('button', { type: 'button', class: 'ghost small', onclick: () => rules.append(rule()) }, '+ Add rule'),
      h('div', { class: 'grid-2' }, field('Default reply', defaultReply), field('After-hours reply', afterHoursReply)),
      field('Help text', helpText)),
    value: () => ({
      keywordRules: [...rules.children].map((row, i) => row.read(i)),
      defaultReply: defaultReply.value || null,
      afterHoursReply: afterHoursReply.value || null,
      helpText: helpText.value || null,
    }),
  };
}
