// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.audio;

import java.io.IOException;
import java.util.List;

/** Sends the same audio to several sinks in order (e.g. a WAV file and the speakers); closes them all. */
public final class TeeSink implements AudioSink {

    private final List<AudioSink> sinks;

    /**
     * @param sinks the sinks, at least one
     */
    public TeeSink(List<AudioSink> sinks) {
        if (sinks.isEmpty()) {
            throw new IllegalArgumentException("no sinks; expected at least one");
        }
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public void write(float[] samples, int sampleRate) throws IOException {
        for (AudioSink sink : sinks) {
            sink.write(samples, sampleRate);
        }
    }

    /** Closes every sink, even if one fails; the first failure is thrown with the others suppressed. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (AudioSink sink : sinks) {
            try {
                sink.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
