// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Audio clips and WAV files: {@link dev.flowvox.core.audio.AudioClip} (mono float samples,
 * nominally [-1, 1], 16-bit PCM mapped by /32768), {@link dev.flowvox.core.audio.WavReader} and
 * {@link dev.flowvox.core.audio.WavWriter}, and {@link dev.flowvox.core.audio.ModelInput}, which
 * turns any supported file into the mono clip at the model's rate and reports what it changed.
 */
package dev.flowvox.core.audio;
