// "<name> is typing…" for the open channel (role="status", class "typing"), expiring 5 s after each
// person's last typing event.
import { h } from '../dom.js';
import { typingText } from '../lib/typing.js';
import { displayName } from '../lib/names.js';

export function typingIndicator(workspace, channelId) {
  const element = h('div', { class: 'typing', role: 'status', 'aria-live': 'polite' });
  let timer = null;
  function render() {
    clearTimeout(timer);
    const now = Date.now();
    const names = workspace.typing.active(channelId, now).map((id) => displayName(workspace.members, id));
    element.textContent = typingText(names);
    const next = workspace.typing.nextExpiry(channelId);
    if (next !== null) timer = setTimeout(render, Math.max(50, next - now));
  }
  const stop = workspace.on('typing', (detail) => {
    if (detail?.channelId === channelId) render();
  });
  render();
  return { element, dispose: () => { stop(); clearTimeout(timer); } };
}
