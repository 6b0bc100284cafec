// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * NumPy {@code .npy} arrays (float32, any rank, C order) and {@code .npz} archives, readable
 * without a tensor engine: fixtures, checkpoints, mels exchanged with Python tools.
 */
package dev.flowvox.core.npy;
