const { topoSort } = require('../src/topo');

test('orders deps first', () => {
  expect(topoSort({ b: ['a'], a: [] })).toEqual(['a', 'b']);
});

test('handles deep chains', () => {
  const g = {};
  for (let i = 0; i < 20000; i++) g[`n${i}`] = i ? [`n${i - 1}`] : [];
  expect(topoSort(g)).toHaveLength(20000);
});
