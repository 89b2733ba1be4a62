/**
 * Whole runs in a child process: byte-identical outputs whatever --jobs is,
 * and a run killed with SIGKILL midway, then run again, ends with exactly the
 * outputs of an uninterrupted run.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from './helpers.js';

const RUNNER = path.join(ROOT, 'test', 'support', 'run-cli.ts');
let dir: string;
let input: string;

function cli(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', RUNNER, ...args], { cwd: ROOT, encoding: 'utf8' });
}

/** Every file under a folder, path → bytes (hex digest would do; bytes keep the diff readable). */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of fs.readdirSync(root, { recursive: true }).map(String).sort()) {
    const full = path.join(root, f);
    if (fs.statSync(full).isFile()) out.set(f, fs.readFileSync(full, 'utf8'));
  }
  return out;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poa-batch-'));
  input = path.join(dir, 'in');
  // Several copies of the digital fixtures: enough inputs for two workers and for a kill midway.
  for (const copy of ['a', 'b', 'c']) {
    fs.mkdirSync(path.join(input, copy), { recursive: true });
    for (const f of fs.readdirSync(path.join(FIXTURES, 'digital')).filter((x) => x.endsWith('.pdf'))) {
      fs.copyFileSync(path.join(FIXTURES, 'digital', f), path.join(input, copy, f));
    }
  }
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('batch runs', () => {
  let reference: Map<string, string>;

  it('--jobs 1 and --jobs 2 give byte-identical outputs', () => {
    const one = cli([input, '--out', path.join(dir, 'j1'), '--jobs', '1', '--ocr', 'off']);
    const two = cli([input, '--out', path.join(dir, 'j2'), '--jobs', '2', '--ocr', 'off']);
    expect(one.status, one.stderr).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    reference = snapshot(path.join(dir, 'j1'));
    expect(reference.size).toBe(21 + 4);
    expect(snapshot(path.join(dir, 'j2'))).toEqual(reference);
  });

  it('kill -9 midway, then a re-run, gives exactly the outputs of an uninterrupted run', async () => {
    const out = path.join(dir, 'killed');
    const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, input, '--out', out, '--jobs', '1', '--ocr', 'off'], { cwd: ROOT });
    // Kill once a few outputs exist (before the run can finish and write the CSVs).
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const n = fs.existsSync(out) ? fs.readdirSync(out, { recursive: true }).map(String).filter((f) => f.endsWith('.json')).length : 0;
        if (n >= 3 || child.exitCode !== null) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
    });
    await new Promise((r) => child.once('exit', r));
    expect(fs.existsSync(path.join(out, 'acciones.csv'))).toBe(false);
    const again = cli([input, '--out', out, '--jobs', '1', '--ocr', 'off']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/unchanged, skipped/);
    expect(snapshot(out)).toEqual(reference);
  });
});
