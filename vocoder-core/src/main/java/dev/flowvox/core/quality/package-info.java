// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Objective measures for evaluating vocoder output against a reference recording: log-spectral
 * distance, log-mel L1 and f0 agreement. Each documents its units, epsilon and how the two
 * signals are aligned (they are assumed to start together; the longer is truncated).
 */
package dev.flowvox.core.quality;
