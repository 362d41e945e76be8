// What a rendered message needs from the app: who is who, presence, and the actions its buttons run
// (errors of those actions are shown as notices).
import { openReactionMenu } from './reactionMenu.js';
import { toastError } from './toast.js';

/**
 * @param {import('../chat/workspace.js').Workspace} workspace
 * @param {import('../chat/sender.js').Sender} sender
 */
export function messageContext(workspace, sender) {
  const latest = (m) => workspace.log(m.channel_id).get(m.id) ?? m;
  const report = (prefix) => (error) => toastError(error, prefix);
  return {
    me: workspace.me,
    get members() { return workspace.members; },
    get mentionNames() { return workspace.mentionNames; },
    presenceOf: (userId) => workspace.presenceOf(userId),
    actions: {
      openThread: (m) => workspace.openThread(m.id).catch(report('Could not open the thread: ')),
      openReactions: (m, button) => openReactionMenu(button, (emoji) =>
        workspace.toggleReaction(latest(m), emoji).catch(report('Could not react: '))),
      toggleReaction: (m, emoji) => workspace.toggleReaction(latest(m), emoji).catch(report('Could not react: ')),
      edit: (m, text) => workspace.edit(m.id, text),
      remove: (m) => workspace.remove(m.id).catch(report('Could not delete the message: ')),
      retry: (clientId) => sender.retry(clientId),
      discard: (clientId) => sender.discard(clientId),
    },
  };
}
