#!/usr/bin/env node
'use strict';

const fs = require('fs');
const { parseCsv } = require('../lib/csv');

function main(argv) {
  const file = argv[2];
  if (!file) {
    process.stderr.write('usage: csv2json FILE\n');
    process.exit(1);
  }
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    process.stderr.write(`csv2json: cannot read ${file}: ${err.message}\n`);
    process.exit(1);
  }
  process.stdout.write(JSON.stringify(parseCsv(text), null, 2) + '\n');
}

main(process.argv);
