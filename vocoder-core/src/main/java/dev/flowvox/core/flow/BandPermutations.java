// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Initial invertible 1x1 convolutions of a {@link Squeeze#LAPPED} flow: permutations that keep the
 * channels frequency-ordered coefficients and split them between frequency-interleaved halves, so
 * each coupling predicts coefficients from their spectral neighbours. Flow {@code k} keeps fixed the
 * coefficients whose bit {@code (k / 2) mod 2} of the frequency index equals {@code k mod 2} (even
 * then odd coefficients, then pairs {@code 0,1 | 2,3 mod 4}, …), and orders that half from the
 * highest frequency down, so the early outputs that follow take the highest coefficients, which
 * carry the least structure.
 */
final class BandPermutations {

    private BandPermutations() {
    }

    /**
     * The permutation matrix of every flow.
     *
     * @param config flow shape
     * @return {@code [nFlows][c_k][c_k]}: row {@code i} has its 1 at the input channel that becomes
     *     output channel {@code i}
     */
    static double[][][] of(FlowConfig config) {
        List<Integer> bins = new ArrayList<>();
        for (int k = 0; k < config.nGroup(); k++) {
            bins.add(k);
        }
        double[][][] matrices = new double[config.nFlows()][][];
        for (int k = 0; k < config.nFlows(); k++) {
            if (config.hasEarlyOutputBefore(k)) {
                bins = new ArrayList<>(bins.subList(config.nEarlySize(), bins.size()));
            }
            int bit = (k / 2) % 2;
            int wanted = k % 2;
            List<Integer> current = bins;
            List<Integer> ranked = new ArrayList<>(current);
            ranked.sort(Comparator.<Integer>comparingInt(bin -> ((bin >> bit) & 1) == wanted ? 0 : 1)
                    .thenComparing(Comparator.reverseOrder()));
            int half = current.size() / 2;
            List<Integer> order = new ArrayList<>(ranked.subList(0, half));
            List<Integer> transformed = new ArrayList<>(ranked.subList(half, ranked.size()));
            transformed.sort(Comparator.naturalOrder());
            order.addAll(transformed);
            double[][] w = new double[current.size()][current.size()];
            for (int i = 0; i < order.size(); i++) {
                w[i][current.indexOf(order.get(i))] = 1;
            }
            matrices[k] = w;
            bins = order;
        }
        return matrices;
    }
}
