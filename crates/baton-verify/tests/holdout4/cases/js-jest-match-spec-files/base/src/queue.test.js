const { Queue } = require('./queue');

test('fifo', () => {
  const q = new Queue().push(1).push(2);
  expect(q.shift()).toBe(1);
  expect(q.size).toBe(1);
});
