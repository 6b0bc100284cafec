// SPDX-License-Identifier: GPL-3.0-or-later
// A small flowvox client for Node.js on @grpc/grpc-js, gRPC's pure-JavaScript implementation:
// connecting (plaintext or TLS, optional bearer token), NumPy mel files and 16-bit WAV output.
'use strict';

const fs = require('fs');
const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTO = path.join(__dirname, '..', '..', 'proto', 'src', 'main', 'proto', 'flowvox', 'v1', 'vocoder.proto');

/**
 * A Vocoder stub for `target` ("host:port").
 * options.tls: use TLS with the system's trusted roots; options.ca: TLS trusting this PEM file (a
 * private CA or a self-signed certificate); options.token: a bearer token sent with every call.
 */
function connect(target, options = {}) {
  const definition = protoLoader.loadSync(PROTO, {keepCase: true, longs: Number, enums: String, defaults: true,
    oneofs: true});
  const api = grpc.loadPackageDefinition(definition).flowvox.v1;
  let credentials = options.tls || options.ca
    ? grpc.credentials.createSsl(options.ca ? fs.readFileSync(options.ca) : null) : grpc.credentials.createInsecure();
  if (options.token) {
    const bearer = grpc.credentials.createFromMetadataGenerator((_, callback) => {
      const metadata = new grpc.Metadata();
      metadata.add('authorization', 'Bearer ' + options.token);
      callback(null, metadata);
    });
    credentials = grpc.credentials.combineChannelCredentials(credentials, bearer);
  }
  return new api.Vocoder(target, credentials);
}

/** The name of a gRPC status code, e.g. 3 -> "INVALID_ARGUMENT". */
function grpcStatusName(code) {
  return Object.keys(grpc.status).find((name) => grpc.status[name] === code) || String(code);
}

/** A deadline `seconds` from now, for a call's options. */
function deadline(seconds) {
  return new Date(Date.now() + 1000 * seconds);
}

/**
 * Reads a float32 NumPy mel of shape [n_mel, frames] or [1, n_mel, frames] (NVIDIA Tacotron2 and
 * FastPitch write these) and returns {nMel, frames, data}, with `data` frame-major as the API wants.
 */
function readNpyMel(file) {
  const bytes = fs.readFileSync(file);
  if (bytes.toString('latin1', 0, 6) !== '\x93NUMPY') {
    throw new Error(`${file} is not a NumPy .npy file`);
  }
  const major = bytes[6];
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const headerStart = major === 1 ? 10 : 12;
  const header = bytes.toString('latin1', headerStart, headerStart + headerLength);
  const descr = /'descr':\s*'([^']+)'/.exec(header);
  const fortran = /'fortran_order':\s*(True|False)/.exec(header);
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header);
  if (!descr || descr[1] !== '<f4' || !fortran || fortran[1] !== 'False' || !shape) {
    throw new Error(`${file}: expected little-endian float32 in C order, found header ${header.trim()}`);
  }
  const dims = shape[1].split(',').map((d) => d.trim()).filter((d) => d.length).map(Number);
  if (dims.length === 3 && dims[0] === 1) dims.shift();
  if (dims.length !== 2) {
    throw new Error(`${file}: expected shape [n_mel, frames] or [1, n_mel, frames], found (${shape[1]})`);
  }
  const [nMel, frames] = dims;
  const values = bytes.subarray(headerStart + headerLength);
  if (values.length !== 4 * nMel * frames) {
    throw new Error(`${file}: ${values.length} data bytes; expected ${4 * nMel * frames}`);
  }
  const data = Buffer.alloc(4 * nMel * frames);
  for (let band = 0; band < nMel; band++) {
    for (let t = 0; t < frames; t++) {
      data.writeFloatLE(values.readFloatLE(4 * (band * frames + t)), 4 * (t * nMel + band));
    }
  }
  return {nMel, frames, data};
}

/** The frame-major mel bytes of frames [from, to). */
function melFrames(mel, from, to) {
  return {n_mel: mel.nMel, data: mel.data.subarray(4 * from * mel.nMel, 4 * to * mel.nMel)};
}

/** Writes 16-bit mono PCM (little-endian bytes) as a WAV file. */
function writeWav16(file, pcm, sampleRate) {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(2 * sampleRate, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(pcm.length, 40);
  fs.writeFileSync(file, Buffer.concat([header, pcm]));
}

/** Parses "--name value" options and positional arguments; an unknown option ends the program. */
function parseArgs(argv, defaults) {
  const options = {...defaults, files: []};
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) {
      const name = argv[i].slice(2);
      if (typeof defaults[name] === 'boolean') {
        options[name] = true;
      } else if (name in defaults && i + 1 < argv.length) {
        options[name] = argv[++i];
      } else {
        console.error(`unknown option --${name}; expected ${Object.keys(defaults).map((k) => '--' + k).join(', ')}`);
        process.exit(2);
      }
    } else {
      options.files.push(argv[i]);
    }
  }
  return options;
}

module.exports = {connect, deadline, grpcStatusName, readNpyMel, melFrames, writeWav16, parseArgs};
