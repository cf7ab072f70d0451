// L2 depth kept from a book.<SYMBOL> channel: a snapshot, then deltas applied strictly in sequence.
// Deltas carry a level's new absolute quantity (0 removes it), so applying one twice is harmless,
// but a missing one leaves the book wrong: a gap asks the caller to resubscribe for a new snapshot.

export class DepthBook {
  constructor() {
    this.reset();
  }

  /** Forgets everything until the next snapshot. */
  reset() {
    this.sequence = null;
    this.bids = new Map(); // price string → quantity
    this.asks = new Map();
    this.early = []; // deltas that arrived before their snapshot
  }

  /**
   * Applies one message of the channel and says what happened: 'snapshot', 'applied', 'stale' (at or
   * below the current sequence), 'early' (kept until the snapshot), 'gap' (resubscribe) or
   * 'unavailable' (the node had no depth yet; resubscribe shortly).
   */
  apply(message) {
    if (message.type === 'snapshot') {
      if (message.sequence < 0) {
        this.reset();
        return 'unavailable';
      }
      this.bids = new Map(message.bids.map(([p, q]) => [p, q]));
      this.asks = new Map(message.asks.map(([p, q]) => [p, q]));
      this.sequence = message.sequence;
      const early = this.early.sort((a, b) => a.sequence - b.sequence);
      this.early = [];
      for (const delta of early) {
        if (this.applyDelta(delta) === 'gap') return 'gap';
      }
      return 'snapshot';
    }
    if (message.type === 'delta') {
      if (this.sequence === null) {
        this.early.push(message);
        return 'early';
      }
      return this.applyDelta(message);
    }
    return 'stale';
  }

  applyDelta(delta) {
    if (delta.sequence <= this.sequence) return 'stale';
    if (delta.sequence !== this.sequence + 1) return 'gap';
    for (const [side, price, quantity] of delta.levels) {
      const levels = side === 'BUY' ? this.bids : this.asks;
      if (quantity > 0) levels.set(price, quantity);
      else levels.delete(price);
    }
    this.sequence = delta.sequence;
    return 'applied';
  }

  /** The best `n` levels a side, as [price, quantity] pairs: bids high to low, asks low to high. */
  top(n) {
    const sorted = (levels, descending) => [...levels.entries()]
      .sort((a, b) => (descending ? Number(b[0]) - Number(a[0]) : Number(a[0]) - Number(b[0])))
      .slice(0, n);
    return { bids: sorted(this.bids, true), asks: sorted(this.asks, false) };
  }
}
