#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
// Usage: node check.js FILE.wav... [--server HOST:PORT] [--token T] [--tls | --ca PEM] [--model ID] [--json]
// Asks the server whether each recording is typical speech (Score with the server's scoring model
// and its calibration) and prints the verdict with the worst segments.
'use strict';

const fs = require('fs');
const {connect, deadline, grpcStatusName, parseArgs} = require('./flowvox');

const options = parseArgs(process.argv.slice(2), {server: 'localhost:50051', token: '', ca: '', tls: false, model: '', json: false});
if (options.files.length === 0) {
  console.error('usage: node check.js FILE.wav... [--server HOST:PORT] [--token T] [--tls | --ca PEM] [--model ID] [--json]');
  process.exit(2);
}
const client = connect(options.server, {token: options.token || undefined, ca: options.ca || undefined,
  tls: options.tls});

function score(file) {
  let wav;
  try {
    wav = fs.readFileSync(file);
  } catch (error) {
    return Promise.resolve({file, error: `cannot read: ${error.message}`});
  }
  return new Promise((resolve) => {
    client.Score({model_id: options.model, wav}, {deadline: deadline(120)}, (error, response) => {
      resolve(error ? {file, error: `${grpcStatusName(error.code)}: ${error.details}`} : {file, response});
    });
  });
}

function describe({file, error, response}) {
  if (error) return {file, error};
  const verdict = response.verdict;
  const rate = response.sample_rate;
  const worst = verdict ? verdict.checks.filter((c) => c.anomalous)
    .sort((a, b) => b.margin - a.margin).slice(0, 3)
    .map((c) => ({from_s: c.start_sample / rate, to_s: c.end_sample / rate, deviation: c.deviation})) : [];
  if (verdict && verdict.clip && verdict.clip.anomalous) {
    worst.unshift({whole_clip: true, deviation: verdict.clip.deviation});
  }
  return {file, model: response.model_id, nats_per_sample: response.nats_per_sample,
    status: verdict ? (verdict.anomalous ? 'anomalous' : 'typical') : 'no calibration',
    score: verdict ? verdict.score : null, threshold: verdict ? verdict.threshold : null, worst};
}

(async () => {
  for (const file of options.files) {
    const result = describe(await score(file));
    if (result.error) process.exitCode = 1;
    if (options.json) {
      console.log(JSON.stringify(result));
    } else if (result.error) {
      console.log(`${file}: error ${result.error}`);
    } else {
      const where = result.worst.map((w) => (w.whole_clip ? 'whole clip'
        : `${w.from_s.toFixed(2)}-${w.to_s.toFixed(2)} s`) + ` ${w.deviation}`);
      console.log(`${file}: ${result.status}` + (result.score === null ? ''
        : ` (score ${result.score.toFixed(2)}, threshold ${result.threshold.toFixed(2)})`)
        + (where.length ? `; worst: ${where.join(', ')}` : ''));
    }
  }
  client.close();
})();
