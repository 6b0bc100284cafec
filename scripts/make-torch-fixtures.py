#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the PyTorch checkpoint fixtures of vocoder-core's TorchCheckpointTest.

Usage: /usr/bin/python3 scripts/make-torch-fixtures.py OUT_DIR
Needs Debian's python3-torch (scripts/install-system-deps.sh python3-torch); the files are committed,
so the tests themselves need no Python.

A small WaveGlow with random weights, built from modules whose attribute names are those of NVIDIA's
glow.py (so its state_dict keys and its pickled class names, glow.WaveGlow and so on, are NVIDIA's),
saved the ways WaveGlow checkpoints are found in the wild:

  tiny.npz, tiny.config.json    its state_dict as NumPy arrays and its constructor arguments (the reference)
  tiny-train-zip.pt             NVIDIA train.py's dict {'model': <the module>, 'iteration', 'optimizer',
                                'learning_rate'} in PyTorch's zip format (1.6 and later)
  tiny-train-legacy.pt          the same in the legacy format NVIDIA published WaveGlow in
  tiny-state-dict-half.pt       model.half().state_dict() (float16 storages)
"""
import json
import os
import sys
import types

import numpy as np
import torch

N_MEL, N_FLOWS, N_GROUP, N_EARLY_EVERY, N_EARLY_SIZE = 4, 4, 8, 2, 2
N_LAYERS, N_CHANNELS, KERNEL = 3, 8, 5

glow = types.ModuleType("glow")
sys.modules["glow"] = glow


def weight_norm_conv(c_in, c_out, kernel=1, dilation=1):
    padding = (kernel * dilation - dilation) // 2
    return torch.nn.utils.weight_norm(torch.nn.Conv1d(c_in, c_out, kernel, dilation=dilation, padding=padding),
                                      name="weight")


class WN(torch.nn.Module):
    def __init__(self, n_in, n_cond):
        super().__init__()
        self.in_layers = torch.nn.ModuleList()
        self.res_skip_layers = torch.nn.ModuleList()
        self.start = weight_norm_conv(n_in, N_CHANNELS)
        self.end = torch.nn.Conv1d(N_CHANNELS, 2 * n_in, 1)
        self.cond_layer = weight_norm_conv(n_cond, 2 * N_CHANNELS * N_LAYERS)
        for i in range(N_LAYERS):
            self.in_layers.append(weight_norm_conv(N_CHANNELS, 2 * N_CHANNELS, KERNEL, 2 ** i))
            width = 2 * N_CHANNELS if i < N_LAYERS - 1 else N_CHANNELS
            self.res_skip_layers.append(weight_norm_conv(N_CHANNELS, width))


class Invertible1x1Conv(torch.nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = torch.nn.Conv1d(c, c, 1, bias=False)
        w = torch.linalg.qr(torch.randn(c, c))[0]
        if torch.det(w) < 0:
            w[:, 0] = -w[:, 0]
        self.conv.weight.data = w.view(c, c, 1)


class WaveGlow(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.upsample = torch.nn.ConvTranspose1d(N_MEL, N_MEL, 1024, stride=256)
        self.WN = torch.nn.ModuleList()
        self.convinv = torch.nn.ModuleList()
        remaining = N_GROUP
        for k in range(N_FLOWS):
            if k % N_EARLY_EVERY == 0 and k > 0:
                remaining -= N_EARLY_SIZE
            self.convinv.append(Invertible1x1Conv(remaining))
            self.WN.append(WN(remaining // 2, N_MEL * N_GROUP))


for cls in (WN, Invertible1x1Conv, WaveGlow):
    cls.__module__ = "glow"
    setattr(glow, cls.__name__, cls)


def main(out):
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(20261202)
    model = WaveGlow()
    with torch.no_grad():
        for wn in model.WN:
            wn.end.weight.normal_(0, 0.05)
            wn.end.bias.normal_(0, 0.05)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4)
    sum(p.square().sum() for p in model.parameters()).backward()
    optimizer.step()
    state = model.state_dict()
    np.savez(os.path.join(out, "tiny.npz"), **{k: v.numpy() for k, v in state.items()})
    with open(os.path.join(out, "tiny.config.json"), "w") as f:
        json.dump({"n_mel_channels": N_MEL, "n_flows": N_FLOWS, "n_group": N_GROUP, "n_early_every": N_EARLY_EVERY,
                   "n_early_size": N_EARLY_SIZE,
                   "WN_config": {"n_layers": N_LAYERS, "n_channels": N_CHANNELS, "kernel_size": KERNEL}}, f)
        f.write("\n")
    checkpoint = {"model": model, "iteration": 7, "optimizer": optimizer.state_dict(), "learning_rate": 1e-4}
    torch.save(checkpoint, os.path.join(out, "tiny-train-zip.pt"))
    torch.save(checkpoint, os.path.join(out, "tiny-train-legacy.pt"), _use_new_zipfile_serialization=False)
    torch.save(WaveGlow.half(model).state_dict(), os.path.join(out, "tiny-state-dict-half.pt"))


if __name__ == "__main__":
    main(sys.argv[1])
