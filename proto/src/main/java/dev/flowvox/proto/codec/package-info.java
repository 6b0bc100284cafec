// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The packed byte layouts of {@code flowvox.v1}, shared by the server and the client so both sides
 * read and write them the same way: {@link dev.flowvox.proto.codec.AudioCodec} for audio (PCM16,
 * FLOAT32, G.711 µ-law and A-law) and {@link dev.flowvox.proto.codec.MelCodec} for frame-major
 * float32 mel spectrograms.
 */
package dev.flowvox.proto.codec;
