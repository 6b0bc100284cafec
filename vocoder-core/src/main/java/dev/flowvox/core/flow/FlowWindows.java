// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts long audio into windows that a flow can run one at a time, in either direction, with the same
 * result as one pass: each window runs with {@code contextGroups} of its neighbours on both sides and
 * keeps only its own groups. A flow's groups depend on others only through its coupling networks
 * ({@link WaveNetConfig#receptiveFieldRadius} groups on each side, stacked over the flows) and its
 * conditioning (up to four frames under NVIDIA's upsampler; the lapped transform and the spectral
 * envelope's interpolation reach one group and one frame), so {@link #contextGroups(FlowConfig)}
 * groups of context make a window exact. One pass over a minute of audio takes about 300 MB of native
 * memory with the shipped models; windows keep it at a window's.
 *
 * @param windowGroups groups kept per window, at least 1
 * @param contextGroups groups run on each side of a window and then dropped, at least 0
 * @param alignGroups window starts (with context) fall on multiples of this many groups, so that
 *     they start on a mel frame
 */
public record FlowWindows(int windowGroups, int contextGroups, int alignGroups) {

    /** Audio longer than this runs in windows of this length: 2^21 samples, 95 s at 22050 Hz. */
    public static final int WINDOW_SAMPLES = 1 << 21;
    /**
     * Context on each side of a window, samples, at least (more where {@link #contextGroups(FlowConfig)}
     * says so): 2^18, 12 s at 22050 Hz.
     */
    public static final int MIN_CONTEXT_SAMPLES = 1 << 18;

    /** Validates the sizes. */
    public FlowWindows {
        if (windowGroups < 1 || contextGroups < 0 || alignGroups < 1) {
            throw new IllegalArgumentException("windows of " + windowGroups + " groups with " + contextGroups
                    + " of context, aligned to " + alignGroups + "; expected at least 1, 0 and 1");
        }
    }

    /**
     * One window.
     *
     * @param from first group run (context included)
     * @param start first group kept
     * @param end group after the last kept
     * @param to group after the last run
     */
    public record Window(int from, int start, int end, int to) {

        /** Groups run. */
        public int runGroups() {
            return to - from;
        }

        /** Offset of the first kept group within the run. */
        public int skip() {
            return start - from;
        }

        /** Groups kept. */
        public int keptGroups() {
            return end - start;
        }
    }

    /**
     * The windows scoring and synthesis use: {@value #WINDOW_SAMPLES} samples, with at least
     * {@value #MIN_CONTEXT_SAMPLES} samples of context.
     *
     * @param config the flow
     * @return the windows
     */
    public static FlowWindows of(FlowConfig config) {
        int window = WINDOW_SAMPLES / config.nGroup();
        int context = Math.max(contextGroups(config), MIN_CONTEXT_SAMPLES / config.nGroup());
        return new FlowWindows(window, context, alignGroups(config));
    }

    /**
     * Windows of a given size with the context that makes them exact.
     *
     * @param config the flow
     * @param windowGroups groups kept per window
     * @return the windows
     */
    public static FlowWindows exact(FlowConfig config, int windowGroups) {
        return new FlowWindows(windowGroups, contextGroups(config), alignGroups(config));
    }

    /**
     * Groups of context on each side that make a window exact.
     *
     * @param config the flow
     * @return the radius, in groups
     */
    public static int contextGroups(FlowConfig config) {
        int conditioningGroups = (int) Math.ceil(4.0 * config.hopLength() / config.nGroup());
        return config.nFlows() * config.waveNet().receptiveFieldRadius() + conditioningGroups + 2;
    }

    /**
     * The windows over some audio.
     *
     * @param groups groups of the audio
     * @return the windows in order; one covering everything when the audio fits one window
     */
    public List<Window> over(int groups) {
        List<Window> windows = new ArrayList<>();
        for (int start = 0; start < groups; start += windowGroups) {
            int end = Math.min(groups, start + windowGroups);
            windows.add(new Window(Math.max(0, start - contextGroups) / alignGroups * alignGroups, start, end,
                    Math.min(groups, end + contextGroups)));
        }
        return windows;
    }

    /**
     * The mel frames a window runs on: from its first group's frame to one past its last, or to the
     * end of the mel for the last window (as one pass would see them).
     *
     * @param mel {@code [n_mel][frames]}
     * @param window the window
     * @param config the flow
     * @param groups groups of the whole audio
     * @return the window's frames
     */
    public static float[][] melOf(float[][] mel, Window window, FlowConfig config, int groups) {
        int frames = mel[0].length;
        int first = window.from() * config.nGroup() / config.hopLength();
        int last = window.to() == groups ? frames
                : Math.min(frames, window.to() * config.nGroup() / config.hopLength() + 1);
        float[][] out = new float[mel.length][];
        for (int band = 0; band < mel.length; band++) {
            out[band] = Arrays.copyOfRange(mel[band], first, last);
        }
        return out;
    }

    private static int alignGroups(FlowConfig config) {
        int gcd = BigInteger.valueOf(config.nGroup()).gcd(BigInteger.valueOf(config.hopLength())).intValueExact();
        return config.hopLength() / gcd;
    }
}
