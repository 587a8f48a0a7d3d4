const { exportRows } = require('../src/export');

test('csv export', () => {
  const out = exportRows([{ a: 1, b: 'x,y' }], 'csv');
  expect(out.contentType).toBe('text/csv');
  expect(out.body).toBe('a,b\n1,"x,y"');
});

test('json export', () => {
  expect(exportRows([{ a: 1 }], 'json').body).toContain('"a": 1');
});

test('unknown format', () => {
  expect(() => exportRows([], 'pdf')).toThrow(/unsupported/);
});
