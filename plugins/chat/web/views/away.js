// Presence "away" while the page has been hidden for a while; "online" again when it is seen.
const AWAY_AFTER_MS = 5 * 60 * 1000;

/** @param {import('../chat/session.js').ChatSession} session  Answers a function that stops watching. */
export function watchAway(session) {
  let timer = null;
  let away = false;
  const set = (status) => session.socket.request('presence.set', { status }).catch(() => {});
  const changed = () => {
    clearTimeout(timer);
    if (document.visibilityState === 'hidden') {
      timer = setTimeout(() => {
        away = true;
        set('away');
      }, AWAY_AFTER_MS);
    } else if (away) {
      away = false;
      set('online');
    }
  };
  document.addEventListener('visibilitychange', changed);
  // A new connection starts online: say away again if the page is still hidden.
  const stopHello = session.socket.on('hello', () => {
    if (away) set('away');
  });
  return () => {
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', changed);
    stopHello();
  };
}
