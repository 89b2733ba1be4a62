/** The tool's version, from package.json (written into every output and used to decide what to redo). */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const VERSION: string = (require('../package.json') as { version: string }).version;
