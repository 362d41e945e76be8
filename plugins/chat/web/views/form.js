// Form pieces shared by the sign-in screens and the dialogs: labelled fields, the error alert that shows
// the API's message (and marks the field it names), and a submit helper that keeps the form busy while
// its request runs.
import { h, append, uid } from '../dom.js';

/**
 * A labelled input: {row, input}. `name` is the API's field name, so an error naming it marks the input.
 * @param {object} options {label, name, type, value, autocomplete, hint, required, multiline, readonly}
 */
export function field({ label, name, type = 'text', value = '', autocomplete, hint, multiline = false, readonly = false, ...rest }) {
  const id = uid(name ?? 'field');
  const hintId = hint ? `${id}-hint` : null;
  const props = { id, name, autocomplete, readonly, 'aria-describedby': hintId, value, ...rest };
  const input = multiline ? h('textarea', { ...props, rows: 2 }) : h('input', { ...props, type });
  const row = h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    input,
    hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null,
  );
  return { row, input };
}

/** A checkbox with its label after it: {row, input}. */
export function checkbox({ label, name, checked = false, description }) {
  const id = uid(name ?? 'check');
  const input = h('input', { type: 'checkbox', id, name, checked });
  const row = h(
    'div',
    { class: 'check' },
    input,
    h('label', { for: id }, label, description ? h('span', { class: 'check-description' }, description) : null),
  );
  return { row, input };
}

/** The place where a form shows its error; empty (and absent from the page) until there is one. */
export class FormError {
  constructor(form) {
    this.form = form;
    this.holder = h('div', { class: 'form-error-holder' });
    this.alert = null;
  }

  /** Shows `error`'s message (the API's words) and marks the field it names, if any. */
  show(error) {
    this.clear();
    const message = error?.message || String(error);
    this.alert = h('div', { class: 'form-error', role: 'alert', id: uid('error') }, message);
    this.holder.append(this.alert);
    const fieldName = /^([a-z_]+):/.exec(message)?.[1];
    const input = fieldName ? this.form.querySelector(`[name="${fieldName}"]`) : null;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-errormessage', this.alert.id);
      input.focus();
    }
  }

  clear() {
    this.alert?.remove();
    this.alert = null;
    for (const input of this.form.querySelectorAll('[aria-invalid]')) {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-errormessage');
    }
  }
}

/**
 * Runs `action` on submit with the form busy (its buttons disabled) and its error shown on failure.
 * The form does no validation of its own (novalidate): the server's messages name the field at fault.
 */
function onSubmit(form, errors, action) {
  form.noValidate = true;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (form.getAttribute('aria-busy') === 'true') return;
    errors.clear();
    form.setAttribute('aria-busy', 'true');
    const focused = document.activeElement;
    const buttons = [...form.querySelectorAll('button')];
    for (const button of buttons) button.disabled = true;
    try {
      await action();
    } catch (error) {
      errors.show(error);
    } finally {
      form.removeAttribute('aria-busy');
      for (const button of buttons) if (button.isConnected) button.disabled = false;
      // Disabling the button that had focus dropped it: give it back, unless the error took it.
      if (form.isConnected && (document.activeElement === document.body || document.activeElement === null)) focused?.focus?.();
    }
  });
}

/** The value of a text input, trimmed. */
export function valueOf(input) {
  return input.value.trim();
}

/**
 * A form of `rows`, its error place and its buttons (extra ones before the submit button), running
 * `action` on submit: {form, errors}. `wide`: one full-width button (the signed-out pages).
 */
export function submitForm({ rows, submitLabel, action, wide = true, extraButtons = [] }) {
  const form = h('form', { class: wide ? 'auth-form' : 'dialog-form' });
  const errors = new FormError(form);
  append(form, [
    rows,
    errors.holder,
    h('div', { class: ['form-actions', !wide && 'end'] },
      extraButtons,
      h('button', { type: 'submit', class: ['button', 'primary', wide && 'wide'] }, submitLabel)),
  ]);
  onSubmit(form, errors, action);
  return { form, errors };
}

/**
 * A button's click handler that keeps the button disabled while `action` runs and hands a failure to
 * `failed` (the button is enabled again then).
 */
export function busyClick(action, failed) {
  return async (event) => {
    const button = event.currentTarget;
    button.disabled = true;
    try {
      await action();
    } catch (error) {
      failed(error);
      button.disabled = false;
    }
  };
}
