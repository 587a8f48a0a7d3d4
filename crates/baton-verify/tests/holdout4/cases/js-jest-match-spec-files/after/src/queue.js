'use strict';

class Queue {
  constructor() { this.items = []; }
  push(x) { this.items.push(x); return this; }
  shift() { return this.items.shift(); }
  get size() { return this.items.length; }
}

module.exports = { Queue };
