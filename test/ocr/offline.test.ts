/**
 * OCR runs fully offline: the language data comes from node_modules and no
 * network connection is ever opened. The OCR runs in a child process where
 * every way to open a connection throws (a preload patches net, http(s) and
 * fetch), and, where the system allows it, in a network namespace with no
 * interface but loopback (`unshare -n`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { languageDir } from '../../src/2-ocr/pool.js';
import { createOcrEngine } from '../../src/2-ocr/index.js';
import { isPoaError } from '../../src/errors.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

function canUnshare(): boolean {
  try {
    execFileSync('unshare', ['-n', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('offline OCR', () => {
  it('has a preload that does block connections, in worker threads too', () => {
    const env = { ...process.env, NODE_OPTIONS: `--require ${path.join(HERE, 'offline-preload.cjs')}` };
    const script = `
      const { Worker } = require('node:worker_threads');
      try { require('node:net').connect(80, '192.0.2.1'); } catch {}
      new Worker("try { require('node:net').connect(443, '192.0.2.1') } catch {}", { eval: true });`;
    const r = spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8', timeout: 20_000 });
    expect(r.stderr.match(/NETWORK-ATTEMPT/g)?.length).toBe(2);
  });

  it('reads a page without any network access', () => {
    const env = {
      ...process.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${path.join(HERE, 'offline-preload.cjs')}`.trim(),
    };
    const child = path.join(HERE, 'offline-child.ts');
    const [cmd, args] = canUnshare() ? ['unshare', ['-n', TSX, child]] : [TSX, [child]];
    const r = spawnSync(cmd, args as string[], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).not.toContain('NETWORK-ATTEMPT');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { words: Array<{ text: string; cellRead: boolean; illegible: boolean }>; rules: number };
    expect(out.rules).toBe(7);
    const cellReads = out.words.filter((w) => w.cellRead && !w.illegible).map((w) => w.text);
    expect(cellReads).toEqual(expect.arrayContaining(['1', '25%', '12', '(3.50)']));
    expect(out.words.map((w) => w.text)).toEqual(expect.arrayContaining(['AVANCE', 'Informe']));
  });

  it('fails with POA_OCR_UNAVAILABLE when the language data is missing', async () => {
    expect(() => languageDir(path.join(ROOT, 'no-such-folder'))).toThrowError(/OCR language data not found/);
    try {
      languageDir(path.join(ROOT, 'no-such-folder'));
    } catch (e) {
      expect(isPoaError(e) && e.code).toBe('POA_OCR_UNAVAILABLE');
    }
    // The installed data is found, and an engine starts no worker until a page is read.
    expect(languageDir()).toMatch(/4\.0\.0_best_int$/);
    const engine = await createOcrEngine({ jobs: 2, dpi: 300 });
    await engine.close();
  });
});
