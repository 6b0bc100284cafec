#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
// Usage: node vocode.js MEL.npy OUT.wav [--server HOST:PORT] [--token T] [--tls | --ca PEM] [--seed N] [--refine N] [--piece-frames N] [--json]
// Streams a mel to the server in pieces (as an acoustic model would produce it), as SynthesizeStream
// expects, and writes the 16-bit audio that comes back. Prints when the first audio arrived.
'use strict';

const {connect, deadline, grpcStatusName, readNpyMel, melFrames, writeWav16, parseArgs} = require('./flowvox');

const options = parseArgs(process.argv.slice(2), {server: 'localhost:50051', token: '', ca: '', tls: false, seed: '0',
  refine: '', 'piece-frames': '20', json: false});
if (options.files.length !== 2) {
  console.error('usage: node vocode.js MEL.npy OUT.wav [--server HOST:PORT] [--token T] [--tls | --ca PEM] [--seed N] '
    + '[--refine N] [--piece-frames N] [--json]');
  process.exit(2);
}
const [melFile, outFile] = options.files;
let mel;
try {
  mel = readNpyMel(melFile);
} catch (error) {
  console.error(`cannot read the mel: ${error.message}`);
  process.exit(1);
}
const client = connect(options.server, {token: options.token || undefined, ca: options.ca || undefined,
  tls: options.tls});
const started = process.hrtime.bigint();
const pieces = [];
let firstAudioMs = null;
let rate = 0;
let samples = 0;

const call = client.SynthesizeStream({deadline: deadline(300)});
call.on('data', (chunk) => {
  if (firstAudioMs === null) firstAudioMs = Number(process.hrtime.bigint() - started) / 1e6;
  rate = chunk.sample_rate;
  samples += chunk.samples;
  pieces.push(chunk.data);
});
call.on('error', (error) => {
  console.error(`synthesis failed: ${grpcStatusName(error.code)}: ${error.details}`);
  process.exitCode = 1;
});
call.on('end', () => {
  writeWav16(outFile, Buffer.concat(pieces), rate);
  const summary = {file: outFile, samples, sample_rate: rate, chunks: pieces.length,
    first_audio_ms: Math.round(firstAudioMs), total_ms: Math.round(Number(process.hrtime.bigint() - started) / 1e6)};
  console.log(options.json ? JSON.stringify(summary)
    : `${outFile}: ${(samples / rate).toFixed(2)} s at ${rate} Hz in ${summary.chunks} chunks; `
      + `first audio after ${summary.first_audio_ms} ms, all after ${summary.total_ms} ms`);
  client.close();
});

const synthesisOptions = {seed: Number(options.seed), encoding: 'PCM16'};
if (options.refine !== '') synthesisOptions.refinement_passes = Number(options.refine);
call.write({options: synthesisOptions});
const step = Math.max(1, Number(options['piece-frames']));
for (let from = 0; from < mel.frames; from += step) {
  call.write({mel: melFrames(mel, from, Math.min(mel.frames, from + step))});
}
call.end();
