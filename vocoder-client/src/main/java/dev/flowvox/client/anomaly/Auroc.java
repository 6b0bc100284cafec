// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

/** Area under the ROC curve of a score that should be higher for anomalies. */
final class Auroc {

    private Auroc() {
    }

    /**
     * The Mann-Whitney estimate: the probability that a random anomaly scores above a random normal
     * clip, ties counting one half.
     *
     * @param normal scores of normal clips, at least one
     * @param anomalous scores of anomalous clips, at least one
     * @return AUROC in [0, 1]
     */
    static double of(double[] normal, double[] anomalous) {
        if (normal.length == 0 || anomalous.length == 0) {
            throw new IllegalArgumentException("AUROC needs normal and anomalous scores; got " + normal.length + " and "
                    + anomalous.length);
        }
        double wins = 0;
        for (double a : anomalous) {
            for (double n : normal) {
                wins += a > n ? 1 : a == n ? 0.5 : 0;
            }
        }
        return wins / ((double) normal.length * anomalous.length);
    }

    /**
     * Fraction of scores above a threshold.
     *
     * @param scores clip scores
     * @param threshold decision threshold
     * @return the fraction in [0, 1]
     */
    static double flagged(double[] scores, double threshold) {
        int count = 0;
        for (double s : scores) {
            if (s > threshold) {
                count++;
            }
        }
        return (double) count / scores.length;
    }
}
