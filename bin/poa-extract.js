#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// A closed pipe (`poa-extract --help | head`) is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
