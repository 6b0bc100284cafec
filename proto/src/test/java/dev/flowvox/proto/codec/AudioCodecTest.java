// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.proto.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;

import dev.flowvox.proto.v1.AudioEncoding;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

class AudioCodecTest {

    @Test
    void g711CodesOfSilenceAndFullScaleMatchTheStandard() {
        assertEquals(0xFF, G711.linearToMulaw(0));
        assertEquals(0xD5, G711.linearToAlaw(0));
        assertEquals(0x80, G711.linearToMulaw(32767));
        assertEquals(0x00, G711.linearToMulaw(-32768));
        assertEquals(0xAA, G711.linearToAlaw(32767));
        assertEquals(0x2A, G711.linearToAlaw(-32768));
        assertEquals(0, G711.mulawToLinear(0xFF));
        assertEquals(-32124, G711.mulawToLinear(0x00));
        assertEquals(32124, G711.mulawToLinear(0x80));
        assertEquals(8, G711.alawToLinear(0xD5));
        assertEquals(-32256, G711.alawToLinear(0x2A));
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
    void g711BytesDecodeThroughTheSixteenBitConvention() {
        float[] decoded = AudioCodec.decode(ByteString.copyFrom(new byte[] {(byte) 0x80, 0x00}), AudioEncoding.MULAW);
        assertEquals(32124 / 32768f, decoded[0], 0f);
        assertEquals(-32124 / 32768f, decoded[1], 0f);
        float[] alaw = AudioCodec.decode(AudioCodec.encode(new float[] {0.5f}, AudioEncoding.ALAW), AudioEncoding.ALAW);
        assertEquals(0.5f, alaw[0], 0.5f / 16);
    }

    @Test
    void pcm16MapsByTimes32768LittleEndianAndClips() {
        ByteString bytes = AudioCodec.encode(new float[] {0.5f, -1f, 1f, -2f}, AudioEncoding.PCM16);
        ByteBuffer data = bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(8, data.remaining());
        assertEquals(16384, data.getShort(0));
        assertEquals(-32768, data.getShort(2));
        assertEquals(32767, data.getShort(4));
        assertEquals(-32768, data.getShort(6));
        assertArrayEquals(new float[] {0.5f, -1f, 32767 / 32768f, -1f},
                AudioCodec.decode(bytes, AudioEncoding.PCM16), 0f);
    }

    @Test
    void float32RoundTripsExactly() {
        float[] samples = {0.123456f, -0.987654f, 3.5f};
        assertArrayEquals(samples, AudioCodec.decode(AudioCodec.encode(samples, AudioEncoding.FLOAT32),
                AudioEncoding.FLOAT32), 0f);
    }

    @Test
    void badBytesAreRejectedNamingTheProblem() {
        IllegalArgumentException odd = assertThrows(IllegalArgumentException.class,
                () -> AudioCodec.decode(ByteString.copyFrom(new byte[3]), AudioEncoding.PCM16));
        assertEquals("audio of 3 bytes is not a whole number of PCM16 samples (2 bytes each)", odd.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> AudioCodec.decode(AudioCodec.encode(new float[] {0f, Float.NaN}, AudioEncoding.FLOAT32),
                        AudioEncoding.FLOAT32));
        assertEquals("audio sample 1 is NaN; expected a finite value", nan.getMessage());
        IllegalArgumentException unspecified = assertThrows(IllegalArgumentException.class,
                () -> AudioCodec.encode(new float[1], AudioEncoding.AUDIO_ENCODING_UNSPECIFIED));
        assertTrue(unspecified.getMessage().contains("expected PCM16, FLOAT32, MULAW or ALAW"), unspecified.getMessage());
    }
}
