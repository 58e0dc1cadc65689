#!/usr/bin/python3
"""Diagnostic: train the SPEC section 1 network in plain PyTorch on a manifest's training split
(noise-free centre crops, images standardised and oriented like mvdcn's), to tell whether a
learning problem lies in mvdcn or in the model and data. Debian python3-torch; not a test.

    /usr/bin/python3 tools/train_reference_pytorch.py MANIFEST HEIGHT WIDTH [--width-mult M]
        [--epochs N] [--lr LR] [--norm none|batch] [--init glorot|he] [--truth TRUTH.csv [--train-on-truth]]
        [--seed K]

Each epoch prints the training loss and, on the validation patients (the 10% after the first 80%
by last visit, declared test patients left out as mvdcn does), the AUC of each class against the
others, against the recorded labels and, with --truth, the drawn classes. --norm batch normalises
each convolution's output with its view's batch moments (PyTorch's BatchNorm2d), as mvdcn's
--batch-norm does.

Observed (2026-11-25, synth --patients 300 --scale 0.1 --flip 0, 260x200, width 0.5, lr 1e-3,
batch 8, Glorot): the loss stays at the label prior for 8 epochs, as in mvdcn.
"""
import argparse
import csv
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
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


class MultiView(nn.Module):
    """SPEC section 1's network written with torch.nn modules; the CC and MLO columns each shared
    by both breasts; the column stops where the map is smaller than a kernel."""

    def __init__(self, height, width, mult, norm, init, head_init="torch"):
        super().__init__()
        n_convs, features = ref.conv_count(height, width, mult)
        convs = [l for l in ref.LAYERS if l[1] == "conv"][:n_convs]
        self.n_convs = n_convs
        self.columns = nn.ModuleDict()
        for tag in ("cc", "mlo"):
            layers, in_ch = nn.ModuleList(), 1
            for _, _, maps, stride in convs:
                out_ch = ref.channels(maps, mult)
                conv = nn.Conv2d(in_ch, out_ch, 3, stride)
                if init == "he":
                    nn.init.kaiming_normal_(conv.weight, nonlinearity="relu")
                else:
                    nn.init.xavier_uniform_(conv.weight)
                nn.init.zeros_(conv.bias)
                layers.append(nn.Sequential(conv, nn.BatchNorm2d(out_ch) if norm == "batch" else nn.Identity()))
                in_ch = out_ch
            self.columns[tag] = layers
        self.fc1 = nn.Linear(4 * features, 4 * features)
        self.fc2 = nn.Linear(4 * features, 3)
        self.view_head = nn.Linear(features, 1)
        self.breast_head = nn.Sequential(nn.Linear(2 * features, 2 * features), nn.ReLU(), nn.Dropout(0.2),
                                         nn.Linear(2 * features, 3))
        if head_init == "mvdcn":
            # as mvdcn draws fc1 and fc2 with --init he: He normal, then Glorot uniform; biases zero
            for layer, draw in ((self.breast_head[0], nn.init.kaiming_normal_), (self.breast_head[3], nn.init.xavier_uniform_)):
                draw(layer.weight)
                nn.init.zeros_(layer.bias)

    def column(self, x, tag):
        conv_index = 0
        for _, kind, _, stride in ref.LAYERS:
            if kind == "conv":
                if conv_index == self.n_convs:
                    break
                x = F.relu(self.columns[tag][conv_index](x))
                conv_index += 1
            elif kind == "pool":
                x = F.dropout(F.max_pool2d(x, stride, stride), 0.2, self.training)
            else:
                x = F.pad(x, (0, 1, 0, 0))
        return x.mean(dim=(2, 3))

    def single_view(self, x):
        """One CC view's logit for "its exam is BI-RADS 0" through the CC column and fc2's first
        row on the view's features alone: the isolating test's network on this cohort's views."""
        if self.training:
            x = x + 0.01 * torch.randn_like(x)
        return self.view_head(self.column(x, "cc"))[:, 0]

    def breasts(self, views):
        """Per-breast logits (left, right), each from that breast's CC and MLO views."""
        feats = {}
        for v in ref.VIEWS:
            x = views[v] + 0.01 * torch.randn_like(views[v]) if self.training else views[v]
            feats[v] = self.column(x, "cc" if "CC" in v else "mlo")
        return tuple(self.breast_head(torch.cat([feats[side + "-CC"], feats[side + "-MLO"]], dim=1)) for side in "LR")

    def forward(self, views):
        feats = []
        for v in ref.VIEWS:
            x = views[v]
            if self.training:
                x = x + 0.01 * torch.randn_like(x)
            feats.append(self.column(x, "cc" if "CC" in v else "mlo"))
        h = F.dropout(F.relu(self.fc1(torch.cat(feats, dim=1))), 0.2, self.training)
        return self.fc2(h)


def auc(score, positive):
    pos, neg = score[positive], score[~positive]
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    greater = (pos[:, None] > neg[None, :]).double().mean()
    ties = (pos[:, None] == neg[None, :]).double().mean()
    return float(greater + 0.5 * ties)


def load(exams, height, width):
    x = {v: torch.from_numpy(np.stack([crop(e["views"][v], v.startswith("R"), height, width) for e in exams]))[:, None]
         for v in ref.VIEWS}
    return x, torch.tensor([e["label"] for e in exams])


def main():
    a = argparse.ArgumentParser()
    a.add_argument("manifest")
    a.add_argument("height", type=int)
    a.add_argument("width", type=int)
    a.add_argument("--width-mult", type=float, default=0.5)
    a.add_argument("--epochs", type=int, default=8)
    a.add_argument("--lr", type=float, default=1e-3)
    a.add_argument("--norm", choices=("none", "batch"), default="none")
    a.add_argument("--init", choices=("glorot", "he"), default="glorot")
    a.add_argument("--head-init", choices=("torch", "mvdcn"), default="torch",
                   help="the breast head's layers: torch.nn.Linear's default draw, or mvdcn's (He normal fc1, Glorot fc2)")
    a.add_argument("--truth")
    a.add_argument("--train-on-truth", action="store_true", help="train on the drawn classes (needs --truth)")
    a.add_argument("--seed", type=int, default=0)
    a.add_argument("--without-class", type=int, help="leave the training exams of this drawn class out (needs --truth)")
    a.add_argument("--breast-labels", action="store_true",
                   help="a class per breast: the exam's for the breast whose CC view a fixed 3x3 centre-minus-surround "
                        "answers more strongly, BI-RADS 1 for the other; an exam scored by its breasts' larger probability")
    a.add_argument("--single-view", action="store_true",
                   help="train the CC column alone on CC views labelled by their exam (BI-RADS 0 or not)")
    o = a.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(o.seed)
    folder = os.path.dirname(os.path.abspath(o.manifest))
    exams, declared_test = {}, set()
    for r in csv.DictReader(open(o.manifest)):
        if r.get("split") == "test":
            declared_test.add(r["patient_id"])
        e = exams.setdefault(r["exam_id"], {"id": r["exam_id"], "label": int(r["label"]), "patient": r["patient_id"],
                                            "date": r["exam_date"], "views": {}})
        e["views"].setdefault(r["view"], os.path.join(folder, r["image_path"]))
    last = {}
    for e in exams.values():
        if e["patient"] not in declared_test:
            last[e["patient"]] = max(last.get(e["patient"], ""), e["date"])
    patients = sorted(last, key=lambda p: (last[p], p))
    train = set(patients[:round(0.8 * len(patients))])  # SPEC section 3: first 80% by last visit, next 10% validation
    validation = set(patients[round(0.8 * len(patients)):round(0.9 * len(patients))])
    drawn = {}
    if o.truth:
        drawn = {r["exam_id"]: int(r["true_label"]) for r in csv.DictReader(open(o.truth))}
    train_exams = [e for e in exams.values()
                   if e["patient"] in train and (o.without_class is None or drawn[e["id"]] != o.without_class)]
    val_exams = [e for e in exams.values() if e["patient"] in validation]
    start = time.time()
    x, y = load(train_exams, o.height, o.width)
    if o.train_on_truth:
        y = torch.tensor([drawn[e["id"]] for e in train_exams])
    xv, yv = load(val_exams, o.height, o.width)
    yd = torch.tensor([drawn.get(e["id"], e["label"]) for e in val_exams])
    print("train exams %d, validation exams %d, loaded in %.0f s" % (len(train_exams), len(val_exams), time.time() - start),
          flush=True)
    net = MultiView(o.height, o.width, o.width_mult, o.norm, o.init, o.head_init)
    if o.single_view:
        # each CC view a sample of its own, labelled by its exam; an exam scored by its larger CC logit
        views, positive = torch.cat([x["L-CC"], x["R-CC"]]), (torch.cat([y, y]) == 0).float()
        val_views, normal_or_cluster = torch.cat([xv["L-CC"], xv["R-CC"]]), yd < 2

        def batch_loss(idx):
            return F.binary_cross_entropy_with_logits(net.single_view(views[idx]), positive[idx])

        def validate():
            score = torch.cat([net.single_view(val_views[i:i + 64]) for i in range(0, len(val_views), 64)])
            exam = torch.maximum(score[:len(yd)], score[len(yd):])[normal_or_cluster]
            return "validation exams drawn BI-RADS 0 against 1, the larger CC logit: AUC %.3f" % auc(
                exam, yd[normal_or_cluster] == 0)

        fit(net, o, len(views), batch_loss, validate)
        return

    if o.breast_labels:
        kernel = -torch.ones(1, 1, 3, 3) / 8
        kernel[0, 0, 1, 1] = 1
        response = {v: torch.cat([F.conv2d(x[v][i:i + 256], kernel).amax(dim=(1, 2, 3)) for i in range(0, len(y), 256)])
                    for v in ("L-CC", "R-CC")}
        left_side = response["L-CC"] > response["R-CC"]
        normal = torch.ones_like(y)
        left, right = torch.where(left_side, y, normal), torch.where(left_side, normal, y)

        def batch_loss(idx):
            out_left, out_right = net.breasts({v: x[v][idx] for v in ref.VIEWS})
            return F.cross_entropy(out_left, left[idx]) + F.cross_entropy(out_right, right[idx])

        def validate():
            parts = [net.breasts({v: xv[v][i:i + 32] for v in ref.VIEWS}) for i in range(0, len(val_exams), 32)]
            p_left = torch.cat([F.softmax(a, dim=1) for a, _ in parts])
            p_right = torch.cat([F.softmax(b, dim=1) for _, b in parts])
            p = torch.maximum(p_left, p_right)
            return "validation AUC k vs others (larger breast probability), recorded %s, drawn %s" % (
                "/".join("%.3f" % auc(p[:, k], yv == k) for k in (0, 2)),
                "/".join("%.3f" % auc(p[:, k], yd == k) for k in (0, 2)))

        fit(net, o, len(train_exams), batch_loss, validate)
        return

    def batch_loss(idx):
        return F.cross_entropy(net({v: x[v][idx] for v in ref.VIEWS}), y[idx])

    def validate():
        p = torch.cat([F.softmax(net({v: xv[v][i:i + 32] for v in ref.VIEWS}), dim=1) for i in range(0, len(val_exams), 32)])
        recorded = "/".join("%.3f" % auc(p[:, k], yv == k) for k in range(3))
        truth = "/".join("%.3f" % auc(p[:, k], yd == k) for k in range(3))
        return "validation AUC k vs others, recorded %s, drawn %s" % (recorded, truth)

    fit(net, o, len(train_exams), batch_loss, validate)


def fit(net, o, n, batch_loss, validate):
    """Adam at a constant rate, batches of 8 of the n samples in a fresh order each epoch."""
    optimiser = torch.optim.Adam(net.parameters(), lr=o.lr)
    for epoch in range(o.epochs):
        net.train()
        order = torch.randperm(n)
        total, start = 0.0, time.time()
        for i in range(0, n, 8):
            idx = order[i:i + 8]
            loss = batch_loss(idx)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += loss.item() * len(idx)
        net.eval()
        with torch.no_grad():
            summary = validate()
        print("epoch %d loss %.4f (%.0f s); %s" % (epoch + 1, total / n, time.time() - start, summary), flush=True)


if __name__ == "__main__":
    main()
