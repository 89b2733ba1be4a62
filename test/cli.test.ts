/**
 * The command line over a folder of good and bad inputs: each bad input gets a
 * one-line reason naming the file, the rest of the batch goes on, no partial
 * output is left behind, and the exit code says what happened.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { FIXTURES } from './helpers.js';

let dir: string;
let out: string;

async function pdfWithText(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  const page = doc.addPage([612, 792]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  lines.forEach((t, i) => page.drawText(t, { x: 50, y: 700 - i * 14, size: 10, font }));
  return doc.save();
}

async function run(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
  try {
    const code = await main(['node', 'poa-extract', ...args]);
    return { code, stderr, stdout };
  } finally {
    e.mockRestore();
    o.mockRestore();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poa-cli-'));
  out = path.join(dir, 'out');
  const inp = path.join(dir, 'in');
  fs.mkdirSync(path.join(inp, 'sub'), { recursive: true });
  const good = fs.readFileSync(path.join(FIXTURES, 'digital', 'obras2025_t2.pdf'));
  fs.writeFileSync(path.join(inp, 'reporte año 2025.pdf'), good);
  fs.writeFileSync(path.join(inp, 'sub', 'not-a-pdf.pdf'), 'hola, esto no es un PDF\n');
  fs.writeFileSync(path.join(inp, 'sub', 'empty.pdf'), '');
  fs.writeFileSync(path.join(inp, 'sub', 'truncated.pdf'), good.subarray(0, Math.floor(good.length * 0.3)));
  fs.writeFileSync(path.join(inp, 'sub', 'factura.pdf'), await pdfWithText(['FACTURA 1234', 'Cliente: Juan Pérez', 'Total: $ 1,000.00']));
  fs.writeFileSync(path.join(inp, 'sub', 'blank.pdf'), await pdfWithText([]));
  fs.writeFileSync(path.join(inp, 'seed.txt'), fs.readFileSync(path.join(FIXTURES, 'transcripts', '000_59cbdbe8c97bb10f.txt')));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a folder of good and bad inputs', () => {
  let result: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    result = await run([path.join(dir, 'in'), '--out', out, '--ocr', 'off', '--no-progress']);
  });

  it('exits 1 because some inputs could not be read', () => {
    expect(result.code).toBe(1);
  });

  it('names each bad file in a one-line reason with a stable code', () => {
    const lines = result.stderr.trim().split('\n');
    const reason = (name: string) => lines.find((l) => l.includes(name)) ?? '';
    expect(reason('sub/not-a-pdf.pdf')).toMatch(/POA_INPUT_NOT_PDF/);
    expect(reason('sub/empty.pdf')).toMatch(/POA_INPUT_EMPTY/);
    expect(reason('sub/truncated.pdf')).toMatch(/POA_PDF_UNREADABLE|POA_NO_REPORT/);
    expect(reason('sub/factura.pdf')).toMatch(/POA_NO_REPORT/);
    expect(reason('sub/blank.pdf')).toMatch(/POA_NO_REPORT/);
  });

  it('prints a summary', () => {
    expect(result.stderr).toMatch(/2 of 7 inputs read, 5 failed/);
  });

  it('writes the good inputs, file names with spaces and accents included, and nothing for the bad ones', () => {
    expect(fs.existsSync(path.join(out, 'reporte año 2025.json'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'seed.txt.json'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'sub'))).toBe(false);
    const leftovers = fs.readdirSync(out, { recursive: true }).map(String).filter((f) => f.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });

  it('writes the four CSVs with rows of the good inputs only', () => {
    const acciones = fs.readFileSync(path.join(out, 'acciones.csv'), 'utf8').trim().split('\n');
    const files = new Set(acciones.slice(1).map((l) => l.split(',')[0]));
    expect([...files].sort()).toEqual(['reporte año 2025.pdf', 'seed.txt']);
    for (const t of ['periodos', 'presupuesto', 'validacion']) expect(fs.existsSync(path.join(out, `${t}.csv`))).toBe(true);
  });

  it('skips unchanged inputs on a re-run and gives the same bytes', async () => {
    const before = fs.readFileSync(path.join(out, 'acciones.csv'));
    const again = await run([path.join(dir, 'in'), '--out', out, '--ocr', 'off', '--no-progress']);
    expect(again.stderr).toMatch(/2 unchanged, skipped/);
    expect(fs.readFileSync(path.join(out, 'acciones.csv')).equals(before)).toBe(true);
  });
});

describe('misuse', () => {
  it('exits 2 when the output folder cannot be written', async () => {
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, 'x');
    const r = await run([path.join(FIXTURES, 'digital', 'seed004.pdf'), '--out', path.join(file, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/POA_OUTPUT_UNWRITABLE|cannot be written/);
  });

  it('exits 2 for an input that does not exist', async () => {
    const r = await run([path.join(dir, 'nope.pdf'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.pdf: no such file or folder/);
  });

  it('exits 2 for a bad option value', async () => {
    const r = await run([path.join(FIXTURES, 'digital', 'seed004.pdf'), '--out', out, '--jobs', '0']);
    expect(r.code).toBe(2);
    const t = await run([path.join(FIXTURES, 'digital', 'seed004.pdf'), '--out', out, '--ocr-timeout', '0']);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/--ocr-timeout must be a whole number ≥ 1/);
  });
});

describe('--fail-on falla', () => {
  it('exits 3 when a report does not add up', async () => {
    const r = await run([path.join(FIXTURES, 'digital', 'obras2025_t2.pdf'), '--out', path.join(dir, 'out3'), '--fail-on', 'falla', '--no-progress']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/3 rows are 'falla'/);
  });
});

describe('diff', () => {
  it('exits 0 for identical extractions and 1 with the changed cell named', async () => {
    const a = path.join(dir, 'da');
    const b = path.join(dir, 'db');
    await run([path.join(FIXTURES, 'digital', 'obras2025_t2.pdf'), '--out', a, '--no-progress']);
    await run([path.join(FIXTURES, 'digital', 'obras2025_t2.pdf'), '--out', b, '--no-progress']);
    expect((await run(['diff', a, b])).code).toBe(0);
    const json = JSON.parse(fs.readFileSync(path.join(b, 'obras2025_t2.json'), 'utf8'));
    json.reportes[0].filas[1].programado_anual = 999;
    fs.writeFileSync(path.join(b, 'obras2025_t2.json'), JSON.stringify(json));
    const r = await run(['diff', a, b]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/obras2025_t2\.json · reportes\[0\]\.filas\[1\] \(\d+\)\.programado_anual: \d+ → 999/);
  });
});

describe('encrypted PDFs', () => {
  const enc = path.join(FIXTURES, 'bad', 'encrypted.pdf');
  it('without a password: a one-line reason asking for --password', async () => {
    const r = await run([enc, '--out', path.join(dir, 'enc1'), '--no-progress']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/POA_PDF_ENCRYPTED: encrypted\.pdf: the PDF is encrypted; give its password with --password/);
  });
  it('with a wrong password: says so', async () => {
    const r = await run([enc, '--out', path.join(dir, 'enc2'), '--password', 'nope', '--no-progress']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/POA_PDF_WRONG_PASSWORD/);
  });
  it('with the password: reads it like the clear copy', async () => {
    const r = await run([enc, '--out', path.join(dir, 'enc3'), '--password', 'poa', '--no-progress']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 'enc3', 'encrypted.json'), 'utf8'));
    expect(doc.reportes.flatMap((x: { filas: unknown[] }) => x.filas)).toHaveLength(18);
  });
});

describe('links in a folder', () => {
  it('reads a link to a file, does not follow a link to a folder, and names a link to nothing', async () => {
    const inp = path.join(dir, 'links');
    const elsewhere = path.join(dir, 'elsewhere');
    fs.mkdirSync(inp, { recursive: true });
    fs.mkdirSync(elsewhere, { recursive: true });
    fs.copyFileSync(path.join(FIXTURES, 'digital', 'obras2025_t2.pdf'), path.join(elsewhere, 'descargado.pdf'));
    fs.symlinkSync(path.join(elsewhere, 'descargado.pdf'), path.join(inp, 'enlace.pdf'));
    fs.symlinkSync(path.join(dir, 'nowhere.pdf'), path.join(inp, 'roto.pdf'));
    // Followed, this would never end.
    fs.symlinkSync(inp, path.join(inp, 'vuelta'));
    const out5 = path.join(dir, 'out5');
    const r = await run([inp, '--out', out5, '--ocr', 'off', '--no-progress']);
    expect(r.code).toBe(1);
    expect(fs.existsSync(path.join(out5, 'enlace.json'))).toBe(true);
    expect(r.stderr).toMatch(/POA_INPUT_NOT_FOUND: roto\.pdf: no such file/);
    expect(r.stderr).toMatch(/1 of 2 inputs read, 1 failed/);
    expect(fs.existsSync(path.join(out5, 'vuelta'))).toBe(false);
  });
});

describe('several inputs', () => {
  it('name each file relative to the folder that holds them all, so equal names do not collide', async () => {
    const a = path.join(dir, 'multi', 'q1');
    const b = path.join(dir, 'multi', 'q2');
    fs.mkdirSync(a, { recursive: true });
    fs.mkdirSync(b, { recursive: true });
    for (const d of [a, b]) fs.copyFileSync(path.join(FIXTURES, 'digital', 'obras2025_t2.pdf'), path.join(d, 'reporte.pdf'));
    const out4 = path.join(dir, 'out4');
    const r = await run([a, b, '--out', out4, '--no-progress']);
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(out4, 'q1', 'reporte.json'))).toBe(true);
    expect(fs.existsSync(path.join(out4, 'q2', 'reporte.json'))).toBe(true);
    const files = new Set(fs.readFileSync(path.join(out4, 'acciones.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]));
    expect([...files].sort()).toEqual(['q1/reporte.pdf', 'q2/reporte.pdf']);
  });
});
