// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** MaryTTS runs offline in this JVM with its bundled voice and gives an NVIDIA mel at 22050 Hz. */
class MaryTtsFrontEndTest {

    @Test
    void bundledVoiceGivesEightyBandsAndLongerSentencesGiveMoreFrames() throws Exception {
        try (MaryTtsFrontEnd mary = new MaryTtsFrontEnd()) {
            float[][] shortMel = mary.mel("Hello.");
            float[][] longMel = mary.mel("Hello, this sentence is quite a lot longer than the first one.");
            assertEquals(80, shortMel.length);
            assertTrue(shortMel[0].length > 20, "at least a quarter second: " + shortMel[0].length + " frames");
            assertTrue(longMel[0].length > 3 * shortMel[0].length,
                    longMel[0].length + " frames against " + shortMel[0].length);
            assertEquals("MaryTTS (cmu-slt-hsmm)", mary.name());
        }
    }
}
