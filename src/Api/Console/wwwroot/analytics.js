// Analytics a manager reads at a glance: calls per day by outcome, talk and ring time, missed calls texted back, how
// calls ended (menu and AI agent), busiest hours, IVR choices, SMS and opt-outs, cost; a date range and group-by picker, and the figures as CSV. Every figure is the API's.
import { api, query } from './api.js';
import { clock, field, formatNumber, h, isoDay, money, pageHeader, phone, replace } from './dom.js';
import { bars, columns } from './charts.js';

const callSeries = [
  { key: 'answered', label: 'Answered' },
  { key: 'missed', label: 'Missed' },
  { key: 'failed', label: 'Failed' },
];
const outcomeLabels = {
  transferred: 'Put through', voicemail: 'Voicemail or message', smsSent: 'Texted the caller', information: 'Heard information',
  agent: 'Handled by the AI agent', rejected: 'Refused by screening', abandoned: 'Hung up in the menu',
};
const aiOutcomeLabels = { resolved: 'Answered', transferred: 'Transferred', messageTaken: 'Message taken', followUp: 'Follow-up needed', other: 'Other' };
const smsSeries = [
  { key: 'delivered', label: 'Delivered' },
  { key: 'failed', label: 'Failed' },
  { key: 'pending', label: 'Sent, not yet confirmed' },
];

export function render(main) {
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const from = h('input', { type: 'date', name: 'from', value: params.get('from') ?? isoDay(-13), required: true });
  const to = h('input', { type: 'date', name: 'to', value: params.get('to') ?? isoDay(0), required: true });
  const groupBy = h('select', { name: 'groupBy' },
    h('option', { value: 'day' }, 'Day'), h('option', { value: 'number' }, 'Phone number'));
  groupBy.value = params.get('groupBy') === 'number' ? 'number' : 'day';
  const exportButton = h('button', { type: 'button', disabled: true }, 'Export CSV');
  const form = h('form', { class: 'card filters', 'aria-label': 'Period and grouping' },
    field('From', from, { field: 'from' }), field('To', to, { field: 'to' }), field('Group by', groupBy, { field: 'groupBy' }),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Show'), exportButton));
  const content = h('div', { class: 'analytics', 'aria-live': 'polite' });
  main.append(pageHeader('Analytics', 'Calls, messages and cost over the period, in your business’s time zone.'), form, content);

  let report = null;
  let aborter = null;

  async function load() {
    aborter?.abort();
    aborter = new AbortController();
    const signal = aborter.signal;
    form.querySelectorAll('.field-error').forEach(e => { e.textContent = ''; });
    replace(content, h('p', { class: 'muted loading' }, 'Loading…'));
    try {
      report = await api(query('/api/signalwire/analytics', { from: from.value, to: to.value, groupBy: groupBy.value }), { signal });
      exportButton.disabled = false;
      draw();
    } catch (e) {
      if (e.name === 'AbortError') return;
      for (const [name, messages] of Object.entries(e.errors ?? {})) {
        const target = form.querySelector(`[data-error-for="${name}"]`);
        if (target) target.textContent = messages.join(' ');
      }
      replace(content, h('div', { class: 'card notice', role: 'alert' }, e.message));
    }
  }

  function draw() {
    const { calls, sms, cost } = report;
    const kpi = (label, value, name, note) => h('div', { class: 'kpi', 'data-kpi': name },
      h('span', { class: 'kpi-label' }, label), h('span', { class: 'kpi-value' }, value), note ? h('span', { class: 'kpi-note' }, note) : null);
    const answerRate = calls.total ? `${Math.round((calls.answered / calls.total) * 100)}% answered` : null;
    const groups = report.groups;
    const byDay = groupBy.value === 'day';
    const rows = byDay ? fillDays(report.from, report.to, groups) : groups;
    const label = key => byDay ? shortDay(key) : phone(key);

    replace(content,
      h('div', { class: 'kpis' },
        kpi('Calls', formatNumber(calls.total), 'calls', answerRate),
        kpi('Answered', formatNumber(calls.answered), 'answered'),
        kpi('Missed', formatNumber(calls.missed), 'missed'),
        kpi('Failed', formatNumber(calls.failed), 'failed'),
        kpi('Talk time', clock(calls.talkSeconds), 'talk', `avg ${clock(calls.averageTalkSeconds)}`),
        kpi('Ring time', clock(calls.ringSeconds), 'ring', `avg ${clock(calls.averageRingSeconds)}`),
        kpi('Texted back', formatNumber(calls.textedBack), 'texted-back', calls.missed ? `of ${formatNumber(calls.missed)} missed` : null),
        kpi('Texts sent', formatNumber(sms.sent), 'sms', sms.sent ? `${Math.round(sms.deliveryRate * 100)}% delivered` : null),
        kpi('Opt-outs', formatNumber(sms.optOuts), 'opt-outs', 'texted STOP'),
        kpi('Cost', money(Math.abs(cost.amount), cost.currency), 'cost')),
      h('div', { class: 'chart-grid' },
        byDay
          ? columns({ id: 'chart-calls', title: 'Calls per day', series: callSeries, whole: true, format: formatNumber,
            rows: rows.map(g => ({ key: g.key, label: label(g.key), values: { answered: g.calls.answered, missed: g.calls.missed, failed: g.calls.failed } })) })
          : bars({ id: 'chart-calls', title: 'Calls per number', items: rows.map(g => ({ key: g.key, label: label(g.key), value: g.calls.total })), format: formatNumber }),
        byDay
          ? columns({ id: 'chart-talk', title: 'Talk time per day (minutes)', series: [{ key: 'talk', label: 'Talk time' }],
            rows: rows.map(g => ({ key: g.key, label: label(g.key), values: { talk: Math.round(g.calls.talkSeconds / 6) / 10 } })), format: v => formatNumber(Math.round(v * 10) / 10) })
          : bars({ id: 'chart-talk', title: 'Talk time per number', items: rows.map(g => ({ key: g.key, label: label(g.key), value: g.calls.talkSeconds })), format: clock }),
        byDay
          ? columns({ id: 'chart-ring', title: 'Ring time per day (minutes)', series: [{ key: 'ring', label: 'Ring time' }],
            rows: rows.map(g => ({ key: g.key, label: label(g.key), values: { ring: Math.round(g.calls.ringSeconds / 6) / 10 } })), format: v => formatNumber(Math.round(v * 10) / 10) })
          : bars({ id: 'chart-ring', title: 'Ring time per number', items: rows.map(g => ({ key: g.key, label: label(g.key), value: g.calls.ringSeconds })), format: clock }),
        bars({ id: 'chart-outcomes', title: 'How calls ended', format: formatNumber,
          items: Object.entries(report.outcomes).filter(([, v]) => v > 0).map(([k, v]) => ({ key: k, label: outcomeLabels[k] ?? k, value: v })),
          emptyText: 'No call met the menu or the AI agent in this period.' }),
        bars({ id: 'chart-ai-outcomes', title: 'AI agent’s post-call reports', format: formatNumber,
          items: Object.entries(report.aiOutcomes).filter(([, v]) => v > 0).map(([k, v]) => ({ key: k, label: aiOutcomeLabels[k] ?? k, value: v })),
          emptyText: 'No AI post-call report in this period.' }),
        columns({ id: 'chart-hours', title: 'Busiest hours (your business’s time zone)', series: [{ key: 'calls', label: 'Calls' }], whole: true, format: formatNumber,
          rows: report.callsByHour.map((n, hour) => ({ key: String(hour), label: `${hour}h`, values: { calls: n } })) }),
        bars({ id: 'chart-ivr', title: 'IVR choices', format: formatNumber,
          items: Object.entries(report.ivrChoices).sort((a, b) => b[1] - a[1]).map(([k, v]) => ({ key: k, label: ivrLabel(k), value: v })),
          emptyText: 'No caller chose a menu option in this period.' }),
        byDay
          ? columns({ id: 'chart-sms', title: 'Texts sent per day', series: smsSeries, whole: true, format: formatNumber,
            rows: rows.map(g => ({ key: g.key, label: label(g.key), values: { delivered: g.sms.delivered, failed: g.sms.failed, pending: Math.max(0, g.sms.sent - g.sms.delivered - g.sms.failed) } })) })
          : bars({ id: 'chart-sms', title: 'Texts sent per number', items: rows.map(g => ({ key: g.key, label: label(g.key), value: g.sms.sent })), format: formatNumber }),
        byDay
          ? columns({ id: 'chart-opt-outs', title: 'Opt-outs per day', series: [{ key: 'optOuts', label: 'Opt-outs' }], whole: true, format: formatNumber,
            rows: rows.map(g => ({ key: g.key, label: label(g.key), values: { optOuts: g.sms.optOuts ?? 0 } })) })
          : bars({ id: 'chart-opt-outs', title: 'Opt-outs per number', items: rows.map(g => ({ key: g.key, label: label(g.key), value: g.sms.optOuts })), format: formatNumber,
            emptyText: 'Nobody opted out in this period.' }),
        byDay
          ? columns({ id: 'chart-cost', title: `Cost per day${cost.currency ? ` (${cost.currency})` : ''}`, series: [{ key: 'cost', label: 'Cost' }],
            rows: rows.map(g => ({ key: g.key, label: label(g.key), values: { cost: Math.abs(g.cost.amount) } })), format: v => money(v, cost.currency) })
          : bars({ id: 'chart-cost', title: 'Cost per number', items: rows.map(g => ({ key: g.key, label: label(g.key), value: Math.abs(g.cost.amount) })), format: v => money(v, cost.currency) })));
  }

  function exportCsv() {
    const outcomes = Object.keys(outcomeLabels);
    const aiOutcomes = Object.keys(aiOutcomeLabels);
    const header = ['group', 'calls', 'answered', 'missed', 'failed', 'inbound', 'outbound', 'talk_seconds', 'ring_seconds', 'texted_back',
      ...outcomes.map(k => `outcome_${snake(k)}`), ...aiOutcomes.map(k => `ai_${snake(k)}`),
      'sms_sent', 'sms_received', 'sms_delivered', 'sms_failed', 'sms_opt_outs', 'cost', 'currency'];
    const lines = [header, ...report.groups.map(g => [g.key, g.calls.total, g.calls.answered, g.calls.missed, g.calls.failed, g.calls.inbound,
      g.calls.outbound, g.calls.talkSeconds, g.calls.ringSeconds, g.calls.textedBack, ...outcomes.map(k => g.outcomes[k]), ...aiOutcomes.map(k => g.aiOutcomes[k]),
      g.sms.sent, g.sms.received, g.sms.delivered, g.sms.failed, g.sms.optOuts, g.cost.amount, g.cost.currency ?? ''])];
    const text = lines.map(l => l.map(v => /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : v).join(',')).join('\r\n');
    const link = h('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/csv' })), download: `analytics-${report.from}-to-${report.to}-by-${groupBy.value}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  form.addEventListener('submit', e => {
    e.preventDefault();
    history.replaceState(null, '', `#/analytics?${new URLSearchParams({ from: from.value, to: to.value, groupBy: groupBy.value })}`);
    load();
  });
  exportButton.addEventListener('click', exportCsv);
  load();
  return () => aborter?.abort();
}

/** Every day of the period, with zeros where the API had nothing (it lists only days with activity). */
function fillDays(from, to, groups) {
  const byKey = new Map(groups.map(g => [g.key, g]));
  const zero = { calls: { total: 0, answered: 0, missed: 0, failed: 0, talkSeconds: 0, ringSeconds: 0, textedBack: 0 }, sms: { sent: 0, delivered: 0, failed: 0, optOuts: 0 }, cost: { amount: 0 } };
  const days = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    const key = d.toISOString().slice(0, 10);
    days.push(byKey.get(key) ?? { key, ...zero });
  }
  return days;
}

const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

function shortDay(key) {
  return dayFormat.format(new Date(`${key}T00:00:00Z`));
}

function snake(key) {
  return key.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`);
}

function ivrLabel(key) {
  return /^[0-9*#]$/.test(key) ? `Option ${key}` : key;
}
