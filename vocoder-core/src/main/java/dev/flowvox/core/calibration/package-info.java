// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Typicality calibration for likelihood-based anomaly checks: per-segment features of scored audio
 * ({@link dev.flowvox.core.calibration.SegmentFeatures}), two-sided bounds learned from normal speech
 * ({@link dev.flowvox.core.calibration.Calibrator}, {@link dev.flowvox.core.calibration.Calibration}),
 * the verdict they give ({@link dev.flowvox.core.calibration.Verdict}) and the {@code calibration}
 * section of model bundles ({@link dev.flowvox.core.calibration.CalibrationSection}).
 *
 * <p>Why two-sided and why banded by loudness: a flow gives silence and smooth signals a high
 * likelihood, and quiet speech a higher one than loud speech, so a single low-likelihood threshold
 * both misses smooth anomalies and flags quiet normal speech. Bounds on nats per sample and on the
 * latent's energy ({@code z²/σ²}, a chi-square typicality statistic) are therefore learned per band
 * of segment loudness, on both sides.
 */
package dev.flowvox.core.calibration;
