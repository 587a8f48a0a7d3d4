const { Queue } = require('./queue');

describe('Queue', () => {
  it('is empty initially', () => {
    expect(new Queue().size).toBe(0);
    expect(new Queue().shift()).toBeUndefined();
  });
});
