// Per-channel sequence tracking (docs/protocol.md, "Staying in sync"): the highest seq up to which every
// message has been received, so that a resubscription asks for exactly what is missing. Messages can
// overtake each other between nodes, so a gap is "not yet", never "lost": seqs above a gap are kept
// until the gap fills.

export class SeqTracker {
  /** @param {number} contiguous every seq up to this one is known already */
  constructor(contiguous = 0) {
    this.contiguous = contiguous;
    this.ahead = new Set();
  }

  /** Records `seq`; answers true the first time it is seen, false for a duplicate. */
  accept(seq) {
    if (!Number.isInteger(seq) || seq <= this.contiguous || this.ahead.has(seq)) return false;
    this.ahead.add(seq);
    while (this.ahead.delete(this.contiguous + 1)) this.contiguous += 1;
    return true;
  }

  /** Whether `seq` was seen (or lies below the contiguous mark). */
  has(seq) {
    return seq <= this.contiguous || this.ahead.has(seq);
  }

  /** The highest seq seen, gaps or not. */
  get highest() {
    let highest = this.contiguous;
    for (const seq of this.ahead) highest = Math.max(highest, seq);
    return highest;
  }

  /** The seqs still missing below `highest`, in order. */
  missing() {
    const missing = [];
    for (let seq = this.contiguous + 1; seq < this.highest; seq += 1) {
      if (!this.ahead.has(seq)) missing.push(seq);
    }
    return missing;
  }
}
