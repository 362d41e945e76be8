// A member's page as the web client's contract describes it (accessible names, roles and data-*
// attributes), so that the tests read as what a person does and sees.
import { attributeOf, countOf, eventually } from './expect.mjs';

export class ChatPage {
  /** `page`: one of the member's tabs (default: the first). */
  constructor(member, page = member.page) {
    this.member = member;
    this.page = page;
    this.app = this.page.locator('#app');
  }

  get name() {
    return this.member.name;
  }

  /** Reloads the page and waits until the client shows its first screen with its connection open. */
  async reload() {
    await this.page.reload();
    await this.ready();
    await this.connection('open');
  }

  /** Opens the page at `hash` and waits until the client shows its first screen. */
  async goto(hash = '#/') {
    await this.page.goto(`/${hash}`);
    await this.ready();
  }

  async ready() {
    await attributeOf(`${this.name}'s #app`, this.app, 'data-state', 'ready');
  }

  /** Waits until the realtime connection is `state` (connecting, open, reconnecting). */
  async connection(state, timeoutMs) {
    await attributeOf(`${this.name}'s connection`, this.app, 'data-connection', state, timeoutMs);
  }

  /** A heading whose text is `name` (a string: exactly; or a RegExp). */
  heading(name, level = 1) {
    return this.page.getByRole('heading', { name, level, exact: true });
  }

  button(name, scope = this.page) {
    return scope.getByRole('button', { name, exact: true });
  }

  field(label, scope = this.page) {
    return scope.getByLabel(label, { exact: true });
  }

  dialog(name) {
    return this.page.getByRole('dialog', { name, exact: true });
  }

  /** Fills the labelled fields of `values` ({label: text}) inside `scope`. */
  async fill(values, scope = this.page) {
    for (const [label, text] of Object.entries(values)) await this.field(label, scope).fill(text);
  }

  get banner() {
    return this.page.getByRole('banner');
  }

  get organization() {
    return this.field('Organization', this.banner);
  }

  /** The name of the organization the select shows. */
  selectedOrganization() {
    return this.organization.evaluate((select) => select.selectedOptions[0]?.textContent.trim() ?? null);
  }

  /** The button that shows the channel list on a narrow window. */
  get channelsToggle() {
    return this.button('Channels', this.banner);
  }

  get nav() {
    return this.page.getByRole('navigation', { name: 'Channels', exact: true });
  }

  channelLink(channelId) {
    return this.nav.locator(`a[data-channel-id="${channelId}"]`);
  }

  /** The link of a channel (or direct channel) whose text contains `text`. */
  channelLinkNamed(text) {
    return this.nav.getByRole('link').filter({ hasText: text });
  }

  unreadBadge(channelId) {
    return this.channelLink(channelId).locator('.unread');
  }

  mentionsBadge(channelId) {
    return this.channelLink(channelId).locator('.mentions');
  }

  /** Opens the channel from the sidebar and waits until it is the open one. */
  async openChannel(channelId) {
    await this.channelLink(channelId).click();
    await attributeOf(`${this.name}'s link of channel ${channelId}`, this.channelLink(channelId), 'aria-current', 'page');
  }

  get main() {
    return this.page.getByRole('main');
  }

  get log() {
    return this.main.getByRole('log', { name: 'Messages', exact: true });
  }

  get composer() {
    return this.field('Message', this.main);
  }

  get thread() {
    return this.page.getByRole('complementary', { name: 'Thread', exact: true });
  }

  get typing() {
    return this.page.locator('[role="status"].typing');
  }

  /** What the typing indicator says ('' when it is not there: a live region may stay in the page, empty). */
  async typingText() {
    return (await this.typing.count()) ? (await this.typing.innerText({ timeout: 1000 })).trim() : '';
  }

  /** The message(s) whose text (its element of class `text`) is `text`, in `scope` (the channel's log unless
   *  told); whitespace may differ, since a line break may be shown with <br>. */
  message(text, scope = this.log) {
    const pattern = text.trim().split(/\s+/).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*');
    return scope.locator('article').filter({ has: this.page.locator('.text', { hasText: new RegExp(`^\\s*${pattern}\\s*$`) }) });
  }

  /** Types `text` into the composer and presses Enter; returns the message's locator. */
  async send(text) {
    await this.composer.fill(text);
    await this.composer.press('Enter');
    return this.message(text);
  }

  /** Waits until exactly one message holds `text` and it is `status` (sent by default). */
  async expectMessage(text, { status = 'sent', scope = this.log, timeoutMs } = {}) {
    const article = this.message(text, scope);
    await countOf(`${this.name}'s messages holding '${text}'`, article, 1, timeoutMs);
    await attributeOf(`${this.name}'s message '${text}'`, article, 'data-status', status, timeoutMs);
    return article;
  }

  /** Clicks a message's own button (they show on hover). */
  async messageAction(article, name) {
    await article.hover();
    await this.button(name, article).click();
  }

  /** The message whose id is `id`, in `scope` (the channel's log unless told), whatever its text. */
  messageById(id, scope = this.log) {
    return scope.locator(`article[data-message-id="${id}"]`);
  }

  /** Edits the member's own message holding `text` in place ("Edit message"; Enter saves) to `newText`. */
  async editMessage(text, newText) {
    await this.messageAction(this.message(text), 'Edit message');
    const field = this.field('Edited text', this.log);
    await field.fill(newText);
    await field.press('Enter');
    await countOf(`${this.name}'s edit boxes`, field, 0);
  }

  /** Whether `element` is wholly inside the visible part of the message log. */
  async inLogView(element) {
    const [box, view] = await Promise.all([element.boundingBox({ timeout: 1000 }), this.log.boundingBox({ timeout: 1000 })]);
    return box !== null && view !== null && box.y >= view.y - 1 && box.y + box.height <= view.y + view.height + 1;
  }

  /** The data-seq of every message in `scope` (the channel's log unless told), in the order shown. */
  seqs(scope = this.log) {
    return scope.locator('article').evaluateAll((articles) => articles.map((article) => Number(article.dataset.seq)));
  }

  /** Whether the element that has keyboard focus matches `selector` (and holds `text`, when given). */
  focusedIs(selector, text) {
    return this.page.evaluate(([wanted, holding]) => {
      const element = document.activeElement;
      return Boolean(element?.matches(wanted) && (holding === undefined || element.textContent.includes(holding)));
    }, [selector, text]);
  }

  /** The focused element as `<tag class="…">text`, for messages. */
  describeFocus() {
    return this.page.evaluate(() => {
      const element = document.activeElement;
      if (!element) return 'nothing';
      const text = element.textContent.replace(/\s+/g, ' ').trim().slice(0, 60);
      return `<${element.localName}${element.className ? ` class="${element.className}"` : ''}>${text}`;
    });
  }

  /** The focus indicator of the focused element: its outline or box-shadow, null when it draws none. A text
   *  field's ring may be drawn by the box around it (:focus-within): up to two of its ancestors count. */
  focusIndicator() {
    return this.page.evaluate(() => {
      const focused = document.activeElement;
      const levels = focused?.matches('textarea, input') ? 2 : 0;
      let element = focused;
      for (let level = 0; element && level <= levels; level++, element = element.parentElement) {
        const style = getComputedStyle(element);
        if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) return `outline ${style.outline} on <${element.localName}>`;
        if (style.boxShadow !== 'none') return `box-shadow ${style.boxShadow} on <${element.localName}>`;
      }
      return null;
    });
  }

  /** The reaction button of `emoji` on `article`. */
  reaction(article, emoji) {
    return article.locator('button.reaction').filter({ hasText: emoji });
  }

  /** Waits until `article` shows `emoji` with `count`, pressed (aria-pressed="true") or not by this member;
   *  count 0: no such reaction. */
  async expectReaction(article, emoji, count, pressed) {
    const button = this.reaction(article, emoji);
    if (count === 0) {
      await countOf(`${this.name}'s ${emoji} reactions`, button, 0);
      return;
    }
    await eventually(`${this.name}'s ${emoji} reaction`, async () => ({
      text: (await button.innerText({ timeout: 1000 })).replace(/\s+/g, ' ').trim(),
      pressed: await button.getAttribute('aria-pressed', { timeout: 1000 }),
    }), (seen) => seen.text === `${emoji} ${count}` && (seen.pressed === 'true') === pressed);
  }
}
