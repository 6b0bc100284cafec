// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.flowvox.core.Fixtures;
import dev.flowvox.core.npy.Npz;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WavReaderTest {

    @Test
    void fixtureWavEqualsFixtureAudioExactly() throws IOException {
        DecodedWav wav = WavReader.read(Fixtures.path("speech-22050.wav"));
        float[] expected = Npz.read(Fixtures.path("speech-22050.mel.npz")).get("audio").data();

        assertEquals(new WavInfo(1, 22050, WavEncoding.PCM_16, 149640), wav.info());
        assertArrayEquals(expected, wav.channels()[0]);
    }

    @Test
    void reads24BitPcmAndSkipsUnknownOddSizedChunks() throws IOException {
        byte[] data = {
            0x00, 0x00, (byte) 0x80, // -2^23 -> -1
            (byte) 0xFF, (byte) 0xFF, 0x7F, // 2^23 - 1
            0x01, 0x00, 0x00, // 1 -> 2^-23
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}; // -1 -> -2^-23
        byte[] file = new WavBytes().chunk("LIST", new byte[] {1, 2, 3}).format(1, 1, 48000, 24)
                .chunk("data", data).build();

        DecodedWav wav = read(file);

        assertEquals(new WavInfo(1, 48000, WavEncoding.PCM_24, 4), wav.info());
        assertArrayEquals(new float[] {-1f, 8388607f / 8388608f, 0x1p-23f, -0x1p-23f},
                wav.channels()[0]);
    }

    @Test
    void reads8BitUnsignedPcmCenteredOn128() throws IOException {
        byte[] file = new WavBytes().format(1, 1, 8000, 8)
                .chunk("data", new byte[] {0, (byte) 128, (byte) 255, 64}).build();

        assertArrayEquals(new float[] {-1f, 0f, 127f / 128f, -0.5f}, read(file).channels()[0]);
    }

    @Test
    void readsExtensibleFloat64StereoDeinterleaved() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        data.putDouble(0.25).putDouble(-0.5).putDouble(1.5).putDouble(0.0);
        byte[] file = new WavBytes().extensibleFormat(3, 2, 44100, 64).chunk("data", data.array()).build();

        DecodedWav wav = read(file);

        assertEquals(new WavInfo(2, 44100, WavEncoding.FLOAT_64, 2), wav.info());
        assertArrayEquals(new float[] {0.25f, 1.5f}, wav.channels()[0]);
        assertArrayEquals(new float[] {-0.5f, 0f}, wav.channels()[1]);
    }

    /** Reference values of ITU-T G.711's expansion (as in Sun's public-domain g711.c). */
    @Test
    void readsG711MuLawAndStereoExtensibleALaw() throws IOException {
        byte[] mulaw = new WavBytes().format(7, 1, 8000, 8)
                .chunk("data", new byte[] {0x00, (byte) 0x80, (byte) 0xFF, 0x7F, 0x0F}).build();

        DecodedWav mu = read(mulaw);

        assertEquals(new WavInfo(1, 8000, WavEncoding.MULAW_8, 5), mu.info());
        assertArrayEquals(new float[] {-32124 / 32768f, 32124 / 32768f, 0f, 0f, -16764 / 32768f}, mu.channels()[0]);

        byte[] alaw = new WavBytes().extensibleFormat(6, 2, 8000, 8)
                .chunk("data", new byte[] {(byte) 0xD5, 0x55, (byte) 0xAA, 0x2A}).build();

        DecodedWav a = read(alaw);

        assertEquals(new WavInfo(2, 8000, WavEncoding.ALAW_8, 2), a.info());
        assertArrayEquals(new float[] {8 / 32768f, 32256 / 32768f}, a.channels()[0]);
        assertArrayEquals(new float[] {-8 / 32768f, -32256 / 32768f}, a.channels()[1]);
    }

    @Test
    void truncatedDataChunkSaysHowManyBytesAreMissing() {
        byte[] whole = new WavBytes().format(1, 1, 22050, 16).chunk("data", WavBytes.pcm16(1, 2, 3, 4)).build();
        byte[] truncated = Arrays.copyOf(whole, whole.length - 3);

        AudioFormatException e = assertThrows(AudioFormatException.class,
                () -> WavReader.read(new ByteArrayInputStream(truncated), "cut.wav"));
        assertEquals("truncated WAV cut.wav: chunk 'data' at byte 36 declares 8 bytes but only 5 remain",
                e.getMessage());
    }

    @Test
    void mp3InsideWavIsRejectedNamingTheSupportedEncodings() {
        byte[] file = new WavBytes().format(0x55, 1, 22050, 16).chunk("data", new byte[4]).build();

        AudioFormatException e = assertThrows(AudioFormatException.class,
                () -> WavReader.read(new ByteArrayInputStream(file), "x.wav"));
        assertEquals("unsupported WAV encoding 0x0055 (MP3) in x.wav; expected PCM (1), IEEE float (3), A-law (6),"
                + " mu-law (7) or extensible (0xFFFE) wrapping one", e.getMessage());
    }

    @Test
    void unsupportedBitDepthAndMissingHeaderAreRejected() {
        byte[] twelveBit = new WavBytes().format(1, 1, 22050, 12).chunk("data", new byte[4]).build();
        AudioFormatException depth = assertThrows(AudioFormatException.class,
                () -> WavReader.read(new ByteArrayInputStream(twelveBit), "a.wav"));
        assertEquals("unsupported 12-bit PCM in a.wav; expected 8, 16, 24 or 32 bits", depth.getMessage());

        byte[] wideMulaw = new WavBytes().format(7, 1, 8000, 16).chunk("data", new byte[4]).build();
        AudioFormatException law = assertThrows(AudioFormatException.class,
                () -> WavReader.read(new ByteArrayInputStream(wideMulaw), "c.wav"));
        assertEquals("unsupported 16-bit mu-law in c.wav; expected 8 bits", law.getMessage());

        byte[] text = "hello, this is not audio".getBytes(StandardCharsets.US_ASCII);
        AudioFormatException riff = assertThrows(AudioFormatException.class,
                () -> WavReader.read(new ByteArrayInputStream(text), "b.txt"));
        assertEquals("not a WAV file: b.txt starts with 'hell'...'his '; expected 'RIFF'...'WAVE'",
                riff.getMessage());

        byte[] flac = {'f', 'L', 'a', 'C', 0, 0, 0, 0x22, 0x12, 0, 0x12, 0};
        AudioFormatException binary = assertThrows(AudioFormatException.class,
                () -> WavReader.read(new ByteArrayInputStream(flac), "c.flac"));
        assertEquals("not a WAV file: c.flac starts with 'fLaC'...'\\x12\\x00\\x12\\x00'; expected 'RIFF'...'WAVE'",
                binary.getMessage(), "control bytes are escaped, not printed");
    }

    private static DecodedWav read(byte[] file) throws IOException {
        return WavReader.read(new ByteArrayInputStream(file), "test.wav");
    }
}
