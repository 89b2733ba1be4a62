/** File-system edges of a run: finding inputs, naming outputs, atomic writes. */
import { createHash, randomBytes } from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PoaError } from '../errors.js';
import { Documento } from '../schema/document.js';

export const INPUT_EXTENSIONS = ['.pdf', '.txt', '.md'];

export interface InputFile {
  absolute: string;
  /** Path relative to the folder given (the file's own folder for a file given directly), `/`-separated. */
  archivo: string;
}

/**
 * Expands files and folders (recursively, sorted) into the inputs of a run.
 * `archivo` is the path relative to the folder given; with several inputs,
 * relative to the folder that holds them all, so two folders' `a.pdf` stay apart.
 */
export async function collectInputs(paths: readonly string[]): Promise<InputFile[]> {
  const stats = [];
  for (const p of paths) {
    const stat = await fs.stat(p).catch(() => null);
    if (!stat) throw new PoaError('POA_INPUT_NOT_FOUND', `${p}: no such file or folder`, { file: p });
    stats.push({ p, dir: stat.isDirectory() });
  }
  const roots = stats.map(({ p, dir }) => (dir ? path.resolve(p) : path.dirname(path.resolve(p))));
  const base = stats.length === 1 ? roots[0]! : commonAncestor(roots);
  const out: InputFile[] = [];
  const seen = new Set<string>();
  const add = (abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ absolute: abs, archivo: toPosix(path.relative(base, abs)) });
  };
  for (const { p, dir } of stats) {
    if (!dir) add(path.resolve(p));
    else for (const f of await walk(p)) if (INPUT_EXTENSIONS.includes(path.extname(f).toLowerCase())) add(path.resolve(f));
  }
  return out;
}

function commonAncestor(dirs: readonly string[]): string {
  const parts = dirs.map((d) => d.split(path.sep));
  const first = parts[0]!;
  let n = 0;
  while (n < first.length && parts.every((p) => p[n] === first[n])) n++;
  return first.slice(0, n).join(path.sep) || path.sep;
}

/**
 * The files under `dir`, sorted. A link to a file is a file (a folder of links to
 * downloaded reports is read like the reports); links to folders are not
 * followed (a link back up would never end), and a link to nothing is kept so
 * that reading it fails with its name.
 */
async function walk(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full)));
    else if (e.isFile()) out.push(full);
    else if (e.isSymbolicLink()) {
      const target = await fs.stat(full).catch(() => null);
      if (!target || target.isFile()) out.push(full);
    }
  }
  return out;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** `<out>/<archivo without extension>.json`; a transcript keeps its extension (`a.txt.json`) so it never collides with `a.pdf`. */
export function outputPathFor(out: string, input: InputFile): string {
  const ext = path.extname(input.archivo);
  const rel = ext.toLowerCase() === '.pdf' ? input.archivo.slice(0, -ext.length) : input.archivo;
  return path.join(out, ...`${rel}.json`.split('/'));
}

/** The previous output for these bytes, when there is one and it is whole and valid. */
export async function readPreviousOutput(target: string, bytes: Uint8Array): Promise<Documento | null> {
  const text = await fs.readFile(target, 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const doc = Documento.parse(JSON.parse(text));
    const sha = createHash('sha256').update(bytes).digest('hex');
    return doc.sha256 === sha ? doc : null;
  } catch {
    return null;
  }
}

const pending = new Set<string>();
let handlersInstalled = false;

function installCleanup(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const cleanup = (signal: NodeJS.Signals) => {
    for (const f of pending) fsSync.rmSync(f, { force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', cleanup);
  process.once('SIGTERM', cleanup);
}


const TEMP_NAME = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

/** Removes temporary files a killed run left behind (`kill -9` gives no chance to clean up). */
export async function removeStaleTemps(dir: string): Promise<number> {
  let removed = 0;
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isFile() || !TEMP_NAME.test(e.name)) continue;
    await fs.rm(path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name), { force: true });
    removed++;
  }
  return removed;
}

/** Writes a file whole or not at all: a temporary file in the same folder, then a rename. */
export async function writeAtomic(target: string, content: string): Promise<void> {
  installCleanup();
  await fs.mkdir(path.dirname(target), { recursive: true });
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  pending.add(tmp);
  try {
    await fs.writeFile(tmp, content);
    await fs.rename(tmp, target);
  } finally {
    pending.delete(tmp);
    await fs.rm(tmp, { force: true });
  }
}

/** Creates the output folder and proves it can be written. */
export async function ensureWritableDir(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
    const probe = path.join(dir, `.poa-extract-probe-${process.pid}`);
    await fs.writeFile(probe, '');
    await fs.rm(probe, { force: true });
  } catch (err) {
    throw new PoaError('POA_OUTPUT_UNWRITABLE', `${dir}: the output folder cannot be written (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}
