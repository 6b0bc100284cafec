// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.tts;

import java.time.Duration;

/**
 * What a speech session produced.
 *
 * @param sentences sentences spoken
 * @param melFrames mel frames sent to the vocoder, all sentences
 * @param samples audio samples delivered to the sink
 * @param sampleRate rate of the audio, Hz (0 if there was none)
 * @param timeToFirstAudio from opening the session to the first samples reaching the sink (null if none)
 */
public record SpeechSummary(int sentences, long melFrames, long samples, int sampleRate, Duration timeToFirstAudio) {

    /** Checks the counts. */
    public SpeechSummary {
        if (sentences < 0 || melFrames < 0 || samples < 0 || sampleRate < 0) {
            throw new IllegalArgumentException("negative count in " + sentences + " sentences, " + melFrames
                    + " frames, " + samples + " samples at " + sampleRate + " Hz; expected >= 0");
        }
    }

    /** @return the audio's duration, seconds */
    public double seconds() {
        return sampleRate == 0 ? 0 : samples / (double) sampleRate;
    }
}
