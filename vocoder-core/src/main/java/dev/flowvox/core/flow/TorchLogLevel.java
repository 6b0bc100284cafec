// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import ai.djl.pytorch.jni.LibUtils;
import com.sun.jna.NativeLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * libtorch's log threshold, set once per process so that its warnings do not flood stderr.
 *
 * <p>Before every dense convolution of a single item with at most 20480 input elements (every
 * pointwise convolution of a short utterance or a streamed chunk), libtorch 2.7 asks whether NNPACK
 * is available; where NNPACK cannot start (CPUs it does not support, containers that hide the CPU's
 * description from it) each answer logs "Could not initialize NNPACK! Reason: Unsupported hardware."
 * That is about 300 lines per second of audio synthesized in short pieces, a thousand for one {@code
 * flowvox speak}. Computing those convolutions as matrix products avoids the question but measured
 * 1.3–1.7x slower for 1 s utterances, so the threshold is raised instead.
 *
 * <p>The threshold is the {@code c10} library's variable {@value #VARIABLE}. PyTorch sets it from the
 * environment variable {@value #ENVIRONMENT} only when something calls {@code c10::initLogging()},
 * which PyTorch's Python module does and DJL does not; this class reads that variable the same way
 * ({@code INFO}, {@code WARNING}, {@code ERROR}, {@code FATAL} or 0–3) and sets the threshold to it,
 * or to {@code ERROR} when it is unset, so {@code TORCH_CPP_LOG_LEVEL=WARNING} brings the warnings
 * back for debugging.
 */
final class TorchLogLevel {

    /** The c10 variable holding libtorch's log threshold (0 INFO … 3 FATAL). */
    static final String VARIABLE = "FLAGS_caffe2_log_level";

    /** The environment variable PyTorch reads the threshold from. */
    static final String ENVIRONMENT = "TORCH_CPP_LOG_LEVEL";

    private static final Logger LOG = LoggerFactory.getLogger(TorchLogLevel.class);
    private static final String[] NAMES = {"INFO", "WARNING", "ERROR", "FATAL"};
    private static final int ERROR = 2;

    private TorchLogLevel() {
    }

    /** Sets the threshold, once per process; the engine must be loaded. Later calls do nothing. */
    static void apply() {
        Applied.ensure();
    }

    /**
     * The threshold an {@value #ENVIRONMENT} value asks for.
     *
     * @param value the variable's value, {@code null} when unset
     * @return 0 (INFO) to 3 (FATAL); ERROR when unset or not understood
     */
    static int level(String value) {
        if (value == null || value.isBlank()) {
            return ERROR;
        }
        String name = value.trim().toUpperCase(Locale.ROOT);
        for (int level = 0; level < NAMES.length; level++) {
            if (name.equals(NAMES[level]) || name.equals(Integer.toString(level))) {
                return level;
            }
        }
        LOG.warn("{}={} is not one of INFO, WARNING, ERROR, FATAL or 0-3; using ERROR", ENVIRONMENT, value);
        return ERROR;
    }

    /**
     * The threshold libtorch logs at now.
     *
     * @return 0 (INFO) to 3 (FATAL)
     * @throws UnsatisfiedLinkError where the c10 library or its variable cannot be found
     */
    static int current() {
        return c10().getGlobalVariableAddress(VARIABLE).getInt(0);
    }

    private static NativeLibrary c10() {
        NativeLibrary.addSearchPath("c10", LibUtils.getLibtorchPath());
        return NativeLibrary.getInstance("c10");
    }

    /** Holder: the JVM runs {@link #set} once, on first use, whichever thread gets there first. */
    private static final class Applied {

        private static final boolean DONE = set(level(System.getenv(ENVIRONMENT)));

        private Applied() {
        }

        static void ensure() {
            if (!DONE) {
                LOG.debug("libtorch's log threshold was left as it was");
            }
        }

        private static boolean set(int level) {
            try {
                c10().getGlobalVariableAddress(VARIABLE).setInt(0, level);
                return true;
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                LOG.debug("cannot set libtorch's log threshold: {}", e.toString());
                return false;
            }
        }
    }
}
