// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.audio;

import java.io.IOException;

/** An audio file that is truncated, corrupt, or in an encoding this project does not decode. */
public final class AudioFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, in which file, and what was expected
     */
    public AudioFormatException(String message) {
        super(message);
    }
}
