/**
 * pdfjs-dist for Node, loaded once.
 *
 * The legacy build (the modern one needs DOMMatrix) carries core-js polyfills,
 * and on Node 20 one of them replaces `Array.prototype.push` with a JavaScript
 * version for an edge case (pushing onto a frozen length) that nothing here
 * meets. It slowed every push in the process, ours included, so the native
 * one is put back once pdfjs and its worker are loaded. The worker is loaded
 * here too and handed over as `globalThis.pdfjsWorker`, so pdfjs never imports
 * it later (which would bring the polyfill back).
 */
const nativePush = Array.prototype.push;

const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
// @ts-expect-error the worker bundle ships no type declarations
const worker: unknown = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;

if (Array.prototype.push !== nativePush) {
  Object.defineProperty(Array.prototype, 'push', { value: nativePush, writable: true, configurable: true, enumerable: false });
}

export { pdfjs };
