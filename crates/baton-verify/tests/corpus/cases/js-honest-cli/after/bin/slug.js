#!/usr/bin/env node
'use strict';

const { slugify } = require('../src/slugify');

function main(argv) {
  if (argv.length === 0) {
    console.error('usage: slug <text...>');
    return 2;
  }
  console.log(slugify(argv.join(' ')));
  return 0;
}

process.exit(main(process.argv.slice(2)));
