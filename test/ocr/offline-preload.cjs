/**
 * Preloaded (node --require) into the OCR child process of offline.test.ts:
 * any attempt to open a network connection — a TCP/TLS socket, an http(s)
 * request, fetch — is recorded on stderr and fails. Local IPC (a Unix socket
 * path, which tsx itself uses) is not network and is let through.
 */
'use strict';
const net = require('node:net');
const http = require('node:http');
const https = require('node:https');

function blocked(what) {
  process.stderr.write(`NETWORK-ATTEMPT ${what}\n`);
  throw new Error(`network access attempted: ${what}`);
}
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function patchedConnect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const isPath = typeof first === 'string' || (first && typeof first === 'object' && typeof first.path === 'string');
  if (!isPath) blocked(`net.Socket.connect ${JSON.stringify(first && typeof first === 'object' ? { host: first.host, port: first.port } : first)}`);
  return connect.apply(this, args);
};
for (const mod of [http, https]) {
  mod.request = () => blocked('http.request');
  mod.get = () => blocked('http.get');
}
globalThis.fetch = async (url) => blocked(`fetch ${String(url)}`);
