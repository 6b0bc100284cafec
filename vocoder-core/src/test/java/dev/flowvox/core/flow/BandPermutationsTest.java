// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** The initial 1x1 convolutions of a lapped flow are permutations that interleave frequencies. */
class BandPermutationsTest {

    private static final FlowConfig CONFIG = FlowConfig.spectral();

    @Test
    void everyMatrixIsAPermutation() {
        double[][][] matrices = BandPermutations.of(CONFIG);
        for (int k = 0; k < CONFIG.nFlows(); k++) {
            double[][] w = matrices[k];
            assertEquals(CONFIG.channelsAt(k), w.length);
            for (int i = 0; i < w.length; i++) {
                double rowSum = 0;
                double columnSum = 0;
                for (int j = 0; j < w.length; j++) {
                    rowSum += w[i][j];
                    columnSum += w[j][i];
                }
                assertEquals(1, rowSum, "flow " + k + " row " + i);
                assertEquals(1, columnSum, "flow " + k + " column " + i);
            }
        }
    }

    @Test
    void firstCouplingPredictsOddCoefficientsFromEvenOnesAndTheHighestLeaveFirst() {
        double[][][] matrices = BandPermutations.of(CONFIG);
        List<Integer> afterFirst = apply(matrices[0], identity(CONFIG.nGroup()));
        int half = CONFIG.nGroup() / 2;
        for (int i = 0; i < half; i++) {
            assertEquals(0, afterFirst.get(i) % 2, "fixed half holds even coefficients");
            assertEquals(1, afterFirst.get(half + i) % 2, "transformed half holds odd coefficients");
        }
        List<Integer> afterSecond = apply(matrices[1], afterFirst);
        List<Integer> leaving = afterSecond.subList(0, CONFIG.nEarlySize());
        for (int bin : leaving) {
            assertTrue(bin >= CONFIG.nGroup() - 2 * CONFIG.nEarlySize(),
                    "the first early output takes high coefficients, got " + leaving);
        }
    }

    private static List<Integer> identity(int n) {
        List<Integer> bins = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            bins.add(i);
        }
        return bins;
    }

    private static List<Integer> apply(double[][] w, List<Integer> bins) {
        List<Integer> out = new ArrayList<>();
        for (double[] row : w) {
            for (int j = 0; j < row.length; j++) {
                if (row[j] == 1) {
                    out.add(bins.get(j));
                }
            }
        }
        return out;
    }
}
