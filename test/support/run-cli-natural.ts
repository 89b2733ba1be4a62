/**
 * Runs the CLI from source and lets the process end by itself (no process.exit):
 * a test that uses it fails if anything — an OCR worker left open — keeps Node alive.
 */
import { main } from '../../src/cli/main.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
