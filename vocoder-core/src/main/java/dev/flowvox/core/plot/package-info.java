// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * PNG figures for reports: line plots (training curves, likelihood over time) and spectrogram
 * heatmaps, drawn with Java2D into a {@link java.awt.image.BufferedImage} and written with
 * {@link javax.imageio.ImageIO}.
 *
 * <p>Decisions that hold across the package:
 * <ul>
 *   <li>Headless: nothing here opens a window, asks the {@link java.awt.Toolkit} or the screen, or
 *       sets a system property. Rendering works under {@code -Djava.awt.headless=true} (and on a
 *       machine without {@code DISPLAY}, where the JDK is headless anyway); it needs only the
 *       JDK's font configuration (a sans-serif font such as DejaVu Sans).</li>
 *   <li>Figures are immutable descriptions built with builders ({@code setX} for what is
 *       required, {@code optX} for what is optional, the default stated). Rendering is
 *       deterministic: the same description and {@link dev.flowvox.core.plot.PixelSize} give the
 *       same pixels, and {@code frame(PixelSize)} ({@code frames} for a stack) tells where a data
 *       value lands, in pixels.</li>
 *   <li>Spectrograms are bin-major, {@code [bins][frames]}, like {@code dev.flowvox.core.dsp}; low
 *       bins are drawn at the bottom, frame t is centred on {@code t · hop / sampleRate} seconds.</li>
 *   <li>Non-finite data never throws while drawing: line plots leave a gap at NaN/±Inf (and at
 *       values ≤ 0 on a log axis); heatmaps clip ±Inf to the ends of the colour range and draw NaN
 *       in light grey. Empty data and empty ranges are rejected when the figure is built.</li>
 * </ul>
 */
package dev.flowvox.core.plot;
