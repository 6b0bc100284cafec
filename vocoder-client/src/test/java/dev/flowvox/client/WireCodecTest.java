// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;

import dev.flowvox.proto.v1.AudioEncoding;
import dev.flowvox.proto.v1.MelSpectrogram;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

class WireCodecTest {

    @Test
    void melIsFrameMajorLittleEndianFloat32() {
        float[][] mel = {{1f, 2f, 3f}, {4f, 5f, 6f}};
        MelSpectrogram message = WireCodec.encodeMel(mel, 1, 3);
        assertEquals(2, message.getNMel());
        ByteBuffer data = message.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(16, data.remaining());
        assertEquals(2f, data.getFloat(0));
        assertEquals(5f, data.getFloat(4));
        assertEquals(3f, data.getFloat(8));
        assertEquals(6f, data.getFloat(12));
    }

    @Test
    void melRoundTripsExactly() {
        float[][] mel = TestServers.mel(7, 3);
        float[][] back = WireCodec.decodeMel(WireCodec.encodeMel(mel));
        for (int band = 0; band < 80; band++) {
            assertArrayEquals(mel[band], back[band], 0f);
        }
    }

    @Test
    void melFrameRangeOutsideTheMelNamesTheValidRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WireCodec.encodeMel(new float[80][4], 2, 5));
        assertEquals("frame range [2, 5) of a mel with 4 frames; expected 0 <= from < to <= 4", e.getMessage());
    }

    @Test
    void pcm16MapsByTimes32768AndClips() {
        ByteString bytes = WireCodec.encodeAudio(new float[] {0.5f, -1f, 1f, -2f}, AudioEncoding.PCM16);
        ByteBuffer data = bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(16384, data.getShort(0));
        assertEquals(-32768, data.getShort(2));
        assertEquals(32767, data.getShort(4));
        assertEquals(-32768, data.getShort(6));
        assertArrayEquals(new float[] {0.5f, -1f, 32767 / 32768f, -1f},
                WireCodec.decodeAudio(bytes, AudioEncoding.PCM16), 0f);
    }

    @Test
    void float32RoundTripsExactly() {
        float[] samples = {0.123f, -0.75f, 1.5f};
        assertArrayEquals(samples, WireCodec.decodeAudio(WireCodec.encodeAudio(samples, AudioEncoding.FLOAT32),
                AudioEncoding.FLOAT32), 0f);
    }

    @Test
    void g711DecodesTheReferenceEndPoints() {
        assertEquals(0, WireCodec.mulawToLinear(0xFF));
        assertEquals(-32124, WireCodec.mulawToLinear(0x00));
        assertEquals(32124, WireCodec.mulawToLinear(0x80));
        assertEquals(8, WireCodec.alawToLinear(0xD5));
        assertEquals(-32256, WireCodec.alawToLinear(0x2A));
        assertEquals(32256, WireCodec.alawToLinear(0xAA));
        float[] decoded = WireCodec.decodeAudio(ByteString.copyFrom(new byte[] {(byte) 0x80, 0x00}), AudioEncoding.MULAW);
        assertEquals(32124 / 32768f, decoded[0], 0f);
        assertTrue(decoded[1] < -0.98f);
    }

    @Test
    void oddByteCountForPcm16IsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WireCodec.decodeAudio(ByteString.copyFrom(new byte[3]), AudioEncoding.PCM16));
        assertEquals("3 bytes of PCM16 audio; expected a multiple of 2", e.getMessage());
    }
}
