// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.bench.load;

import java.util.Locale;

/**
 * One synthesis request as a client saw it.
 *
 * @param streams concurrent streams of the load level
 * @param firstAudioMillis from sending the request to the first audio chunk (NaN if none arrived)
 * @param largestGapMillis longest wait between consecutive chunks (0 for a single chunk)
 * @param totalMillis from sending the request to the end of the stream
 * @param audioSeconds audio received
 * @param status gRPC status code name ({@code OK} for success)
 */
record RequestRecord(int streams, double firstAudioMillis, double largestGapMillis, double totalMillis,
        double audioSeconds, String status) {

    /** Audio seconds per wall second of this stream (0 when nothing arrived). */
    double realTimeFactor() {
        return totalMillis > 0 ? audioSeconds * 1000 / totalMillis : 0;
    }

    /** The CSV header matching {@link #csv()}. */
    static String csvHeader() {
        return "streams,first_audio_ms,largest_gap_ms,total_ms,audio_s,real_time_factor,status";
    }

    /** This record as a CSV row. */
    String csv() {
        return String.format(Locale.ROOT, "%d,%.2f,%.2f,%.2f,%.3f,%.3f,%s", streams, firstAudioMillis,
                largestGapMillis, totalMillis, audioSeconds, realTimeFactor(), status);
    }
}
