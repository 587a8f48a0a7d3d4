const { render, escapeHtml } = require('../lib/render');

test('headings', () => {
  expect(render('# Title\n\n## Sub')).toBe('<h1>Title</h1>\n<h2>Sub</h2>');
});

test('emphasis, code and links', () => {
  expect(render('a **b** *c* `d` [e](http://x)')).toBe(
    '<p>a <strong>b</strong> <em>c</em> <code>d</code> <a href="http://x">e</a></p>',
  );
});

test('lists', () => {
  expect(render('- one\n- two')).toBe('<ul><li>one</li><li>two</li></ul>');
});

test('escapes html', () => {
  expect(escapeHtml('<a & "b">')).toBe('&lt;a &amp; &quot;b&quot;&gt;');
});
