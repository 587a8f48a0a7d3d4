'use strict';

const escapeHtml = (s) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function inline(text, ctx) {
  let out = escapeHtml(text);
  out = out.replace(/`([^`]+)`/g, '<code>$1</code>');
  out = out.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  out = out.replace(/\*([^*]+)\*/g, '<em>$1</em>');
  out = out.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
  out = out.replace(/\[\^([\w-]+)\]/g, (_, id) => {
    if (!ctx.footnotes.has(id)) return `[^${id}]`;
    if (!ctx.order.includes(id)) ctx.order.push(id);
    const n = ctx.order.indexOf(id) + 1;
    return `<sup id="fnref-${id}"><a href="#fn-${id}">${n}</a></sup>`;
  });
  return out;
}

const TABLE_SEP = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/;

function splitRow(line) {
  const trimmed = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return trimmed.split('|').map((c) => c.trim());
}

function alignments(sepLine) {
  return splitRow(sepLine).map((c) => {
    if (c.startsWith(':') && c.endsWith(':')) return 'center';
    if (c.endsWith(':')) return 'right';
    if (c.startsWith(':')) return 'left';
    return null;
  });
}

function renderTable(lines, ctx) {
  const header = splitRow(lines[0]);
  const aligns = alignments(lines[1]);
  const body = lines.slice(2).map(splitRow);
  const cell = (tag, text, i) => {
    const style = aligns[i] ? ` style="text-align:${aligns[i]}"` : '';
    return `<${tag}${style}>${inline(text.trim(), ctx)}</${tag}>`;
  };
  const head = `<thead><tr>${header.map((h, i) => cell('th', h, i)).join('')}</tr></thead>`;
  const rows = body.map((r) => `<tr>${header.map((_, i) => cell('td', r[i], i)).join('')}</tr>`);
  return `<table>${head}<tbody>${rows.join('')}</tbody></table>`;
}

function collectFootnotes(lines) {
  const footnotes = new Map();
  const rest = [];
  for (const line of lines) {
    const m = /^\[\^([\w-]+)\]:\s*(.*)$/.exec(line);
    if (m) footnotes.set(m[1], m[2]);
    else rest.push(line);
  }
  return { footnotes, rest };
}

function renderFootnotes(ctx) {
  if (ctx.order.length === 0) return '';
  const items = ctx.order.map(
    (id) => `<li id="fn-${id}">${inline(ctx.footnotes.get(id), ctx)} <a href="#fnref-${id}">&#8617;</a></li>`,
  );
  return `<section class="footnotes"><ol>${items.join('')}</ol></section>`;
}

function render(src) {
  const { footnotes, rest } = collectFootnotes(src.replace(/\r\n/g, '\n').split('\n'));
  const ctx = { footnotes, order: [] };
  const lines = rest;
  const html = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1].length;
      html.push(`<h${level}>${inline(heading[2], ctx)}</h${level}>`);
      i++;
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && TABLE_SEP.test(lines[i + 1].trim())) {
      const block = [];
      while (i < lines.length && lines[i].includes('|')) block.push(lines[i++]);
      html.push(renderTable(block, ctx));
      continue;
    }
    if (/^[-*]\s+/.test(line)) {
      const items = [];
      while (i < lines.length && /^[-*]\s+/.test(lines[i])) {
        items.push(`<li>${inline(lines[i].replace(/^[-*]\s+/, ''), ctx)}</li>`);
        i++;
      }
      html.push(`<ul>${items.join('')}</ul>`);
      continue;
    }
    const para = [];
    while (i < lines.length && lines[i].trim() && !/^(#{1,6}\s|[-*]\s)/.test(lines[i])) para.push(lines[i++]);
    html.push(`<p>${inline(para.join(' '), ctx)}</p>`);
  }
  return html.join('\n') + renderFootnotes(ctx);
}

module.exports = { render, escapeHtml };
