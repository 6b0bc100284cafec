// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Signal processing on float sample arrays, independent of files and models.
 *
 * <p>Decisions that hold across the package:
 * <ul>
 *   <li>Spectrograms are bin-major like librosa and NVIDIA: {@code [bins][frames]} for linear
 *       STFTs, {@code [nMels][frames]} for mels. Frame t of a centred STFT is centred on sample
 *       {@code t · hop}; there are {@code 1 + samples / hop} frames.</li>
 *   <li>Arithmetic is double precision; results are stored as float.</li>
 *   <li>Centring pads by reflection with numpy's semantics (repeated mirroring), so signals
 *       shorter than half the FFT size still work; empty signals are rejected.</li>
 *   <li>Classes that hold work buffers ({@link dev.flowvox.core.dsp.RealFft},
 *       {@link dev.flowvox.core.dsp.Stft}, {@link dev.flowvox.core.dsp.MelSpectrogram}, …) are not
 *       thread-safe: use one instance per thread. Immutable ones (filterbank, resampler, configs)
 *       are.</li>
 * </ul>
 */
package dev.flowvox.core.dsp;
