'use strict';

class RetryQueue {
  constructor({ baseDelay = 100, maxDelay = 5000, maxAttempts = 5 } = {}) {
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.maxAttempts = maxAttempts;
  }

  /** Delay before the retry that follows `attempt` (1-based). */
  delayFor(attempt) {
    return Math.min(this.baseDelay * attempt, this.maxDelay);
  }

  async run(fn, sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))) {
    let lastErr;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      try {
        return await fn(attempt);
      } catch (err) {
        lastErr = err;
        if (attempt < this.maxAttempts) await sleep(this.delayFor(attempt));
      }
    }
    throw lastErr;
  }
}

module.exports = { RetryQueue };
