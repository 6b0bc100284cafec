// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.audio;

/**
 * A decoded WAV file: its header facts and each channel as floats (integer PCM scaled to [-1, 1)).
 * The arrays are not copied.
 *
 * @param info the header facts
 * @param channels {@code [info.channels()][info.frames()]} samples, de-interleaved
 */
public record DecodedWav(WavInfo info, float[][] channels) {

    /** Validates that the channel arrays match the header. */
    public DecodedWav {
        if (info == null || channels == null) {
            throw new IllegalArgumentException("info and channels must not be null");
        }
        if (channels.length != info.channels()) {
            throw new IllegalArgumentException(channels.length + " channel arrays; expected "
                    + info.channels() + " as the header says");
        }
        for (float[] channel : channels) {
            if (channel.length != info.frames()) {
                throw new IllegalArgumentException("a channel has " + channel.length
                        + " samples; expected " + info.frames());
            }
        }
    }
}
