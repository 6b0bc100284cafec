// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.model;

import java.io.IOException;

/** A bundle file that is truncated, corrupt, of an unknown version, or does not fit its model. */
public final class BundleFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and what was expected
     */
    public BundleFormatException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what was expected
     * @param cause the underlying failure
     */
    public BundleFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
