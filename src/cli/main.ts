/**
 * The command line: a thin entry point over the batch runner.
 *
 *   poa-extract <inputs...> --out <dir>
 *   poa-extract diff <golden-dir> <out-dir>
 */
import os from 'node:os';
import { Command, InvalidArgumentError, Option } from 'commander';
import { runBatch, type BatchOptions } from './batch.js';
import { runDiff } from './diff.js';
import { VERSION } from '../version.js';

const EXAMPLES = `
Examples:
  $ poa-extract reportes/ --out out/
      every PDF and transcript (.txt, .md) under reportes/, JSON per file + CSVs in out/
  $ poa-extract 2024-T1.pdf 2024-T2.pdf --out out/ --ocr force --dpi 300
      OCR every page, even those with a text layer
  $ poa-extract escaneos/ --out out/ --jobs 2 --fail-on falla
      exit 3 when a report's own arithmetic does not add up
  $ poa-extract diff golden/ out/
      compare two extractions cell by cell (exit 1 on any difference)

Exit codes:
  0  every input was read          1  some input could not be read
  2  misuse (bad option, no input, output not writable)
  3  --fail-on matched a row (every input was read)
`;

function positiveInt(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number ≥ 1`);
    return n;
  };
}

function dpi(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 72 || n > 600) throw new InvalidArgumentError('--dpi must be a whole number from 72 to 600');
  return n;
}

export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = new Command();
  program
    .name('poa-extract')
    .description('Extract POA progress reports (Ayuntamiento de Mexicali) from PDFs, scans and OCR transcripts into validated JSON and CSV.')
    .version(VERSION)
    .argument('<inputs...>', 'PDF files, transcripts (.txt, .md) or folders (searched recursively)')
    .option('-o, --out <dir>', 'output folder (JSON per input, CSVs for the run); required')
    .addOption(new Option('--ocr <mode>', 'OCR pages without a text layer (auto), every page (force) or none (off)').choices(['auto', 'force', 'off']).default('auto'))
    .addOption(new Option('--dpi <n>', 'resolution for OCR rendering').argParser(dpi).default(300))
    .addOption(new Option('-j, --jobs <n>', 'inputs / OCR pages processed at once').argParser(positiveInt('--jobs')).default(os.availableParallelism()))
    .addOption(new Option('--ocr-timeout <s>', 'seconds one OCR reading may take before its page is given up as unread').argParser(positiveInt('--ocr-timeout')).default(120))
    .option('--password <password>', 'password for encrypted PDFs')
    .option('-f, --force', 'redo inputs whose output is up to date', false)
    .addOption(new Option('--fail-on <estado>', 'exit 3 when any row has this validation outcome').choices(['falla', 'ilegible']))
    .addOption(new Option('--log-level <level>', 'structured log level (default: silent, or info with --log-file)').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']))
    .option('--log-file <file>', 'write structured (JSON) logs to this file instead of stderr')
    .option('--no-progress', 'no progress bar, even on a terminal')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError()
    .exitOverride()
    .action(async (inputs: string[], o: Record<string, unknown>) => {
      if (typeof o.out !== 'string' || o.out === '') {
        process.stderr.write("poa-extract: error: required option '-o, --out <dir>' not specified (see --help)\n");
        code = 2;
        return;
      }
      const opts: BatchOptions = {
        inputs,
        out: o.out as string,
        ocr: o.ocr as BatchOptions['ocr'],
        dpi: o.dpi as number,
        jobs: o.jobs as number,
        ocrTimeout: o.ocrTimeout as number,
        password: o.password as string | undefined,
        force: Boolean(o.force),
        failOn: o.failOn as BatchOptions['failOn'],
        logLevel: (o.logLevel as string | undefined) ?? (o.logFile ? 'info' : 'silent'),
        logFile: o.logFile as string | undefined,
        progress: o.progress !== false,
      };
      code = await runBatch(opts);
    });

  program
    .command('diff')
    .description('compare two output folders field by field; exit 1 on any difference')
    .argument('<golden-dir>', 'the expected extraction')
    .argument('<out-dir>', 'the extraction to check')
    .action(async (golden: string, out: string) => {
      code = await runDiff(golden, out);
    });

  try {
    await program.parseAsync([...argv]);
  } catch (err) {
    const e = err as { code?: string; exitCode?: number };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
    if (typeof e.exitCode === 'number') return 2;
    throw err;
  }
  return code;
}
