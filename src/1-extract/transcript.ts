/**
 * Stage 1b — extract: an OCR transcript (markdown pipe tables, tab-separated
 * rows, free lines and headings, as in shared/seeds/) → `Page`s (IR).
 *
 * A transcript has no coordinates, so it gets a synthetic grid: line k of a
 * page sits at y = 10·k; the cell i of a table row spans x = 100·i … 100·(i+1)
 * and the table gets ruling lines around its cells, so the layout stage reads
 * it as a ruled table. Pages are separated by three or more blank lines or a
 * form feed.
 */
import type { Page, Rule, Word } from '../ir/page.js';

const LINE_H = 10;
const CELL_W = 100;
const CHAR_W = 5;

/** Markdown decoration that OCR tools add: bold markers, escaped dollars, heading marks. */
function unmark(s: string): string {
  return s
    .replace(/\*\*|__/g, '')
    .replace(/\\([$|*_#])/g, '$1')
    .replace(/^#+\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function isSeparatorRow(cells: string[]): boolean {
  return cells.length > 0 && cells.every((c) => /^\s*:?-{2,}:?\s*$/.test(c) || c.trim() === '');
}

function splitPipeRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  return s.split(/(?<!\\)\|/).map((c) => c.trim());
}

/** Splits a transcript into pages of raw lines. */
export function splitTranscriptPages(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\f')
    .flatMap((part) => splitOnBlankRuns(part.split('\n')));
}

function splitOnBlankRuns(lines: string[]): string[][] {
  const pages: string[][] = [];
  let cur: string[] = [];
  let blanks = 0;
  const flush = () => {
    while (cur.length > 0 && cur[cur.length - 1]!.trim() === '') cur.pop();
    if (cur.some((l) => l.trim() !== '')) pages.push(cur);
    cur = [];
  };
  for (const raw of lines) {
    if (raw.trim() === '') {
      blanks++;
      continue;
    }
    if (blanks >= 3 && cur.length > 0) flush();
    else if (blanks > 0 && cur.length > 0) cur.push('');
    blanks = 0;
    cur.push(raw);
  }
  flush();
  return pages;
}

/** Reads a transcript into pages of the IR. */
export function readTranscript(text: string, file: string): Page[] {
  return splitTranscriptPages(text).map((lines, i) => transcriptPage(lines, i + 1, file));
}

function transcriptPage(lines: string[], number: number, file: string): Page {
  const words: Word[] = [];
  const rules: Rule[] = [];
  let y = 0;
  let maxX = 0;
  // Current table block: its top, its rows' tops and its widest row.
  let table: { top: number; cells: number; rowTops: number[] } | null = null;
  const closeTable = () => {
    if (!table) return;
    const bottom = y;
    const right = table.cells * CELL_W;
    for (let i = 0; i <= table.cells; i++) rules.push({ x0: i * CELL_W, y0: table.top, x1: i * CELL_W, y1: bottom });
    for (const t of [...table.rowTops, bottom]) rules.push({ x0: 0, y0: t, x1: right, y1: t });
    table = null;
  };

  for (const raw of lines) {
    const trimmed = raw.trim();
    const isPipe = trimmed.startsWith('|');
    const isTab = !isPipe && raw.includes('\t');
    if (!isPipe && !isTab) {
      closeTable();
      if (trimmed !== '') {
        const text = unmark(trimmed);
        if (text !== '') {
          words.push({ text, x0: 0, y0: y + 1, x1: text.length * CHAR_W, y1: y + LINE_H - 1 });
          maxX = Math.max(maxX, text.length * CHAR_W);
        }
      }
      y += LINE_H;
      continue;
    }
    const cells = isPipe ? splitPipeRow(raw) : raw.replace(/^\s+/, (m) => m.replace(/ /g, '')).split('\t');
    if (isSeparatorRow(cells)) continue;
    if (!table) table = { top: y, cells: 0, rowTops: [] };
    table.rowTops.push(y);
    table.cells = Math.max(table.cells, cells.length);
    cells.forEach((c, i) => {
      const text = unmark(c);
      if (text === '') return;
      words.push({ text, x0: i * CELL_W + 2, y0: y + 1, x1: (i + 1) * CELL_W - 2, y1: y + LINE_H - 1, cell: i });
    });
    maxX = Math.max(maxX, cells.length * CELL_W);
    y += LINE_H;
  }
  closeTable();
  return { file, number, width: Math.max(maxX, CELL_W), height: y + LINE_H, source: 'transcripcion', words, rules, scale: 1 };
}
