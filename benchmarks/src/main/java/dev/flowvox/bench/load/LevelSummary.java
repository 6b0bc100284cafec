// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.bench.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one load level.
 *
 * @param streams concurrent streams
 * @param requests requests finished during the level
 * @param firstAudioP50 time to first audio, median (ms)
 * @param firstAudioP95 95th percentile (ms)
 * @param firstAudioP99 99th percentile (ms)
 * @param largestGapMillis longest gap between chunks of any request (ms)
 * @param realTimeFactorP50 median per-request real-time factor (audio seconds per wall second)
 * @param aggregateAudioPerSecond audio seconds delivered per wall second, all streams together
 * @param errors failed requests by gRPC status code
 * @param peakRssMebibytes largest resident set size of the server during the level (MiB)
 */
record LevelSummary(int streams, int requests, double firstAudioP50, double firstAudioP95, double firstAudioP99,
        double largestGapMillis, double realTimeFactorP50, double aggregateAudioPerSecond, Map<String, Integer> errors,
        double peakRssMebibytes) {

    /**
     * Summarises a level's records.
     *
     * @param streams concurrent streams
     * @param records the level's requests
     * @param seconds wall time of the level
     * @param peakRssMebibytes sampled peak resident set size of the server
     * @return the summary
     */
    static LevelSummary of(int streams, List<RequestRecord> records, double seconds, double peakRssMebibytes) {
        double[] firstAudio = records.stream().filter(r -> r.status().equals("OK"))
                .mapToDouble(RequestRecord::firstAudioMillis).sorted().toArray();
        double[] factors = records.stream().filter(r -> r.status().equals("OK"))
                .mapToDouble(RequestRecord::realTimeFactor).sorted().toArray();
        Map<String, Integer> errors = new TreeMap<>();
        records.stream().filter(r -> !r.status().equals("OK")).forEach(r -> errors.merge(r.status(), 1, Integer::sum));
        double audio = records.stream().mapToDouble(RequestRecord::audioSeconds).sum();
        double gap = records.stream().mapToDouble(RequestRecord::largestGapMillis).max().orElse(Double.NaN);
        return new LevelSummary(streams, records.size(), percentile(firstAudio, 50), percentile(firstAudio, 95),
                percentile(firstAudio, 99), gap, percentile(factors, 50), audio / seconds, errors, peakRssMebibytes);
    }

    /** The nearest-rank percentile of sorted values, NaN when empty. */
    static double percentile(double[] sorted, double percent) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The CSV header matching {@link #csv()}. */
    static String csvHeader() {
        return "streams,requests,first_audio_p50_ms,first_audio_p95_ms,first_audio_p99_ms,largest_gap_ms,"
                + "real_time_factor_p50,aggregate_audio_s_per_s,errors,server_peak_rss_mib";
    }

    /** This summary as a CSV row. */
    String csv() {
        return String.format(Locale.ROOT, "%d,%d,%.1f,%.1f,%.1f,%.1f,%.2f,%.2f,%s,%.0f", streams, requests, firstAudioP50,
                firstAudioP95, firstAudioP99, largestGapMillis, realTimeFactorP50, aggregateAudioPerSecond,
                errors.isEmpty() ? "none" : errors.toString().replace(',', ';'), peakRssMebibytes);
    }

    /** This summary as a markdown table row. */
    String markdownRow() {
        return String.format(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.1f | %.0f | %.1f | %.2f | %s | %.0f |", streams,
                requests, firstAudioP50, firstAudioP95, firstAudioP99, largestGapMillis, realTimeFactorP50,
                aggregateAudioPerSecond, errors.isEmpty() ? "none" : errors.toString(), peakRssMebibytes);
    }
}
