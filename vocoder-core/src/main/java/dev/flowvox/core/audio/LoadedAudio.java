// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.audio;

import java.util.List;

/**
 * Audio converted for the model, with what the source file was and what conversion did to it.
 *
 * @param clip mono audio at the requested rate
 * @param source the header facts of the file as read
 * @param warnings human-readable notes on each lossy conversion applied (downmix, resampling), in
 *     order; empty if the file was already mono at the requested rate; unmodifiable
 */
public record LoadedAudio(AudioClip clip, WavInfo source, List<String> warnings) {

    /** Validates presence and copies the warnings. */
    public LoadedAudio {
        if (clip == null || source == null || warnings == null) {
            throw new IllegalArgumentException("clip, source and warnings must not be null");
        }
        warnings = List.copyOf(warnings);
    }

    /** @return true if several channels were averaged into one */
    public boolean downmixed() {
        return source.channels() > 1;
    }

    /** @return true if the sample rate was converted */
    public boolean resampled() {
        return source.sampleRate() != clip.sampleRate();
    }
}
