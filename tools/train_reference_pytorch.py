#!/usr/bin/python3
"""Diagnostic: train the SPEC section 1 network in plain PyTorch on a manifest's training split
(noise-free centre crops, images standardised and oriented like mvdcn's), to tell whether a
learning problem lies in mvdcn or in the model and data. Debian python3-torch; not a test.

    /usr/bin/python3 tools/train_reference_pytorch.py MANIFEST HEIGHT WIDTH [WIDTH_MULT] [EPOCHS] [LR]

Observed (2026-11-25, synth --patients 300 --scale 0.1 --flip 0, 260x200, width 0.5, lr 1e-3,
batch 8): the loss stays at the label prior for 8 epochs, as in mvdcn.
"""
import csv
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_parity_fixtures as ref  # noqa: E402


def crop(path, mirror, height, width):
    a = np.asarray(Image.open(path), dtype=np.float64)
    if mirror:
        a = a[:, ::-1]
    a = (a - a.mean()) / a.std()
    out = np.full((height, width), a.min(), dtype=np.float32)
    top = (a.shape[0] - height) // 2
    for r in range(height):
        y = top + r
        if 0 <= y < a.shape[0]:
            n = min(width, a.shape[1])
            out[r, :n] = a[y, :n]
    return out


def main():
    manifest, height, width = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    mult = float(sys.argv[4]) if len(sys.argv) > 4 else 0.5
    epochs = int(sys.argv[5]) if len(sys.argv) > 5 else 8
    lr = float(sys.argv[6]) if len(sys.argv) > 6 else 1e-3
    torch.set_num_threads(2)
    torch.manual_seed(0)
    folder = os.path.dirname(os.path.abspath(manifest))
    exams = {}
    for r in csv.DictReader(open(manifest)):
        e = exams.setdefault(r["exam_id"], {"label": int(r["label"]), "patient": r["patient_id"], "date": r["exam_date"], "views": {}})
        e["views"].setdefault(r["view"], os.path.join(folder, r["image_path"]))
    last = {}
    for e in exams.values():
        last[e["patient"]] = max(last.get(e["patient"], ""), e["date"])
    patients = sorted(last, key=lambda p: (last[p], p))
    train = set(patients[:round(0.8 * len(patients))])  # the first 80% by last visit, as SPEC section 3
    exams = [e for e in exams.values() if e["patient"] in train]
    # orientation as the synthetic cohort stores it: right views in display orientation
    x = {v: torch.from_numpy(np.stack([crop(e["views"][v], v.startswith("R"), height, width) for e in exams]))[:, None]
         for v in ref.VIEWS}
    y = torch.tensor([e["label"] for e in exams])
    n, _ = ref.conv_count(height, width, mult)
    params = ref.make_params(n, torch.Generator().manual_seed(1), mult)
    for name, p in params.items():
        if name.endswith("bias"):
            p.zero_()
        else:
            torch.nn.init.xavier_uniform_(p)
    weights = [p.requires_grad_(True) for p in params.values()]
    optimiser = torch.optim.Adam(weights, lr=lr)
    prior = torch.bincount(y, minlength=3) / len(y)
    print("train exams", len(exams), "prior entropy %.4f" % float(-(prior * prior.clamp_min(1e-12).log()).sum()))
    for epoch in range(epochs):
        order = torch.randperm(len(exams))
        total, start = 0.0, time.time()
        for i in range(0, len(exams), 8):
            idx = order[i:i + 8]
            logits = ref.network({v: x[v][idx] for v in ref.VIEWS}, params, dropout=0.2, noise=0.01)
            loss = F.cross_entropy(logits, y[idx])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += loss.item() * len(idx)
        print("epoch %d loss %.4f (%.1f s)" % (epoch + 1, total / len(exams), time.time() - start), flush=True)


if __name__ == "__main__":
    main()
