// The live call feed: the tenant's calls in progress and of the last hour, kept current from the SSE stream.
// It reconnects by itself (a silo restart, a network drop) and says so in the banner while disconnected; after
// reconnecting it re-reads the list, so changes missed meanwhile are not lost.
import { api, query, stream } from './api.js';

const hour = 60 * 60 * 1000;
export const liveStatuses = new Set(['queued', 'initiated', 'ringing', 'in-progress']);

class Feed {
  calls = new Map();
  listeners = new Set();
  connected = false;
  controller = null;
  retry = 0;

  start() {
    if (this.controller) return;
    this.controller = new AbortController();
    this.loop(this.controller.signal);
  }

  stop() {
    this.controller?.abort();
    this.controller = null;
    this.calls.clear();
    this.setConnected(null);
  }

  /** listener(call | null): a call that changed, or null after a full reload. Returns the unsubscribe. */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Live calls first (newest first), then the last hour's ended calls (newest first). */
  list() {
    const cutoff = Date.now() - hour;
    return [...this.calls.values()]
      .filter(c => liveStatuses.has(c.status) || Date.parse(c.endedAt ?? c.createdAt) >= cutoff)
      .sort((a, b) => (liveStatuses.has(b.status) - liveStatuses.has(a.status)) || b.createdAt.localeCompare(a.createdAt));
  }

  async loop(signal) {
    while (!signal.aborted) {
      const touched = new Set();
      try {
        await stream('/api/signalwire/calls/stream', (name, data) => {
          if (name === 'ready') {
            this.retry = 0;
            this.setConnected(true);
            this.reload(touched, signal);
          } else if (name === 'call' && data?.callSid) {
            touched.add(data.callSid);
            this.calls.set(data.callSid, data);
            this.emit(data);
          }
        }, signal);
      } catch (e) {
        if (signal.aborted) return;
        if (e.status === 401 || e.status === 403) {
          this.setConnected(false, e.message);
          return;
        }
      }
      if (signal.aborted) return;
      const delay = Math.min(10, 2 ** this.retry++);
      this.setConnected(false, `Live updates paused: reconnecting in ${delay} s…`);
      await new Promise(resolve => setTimeout(resolve, delay * 1000));
    }
  }

  /** Reads the calls the stream did not tell us about: live ones, and every call of the last hour. */
  async reload(touched, signal) {
    try {
      const since = new Date(Date.now() - hour).toISOString();
      const [recent, live] = await Promise.all([
        api(query('/api/signalwire/calls', { since, limit: 200 }), { signal }),
        api(query('/api/signalwire/calls', { status: [...liveStatuses].join(','), limit: 200 }), { signal }),
      ]);
      for (const call of [...recent.calls, ...live.calls]) {
        if (!touched.has(call.callSid)) this.calls.set(call.callSid, call);
      }
      this.emit(null);
    } catch (e) {
      if (!signal.aborted) this.setConnected(false, `Could not load the calls: ${e.message}`);
    }
  }

  emit(call) {
    for (const listener of this.listeners) listener(call);
  }

  setConnected(connected, message) {
    this.connected = connected === true;
    const banner = document.getElementById('connection');
    banner.hidden = connected !== false;
    banner.textContent = message ?? '';
    document.body.dataset.live = connected === true ? 'connected' : connected === false ? 'disconnected' : '';
    this.emit(null);
  }
}

export const feed = new Feed();
