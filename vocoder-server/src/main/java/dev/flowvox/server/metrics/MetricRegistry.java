// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * A small Prometheus registry: counters, gauges read on scrape, and histograms, each with labels,
 * rendered in the Prometheus text exposition format (version 0.0.4). Thread-safe; updates are
 * lock-free adders.
 */
public final class MetricRegistry {

    private final List<Family> families = new ArrayList<>();

    /**
     * Registers a counter.
     *
     * @param name metric name ending in {@code _total}
     * @param help one-line description
     * @param labelNames label names, in the order values are given to {@link Counter#inc}
     * @return the counter
     */
    public synchronized Counter counter(String name, String help, String... labelNames) {
        Counter counter = new Counter(name, help, labelNames);
        families.add(counter);
        return counter;
    }

    /**
     * Registers a gauge read when scraped.
     *
     * @param name metric name
     * @param help one-line description
     * @param value read on every scrape
     */
    public synchronized void gauge(String name, String help, DoubleSupplier value) {
        families.add(out -> {
            header(out, name, help, "gauge");
            out.append(name).append(' ').append(format(value.getAsDouble())).append('\n');
        });
    }

    /**
     * Registers a histogram.
     *
     * @param name metric name with its unit, e.g. {@code _seconds}
     * @param help one-line description
     * @param bounds upper bucket bounds, ascending ({@code +Inf} is added)
     * @param labelNames label names
     * @return the histogram
     */
    public synchronized Histogram histogram(String name, String help, double[] bounds, String... labelNames) {
        Histogram histogram = new Histogram(name, help, bounds.clone(), labelNames);
        families.add(histogram);
        return histogram;
    }

    /** Every metric in the text exposition format. */
    public synchronized String render() {
        StringBuilder out = new StringBuilder();
        for (Family family : families) {
            family.render(out);
        }
        return out.toString();
    }

    private interface Family {
        void render(StringBuilder out);
    }

    /** A monotonically increasing count per label set. */
    public static final class Counter implements Family {
        private final String name;
        private final String help;
        private final String[] labelNames;
        private final Map<List<String>, DoubleAdder> values = new ConcurrentSkipListMap<>(MetricRegistry::compare);

        private Counter(String name, String help, String[] labelNames) {
            this.name = name;
            this.help = help;
            this.labelNames = labelNames;
        }

        /**
         * Adds to the count of a label set.
         *
         * @param amount non-negative amount
         * @param labels values of the label names, in order
         */
        public void add(double amount, String... labels) {
            values.computeIfAbsent(key(labelNames, labels), k -> new DoubleAdder()).add(amount);
        }

        /**
         * Adds one.
         *
         * @param labels values of the label names, in order
         */
        public void inc(String... labels) {
            add(1, labels);
        }

        /**
         * The count of a label set.
         *
         * @param labels values of the label names, in order
         * @return the count, 0 if never incremented
         */
        public double value(String... labels) {
            DoubleAdder adder = values.get(List.of(labels));
            return adder == null ? 0 : adder.sum();
        }

        @Override
        public void render(StringBuilder out) {
            header(out, name, help, "counter");
            if (labelNames.length == 0 && values.isEmpty()) {
                out.append(name).append(" 0\n");
            }
            values.forEach((labels, value) -> out.append(name).append(labelText(labelNames, labels, null))
                    .append(' ').append(format(value.sum())).append('\n'));
        }
    }

    /** Observations in cumulative buckets, with their sum and count, per label set. */
    public static final class Histogram implements Family {
        private final String name;
        private final String help;
        private final double[] bounds;
        private final String[] labelNames;
        private final Map<List<String>, Series> series = new ConcurrentHashMap<>();

        private Histogram(String name, String help, double[] bounds, String[] labelNames) {
            this.name = name;
            this.help = help;
            this.bounds = bounds;
            this.labelNames = labelNames;
        }

        /**
         * Records one observation.
         *
         * @param value the observation, in the metric's unit
         * @param labels values of the label names, in order
         */
        public void observe(double value, String... labels) {
            Series s = series.computeIfAbsent(key(labelNames, labels), k -> new Series(bounds.length));
            for (int i = 0; i < bounds.length; i++) {
                if (value <= bounds[i]) {
                    s.buckets[i].increment();
                }
            }
            s.count.increment();
            s.sum.add(value);
        }

        /**
         * Observations of a label set.
         *
         * @param labels values of the label names, in order
         * @return the count, 0 if none
         */
        public long count(String... labels) {
            Series s = series.get(List.of(labels));
            return s == null ? 0 : s.count.sum();
        }

        @Override
        public void render(StringBuilder out) {
            header(out, name, help, "histogram");
            Map<List<String>, Series> sorted = new ConcurrentSkipListMap<>(MetricRegistry::compare);
            sorted.putAll(series);
            sorted.forEach((labels, s) -> {
                for (int i = 0; i < bounds.length; i++) {
                    out.append(name).append("_bucket").append(labelText(labelNames, labels, format(bounds[i])))
                            .append(' ').append(s.buckets[i].sum()).append('\n');
                }
                out.append(name).append("_bucket").append(labelText(labelNames, labels, "+Inf")).append(' ')
                        .append(s.count.sum()).append('\n');
                out.append(name).append("_sum").append(labelText(labelNames, labels, null)).append(' ')
                        .append(format(s.sum.sum())).append('\n');
                out.append(name).append("_count").append(labelText(labelNames, labels, null)).append(' ')
                        .append(s.count.sum()).append('\n');
            });
        }

        private static final class Series {
            final LongAdder[] buckets;
            final LongAdder count = new LongAdder();
            final DoubleAdder sum = new DoubleAdder();

            Series(int n) {
                buckets = new LongAdder[n];
                for (int i = 0; i < n; i++) {
                    buckets[i] = new LongAdder();
                }
            }
        }
    }

    private static List<String> key(String[] names, String[] values) {
        if (names.length != values.length) {
            throw new IllegalArgumentException(values.length + " label values for labels " + List.of(names));
        }
        return List.of(values);
    }

    private static int compare(List<String> a, List<String> b) {
        return String.join("\u0000", a).compareTo(String.join("\u0000", b));
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String labelText(String[] names, List<String> values, String le) {
        if (names.length == 0 && le == null) {
            return "";
        }
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            text.append(i == 0 ? "" : ",").append(names[i]).append("=\"").append(escape(values.get(i))).append('"');
        }
        if (le != null) {
            text.append(names.length == 0 ? "" : ",").append("le=\"").append(le).append('"');
        }
        return text.append('}').toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }
}
