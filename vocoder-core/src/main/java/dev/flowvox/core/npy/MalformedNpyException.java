// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.npy;

import java.io.IOException;

/** A {@code .npy} or {@code .npz} stream that is truncated, malformed or of an unsupported layout. */
public final class MalformedNpyException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong and what was expected
     */
    public MalformedNpyException(String message) {
        super(message);
    }

    /**
     * @param message what was wrong and what was expected
     * @param cause the underlying failure
     */
    public MalformedNpyException(String message, Throwable cause) {
        super(message, cause);
    }
}
