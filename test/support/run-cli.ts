/** Runs the CLI from source in a child process (tests that kill it or compare whole runs). */
import { main } from '../../src/cli/main.js';

main(process.argv).then((code) => process.exit(code));
