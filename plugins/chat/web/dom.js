// A tiny element builder. Text always goes in as text nodes or textContent, never as HTML, so nothing
// from the server or from users can become markup. No inline styles either: the page's
// Content-Security-Policy forbids them (style-src 'self').

const SVG_NS = 'http://www.w3.org/2000/svg';
const PROPERTIES = new Set(['value', 'checked', 'indeterminate', 'selected']);

/**
 * h('button', {class: 'primary', type: 'button', onclick: fn, dataset: {id: 3}}, 'Send')
 * Attributes with false, null or undefined are left out; true gives an empty attribute.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  applyProps(element, props);
  append(element, children);
  return element;
}

/** An SVG element (icons), same rules as h(). */
export function svg(tag, props = {}, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  applyProps(element, props);
  append(element, children);
  return element;
}

function applyProps(element, props) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'style') throw new Error('inline styles are not allowed by the Content-Security-Policy');
    if (key === 'dataset') {
      for (const [name, data] of Object.entries(value)) if (data !== undefined && data !== null) element.dataset[name] = String(data);
    } else if (key === 'class') {
      element.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    } else if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2), value);
    } else if (PROPERTIES.has(key)) {
      element[key] = value;
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  }
}

/** Appends children: nodes, strings (as text), arrays of them; null/false are skipped. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** Text for screen readers only (icon buttons keep a visible tooltip through `title`). */
export function srOnly(text) {
  return h('span', { class: 'sr-only' }, text);
}

let nextId = 0;
/** A unique id for label/aria wiring. */
export function uid(prefix = 'id') {
  nextId += 1;
  return `${prefix}-${nextId}`;
}
