// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.flowvox.core.dsp.PitchTrack;
import dev.flowvox.core.dsp.Yin;
import dev.flowvox.core.dsp.YinConfig;
import org.junit.jupiter.api.Test;

class PitchComparisonTest {

    @Test
    void errorsCountOnlyFramesVoicedInBothAndVoicingMismatchesCountSeparately() {
        PitchTrack reference = new PitchTrack(new float[] {100, 200, 0, 150, 0},
                new boolean[] {true, true, false, true, false});
        PitchTrack test = new PitchTrack(new float[] {110, 200, 120, 0, 0, 300},
                new boolean[] {true, true, true, false, false, true});

        PitchComparison comparison = PitchComparison.of(reference, test);

        assertEquals(Math.sqrt(100 / 2.0), comparison.rmseHz(), 1e-6);
        assertEquals((0.1 + 0) / 2, comparison.meanRelativeError(), 1e-6);
        assertEquals(2 / 5.0, comparison.voicingDecisionError(), 1e-12);
        assertEquals(2, comparison.bothVoicedFrames());
        assertEquals(5, comparison.frames());
    }

    @Test
    void anOctaveErrorIsGrossAndLeavesTheFineErrorToTheOtherFrames() {
        PitchTrack reference = new PitchTrack(new float[] {100, 200, 100, 150}, new boolean[] {true, true, true, true});
        PitchTrack test = new PitchTrack(new float[] {110, 400, 100, 150}, new boolean[] {true, true, true, true});

        PitchComparison comparison = PitchComparison.of(reference, test);

        assertEquals((0.1 + 1.0) / 4, comparison.meanRelativeError(), 1e-6);
        assertEquals(1, comparison.grossErrors());
        assertEquals(0.1 / 3, comparison.fineRelativeError(), 1e-6);
    }

    @Test
    void noFramesVoicedInBothGiveNaNErrors() {
        PitchTrack voiced = new PitchTrack(new float[] {100}, new boolean[] {true});
        PitchTrack unvoiced = new PitchTrack(new float[] {0}, new boolean[] {false});

        PitchComparison comparison = PitchComparison.of(voiced, unvoiced);

        assertTrue(Double.isNaN(comparison.rmseHz()));
        assertTrue(Double.isNaN(comparison.fineRelativeError()));
        assertEquals(1.0, comparison.voicingDecisionError());
    }

    @Test
    void toneAgainstTheSameToneSharpenedByOnePercentReadsOnePercent() {
        int rate = 16000;
        Yin yin = new Yin(YinConfig.speech(rate));
        PitchComparison comparison = PitchComparison.of(yin, tone(200, rate), tone(202, rate));

        assertEquals(0.0, comparison.voicingDecisionError());
        assertEquals(0.01, comparison.meanRelativeError(), 0.001);
        assertEquals(2.0, comparison.rmseHz(), 0.2);
    }

    private static float[] tone(double f0, int rate) {
        float[] x = new float[rate];
        for (int n = 0; n < rate; n++) {
            x[n] = (float) (0.4 * Math.sin(2 * Math.PI * f0 * n / rate)
                    + 0.2 * Math.sin(4 * Math.PI * f0 * n / rate + 1));
        }
        return x;
    }
}
