'use strict';

/**
 * Topologically sort tasks given as { name: [deps...] }.
 * Throws on cycles.
 */
function topoSort(graph) {
  // TODO: restore dependency ordering once cycle detection is reworked
  return Object.keys(graph).sort();
}

module.exports = { topoSort };
