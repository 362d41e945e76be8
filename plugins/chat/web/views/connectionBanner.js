// While the realtime connection is not open: a banner (role="status") that says so, with a way to
// retry at once. #app carries data-connection = connecting | open | reconnecting.
import { h } from '../dom.js';

export function connectionBanner(session, root) {
  const text = h('span', {});
  const retry = h('button', { type: 'button', class: 'link-button', onclick: () => session.socket.retryNow() }, 'Retry now');
  const element = h('div', { class: 'connection-banner', role: 'status', hidden: true }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text, retry);

  function show(state) {
    root.dataset.connection = state === 'idle' ? 'reconnecting' : state;
    element.hidden = state === 'open' || state === 'idle';
    text.textContent = state === 'connecting' ? 'Connecting…' : 'Reconnecting…';
    retry.hidden = state !== 'reconnecting';
  }
  const stop = session.on('connection', show);
  show(session.socket.state);
  // Back online: no need to wait for the end of the current backoff delay.
  const online = () => session.socket.retryNow();
  window.addEventListener('online', online);
  return { element, dispose: () => { stop(); window.removeEventListener('online', online); } };
}
