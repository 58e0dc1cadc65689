#!/usr/bin/python3
"""Generate the PyTorch parity fixtures that mvdcn's tests compare against.

Independent of mvdcn: the SPEC section 1 network is written here from the table in plain
PyTorch (as the reference's layers would compute it), the sample exam is read with PIL and
standardised with NumPy, and the weights are written in the three formats a user brings:
safetensors, torch.save zip (PyTorch >= 1.6) and torch.save legacy (the released model's).

Run once with Debian's python3-torch (1.13) from the repository root:
    /usr/bin/python3 tools/make_parity_fixtures.py
and commit core/src/test/resources/parity/.
"""
import json
import os
import struct
import sys

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "..", "shared", "data", "nyu-sample-exam")
OUT = os.path.join(ROOT, "core", "src", "test", "resources", "parity")
VIEWS = ["L-CC", "R-CC", "L-MLO", "R-MLO"]
WIDTH = 0.125

# (name, kind, maps, stride) as SPEC section 1's table
LAYERS = [
    ("conv1", "conv", 32, 2), ("pool1", "pool", None, 3),
    ("conv2a", "conv", 64, 2), ("conv2b", "conv", 64, 1), ("conv2c", "conv", 64, 1),
    ("pool2", "pool", None, 2),
    ("conv3a", "conv", 128, 1), ("conv3b", "conv", 128, 1), ("conv3c", "conv", 128, 1),
    ("pad", "pad", None, None), ("pool3", "pool", None, 2),
    ("conv4a", "conv", 128, 1), ("conv4b", "conv", 128, 1), ("conv4c", "conv", 128, 1),
    ("pool4", "pool", None, 2),
    ("conv5a", "conv", 256, 1), ("conv5b", "conv", 256, 1), ("conv5c", "conv", 256, 1),
]


def channels(maps, width=WIDTH):
    return max(1, int(round(maps * width)))


def column(x, params, tag, dropout=0.0):
    """One view column; stops at the first conv whose input is smaller than 3x3. dropout > 0
    (training, as the paper: after each pooling layer) is used by the benchmark only."""
    conv_index = 0
    for name, kind, maps, stride in LAYERS:
        if kind == "conv":
            if x.shape[2] < 3 or x.shape[3] < 3:
                break
            w = params["_conv_layer_ls.%d.%s.weight" % (conv_index, tag)]
            b = params["_conv_layer_ls.%d.%s.bias" % (conv_index, tag)]
            x = F.relu(F.conv2d(x, w, b, stride=stride))
            conv_index += 1
        elif kind == "pool":
            x = F.max_pool2d(x, kernel_size=stride, stride=stride)
            if dropout > 0:
                x = F.dropout(x, dropout, training=True)
        else:
            x = F.pad(x, (0, 1, 0, 0))
    return x.mean(dim=(2, 3)), conv_index


def network(views, params, dropout=0.0, noise=0.0):
    feats = []
    for v in VIEWS:
        tag = "cc" if "CC" in v else "mlo"
        x = views[v] + noise * torch.randn_like(views[v]) if noise > 0 else views[v]
        f, _ = column(x, params, tag, dropout)
        feats.append(f)
    h = F.relu(F.linear(torch.cat(feats, dim=1), params["fc1.weight"], params["fc1.bias"]))
    if dropout > 0:
        h = F.dropout(h, dropout, training=True)
    return F.linear(h, params["fc2.weight"], params["fc2.bias"])


def conv_count(height, width, multiplier=WIDTH):
    x = torch.zeros(1, 1, height, width)
    dummy = {}
    in_ch = 1
    for i, (name, kind, maps, stride) in enumerate([l for l in LAYERS if l[1] == "conv"]):
        for tag in ("cc", "mlo"):
            dummy["_conv_layer_ls.%d.%s.weight" % (i, tag)] = torch.zeros(channels(maps, multiplier), in_ch, 3, 3)
            dummy["_conv_layer_ls.%d.%s.bias" % (i, tag)] = torch.zeros(channels(maps, multiplier))
        in_ch = channels(maps, multiplier)
    f, n = column(x, dummy, "cc")
    return n, f.shape[1]


def make_params(n_convs, generator, width=WIDTH, views=4, head="fc"):
    """Glorot-uniform weights, small random biases, a sharpened output layer so the
    probabilities are far from uniform (a parity test on near-uniform outputs proves little).
    The head reads `views` views' features under the names HEAD1, HEAD2 (a breast head: 2, "breast_fc")."""
    params = {}
    in_ch = 1
    convs = [l for l in LAYERS if l[1] == "conv"][:n_convs]
    for i, (name, kind, maps, stride) in enumerate(convs):
        out_ch = channels(maps, width)
        for tag in ("cc", "mlo"):
            w = torch.empty(out_ch, in_ch, 3, 3)
            bound = (6.0 / (in_ch * 9 + out_ch * 9)) ** 0.5
            w = (torch.rand(out_ch, in_ch, 3, 3, generator=generator) * 2 - 1) * bound
            params["_conv_layer_ls.%d.%s.weight" % (i, tag)] = w
            params["_conv_layer_ls.%d.%s.bias" % (i, tag)] = (torch.rand(out_ch, generator=generator) - 0.5) * 0.1
        in_ch = out_ch
    hidden = views * in_ch
    bound = (6.0 / (2 * hidden)) ** 0.5
    params[head + "1.weight"] = (torch.rand(hidden, hidden, generator=generator) * 2 - 1) * bound
    params[head + "1.bias"] = (torch.rand(hidden, generator=generator) - 0.5) * 0.1
    bound = (6.0 / (hidden + 3)) ** 0.5
    params[head + "2.weight"] = (torch.rand(3, hidden, generator=generator) * 2 - 1) * bound * 8
    params[head + "2.bias"] = torch.tensor([0.3, -0.2, 0.1])
    return params


def load_views(step):
    views = {}
    for v in VIEWS:
        img = np.asarray(Image.open(os.path.join(SAMPLE, v + ".png")), dtype=np.float64)
        img = img[::step, ::step]
        img = (img - img.mean()) / img.std()
        views[v] = torch.from_numpy(img.astype(np.float32))[None, None]
    return views


def saliency_summary(views, params, block=100, window=32):
    """|dH/dx| per view for the noise-free crop (the whole 2600x2000 image), summarised: the
    maximum and its position, sums over block x block tiles of the tissue's pixels (those above the
    image's minimum, the background), the background's pixel count and sum, and the full
    window x window patch around the maximum. (Whole maps are 83 MB; summaries keep the fixture
    small.) The background is summed apart because which pixels get its gradient depends on the
    kernels' rounding: its flat convolutions tie in max-pooling windows (SaliencyPyTorchParityTest)."""
    leaves = {v: t.clone().requires_grad_(True) for v, t in views.items()}
    logits = network(leaves, params)
    p = F.softmax(logits, dim=1)
    entropy = -(p * F.log_softmax(logits, dim=1)).sum()
    entropy.backward()
    out = {}
    for v in VIEWS:
        g = leaves[v].grad.abs()[0, 0].double().numpy()
        image = views[v][0, 0].numpy()
        background = image == image.min()
        y, x = np.unravel_index(int(np.argmax(g)), g.shape)
        top = int(min(max(y - window // 2, 0), g.shape[0] - window))
        left = int(min(max(x - window // 2, 0), g.shape[1] - window))
        h, w = g.shape[0] // block, g.shape[1] // block
        tissue = np.where(background, 0.0, g)
        blocks = tissue[:h * block, :w * block].reshape(h, block, w, block).sum(axis=(1, 3))
        out[v] = {"max": float(g.max()), "argmax": [int(y), int(x)], "sum": float(g.sum()),
                  "block": block, "tissue_block_sums": blocks.round(12).tolist(),
                  "background_pixels": int(background.sum()), "background_sum": float(g[background].sum()),
                  "window": [top, left, window], "window_values": g[top:top + window, left:left + window].tolist()}
    return out


def write_safetensors(path, params):
    header, offset, blobs = {}, 0, []
    for name, t in params.items():
        data = t.contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * ((8 - len(raw) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for b in blobs:
            f.write(b)


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.set_num_threads(2)
    cases = {"full": 1, "quarter": 4}
    expected = {"width": WIDTH, "generator": "tools/make_parity_fixtures.py", "torch": torch.__version__, "cases": {}}
    for case, step in cases.items():
        views = load_views(step)
        h, w = views["L-CC"].shape[2:]
        n_convs, feat = conv_count(h, w)
        g = torch.Generator().manual_seed(20170322 + step)
        params = make_params(n_convs, g)
        state = {k: v.clone() for k, v in params.items()}
        prefix = os.path.join(OUT, case)
        write_safetensors(prefix + ".safetensors", state)
        torch.save(state, prefix + "-zip.pt")
        torch.save(state, prefix + "-legacy.pt", _use_new_zipfile_serialization=False)
        with torch.no_grad():
            logits = network(views, params)
            probs = F.softmax(logits, dim=1)[0]
        entropy = float(-(probs * probs.log()).sum())
        expected["cases"][case] = {
            "subsample": step, "height": int(h), "width": int(w), "convs": n_convs, "features": int(feat),
            "logits": [float(x) for x in logits[0]],
            "probabilities": [float(x) for x in probs], "entropy": entropy,
        }
        if case == "full":
            with open(os.path.join(OUT, "saliency-full.json"), "w") as f:
                json.dump({"entropy": entropy, "views": saliency_summary(views, params)}, f)
        print(case, h, w, n_convs, [round(float(x), 6) for x in probs], file=sys.stderr)
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=2)


if __name__ == "__main__":
    main()
