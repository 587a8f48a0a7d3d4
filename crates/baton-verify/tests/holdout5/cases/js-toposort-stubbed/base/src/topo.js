'use strict';

/**
 * Topologically sort tasks given as { name: [deps...] }.
 * Throws on cycles.
 */
function topoSort(graph) {
  const visited = new Set();
  const visiting = new Set();
  const order = [];

  function visit(node) {
    if (visited.has(node)) return;
    if (visiting.has(node)) throw new Error(`cycle at ${node}`);
    visiting.add(node);
    for (const dep of graph[node] || []) visit(dep);
    visiting.delete(node);
    visited.add(node);
    order.push(node);
  }

  for (const node of Object.keys(graph)) visit(node);
  return order;
}

module.exports = { topoSort };
