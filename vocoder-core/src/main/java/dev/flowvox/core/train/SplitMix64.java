// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.train;

/**
 * A tiny random generator whose whole state is one {@code long}, so a checkpoint can store it and a
 * resumed run draws exactly what the uninterrupted run would have (Steele, Lea and Flood's
 * SplitMix64). Not thread-safe.
 */
public final class SplitMix64 {

    private static final double UNIT = 0x1.0p-53;

    private long state;

    /**
     * @param state initial state (a seed, or a state saved by {@link #state()})
     */
    public SplitMix64(long state) {
        this.state = state;
    }

    /** The current state, to resume from. */
    public long state() {
        return state;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform double in {@code [0, 1)}. */
    public double nextDouble() {
        return (nextLong() >>> 11) * UNIT;
    }

    /**
     * A uniform integer in {@code [0, bound)}.
     *
     * @param bound exclusive upper bound, positive
     * @return the draw
     */
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, got " + bound);
        }
        return (long) (nextDouble() * bound);
    }
}
