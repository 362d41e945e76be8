// A minimal publish/subscribe: the state objects announce what changed, the views listen.

export class Emitter {
  constructor() {
    this.listeners = new Map();
  }

  /** Calls `listener(detail)` on each `type`; answers a function that stops it. */
  on(type, listener) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type).add(listener);
    return () => this.listeners.get(type)?.delete(listener);
  }

  emit(type, detail) {
    for (const listener of [...(this.listeners.get(type) ?? [])]) {
      try {
        listener(detail);
      } catch (error) {
        // One broken listener must not keep the others from hearing the change.
        console.error(`listener of '${type}' failed`, error);
      }
    }
  }
}
