// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import dev.flowvox.proto.codec.AudioCodec;
import dev.flowvox.proto.v1.AudioChunk;

/**
 * One chunk of synthesized audio, decoded to floats. Chunks of an utterance arrive in order and do
 * not overlap; concatenated they are the utterance.
 *
 * @param samples mono samples, nominally in [-1, 1] (PCM16 and G.711 decoded by x / 32768)
 * @param sampleRate rate of {@code samples}, Hz
 * @param firstSample index of {@code samples[0]} in the utterance, at {@code sampleRate}
 * @param last true on the utterance's last chunk
 * @param requestId the request id the server logged the call under
 */
public record AudioPiece(float[] samples, int sampleRate, long firstSample, boolean last, String requestId) {

    /** Checks the fields. */
    public AudioPiece {
        if (samples == null) {
            throw new IllegalArgumentException("samples are null; expected an array (empty in a bare last chunk)");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " Hz; expected > 0");
        }
        if (firstSample < 0) {
            throw new IllegalArgumentException("first sample " + firstSample + "; expected >= 0");
        }
    }

    /**
     * Decodes a chunk from the wire.
     *
     * @param chunk the chunk
     * @return its samples as floats
     */
    public static AudioPiece decode(AudioChunk chunk) {
        float[] samples = AudioCodec.decode(chunk.getData(), chunk.getEncoding());
        if (samples.length != chunk.getSamples()) {
            throw new IllegalArgumentException("audio chunk at sample " + chunk.getFirstSample() + " declares "
                    + chunk.getSamples() + " samples but carries " + samples.length);
        }
        return new AudioPiece(samples, chunk.getSampleRate(), chunk.getFirstSample(), chunk.getLast(),
                chunk.getRequestId());
    }

    /** @return the number of samples */
    public int length() {
        return samples.length;
    }
}
