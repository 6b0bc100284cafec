// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;

import dev.flowvox.proto.v1.AudioEncoding;

import org.junit.jupiter.api.Test;

class SampleCodecTest {

    @Test
    void g711CodesOfSilenceAndFullScaleMatchTheStandard() {
        assertEquals(0xFF, G711.linearToMulaw(0));
        assertEquals(0xD5, G711.linearToAlaw(0));
        assertEquals(0x80, G711.linearToMulaw(32767));
        assertEquals(0x00, G711.linearToMulaw(-32768));
        assertEquals(0xAA, G711.linearToAlaw(32767));
        assertEquals(0x2A, G711.linearToAlaw(-32768));
        assertEquals(32124, G711.mulawToLinear(0x80));
        assertEquals(32256, G711.alawToLinear(0xAA));
    }

    @Test
    void g711RoundTripErrorStaysWithinHalfAStepOfEachSegment() {
        for (int pcm = -32768; pcm <= 32767; pcm += 7) {
            int mu = G711.mulawToLinear(G711.linearToMulaw(pcm));
            int a = G711.alawToLinear(G711.linearToAlaw(pcm));
            int magnitude = Math.min(Math.abs(pcm), 32000);
            assertTrue(Math.abs(mu - pcm) <= Math.max(8, magnitude / 16 + 4) + Math.max(0, Math.abs(pcm) - 32124),
                    "mu-law " + pcm + " -> " + mu);
            assertTrue(Math.abs(a - pcm) <= Math.max(16, magnitude / 16 + 8) + Math.max(0, Math.abs(pcm) - 32256),
                    "A-law " + pcm + " -> " + a);
        }
    }

    @Test
    void pcm16MapsByThe32768ConventionAndClips() {
        ByteString bytes = SampleCodec.encode(new float[] {0.5f, -1f, 1.5f, -0.25f}, AudioEncoding.PCM16);
        assertEquals(8, bytes.size());
        assertArrayEquals(new float[] {0.5f, -1f, 32767 / 32768f, -0.25f},
                SampleCodec.decode(bytes, AudioEncoding.PCM16), 0f);
    }

    @Test
    void float32RoundTripsExactly() {
        float[] samples = {0.123456f, -0.987654f, 3.5f};
        assertArrayEquals(samples, SampleCodec.decode(SampleCodec.encode(samples, AudioEncoding.FLOAT32),
                AudioEncoding.FLOAT32), 0f);
    }
}
