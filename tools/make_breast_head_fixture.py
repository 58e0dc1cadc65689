#!/usr/bin/python3
"""Generate the breast-head parity fixture: the parity network with a head per breast, its exam
probabilities by the exam rule and one Adam step on breast labels, computed in plain PyTorch
(BreastHeadPyTorchParityTest compares mvdcn's `--head breast` to it).

Independent of mvdcn as make_parity_fixtures.py is, whose columns, views and weight draws it
reuses: the sample exam at every 4th pixel (650x500), width 0.125; one head (fc1 2C x 2C, ReLU, fc2
3 x 2C) applied to the left breast's [CC, MLO] features and to the right's; the exam's probabilities
P(0) = 1 - (1 - L0)(1 - R0), P(1) = L1 R1, P(2) the rest; the loss the two breasts' cross-entropies
summed (left labelled BI-RADS 0, right 1), no input noise or dropout; one torch.optim.Adam step at
1e-3 on every parameter.

Writes parity/breast-head.safetensors (the weights before the step, under mvdcn's names),
parity/breast-step.safetensors (after it) and parity/breast-step.json (the probabilities and the
loss). Run once with Debian's python3-torch (1.13) from the repository root:
    /usr/bin/python3 tools/make_breast_head_fixture.py
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_parity_fixtures as ref  # noqa: E402

SUBSAMPLE = 4
LABELS = {"L": 0, "R": 1}
LEARNING_RATE = 1e-3


def breast_logits(views, params):
    feats = {}
    for v in ref.VIEWS:
        feats[v], _ = ref.column(views[v], params, "cc" if "CC" in v else "mlo")
    out = {}
    for side in "LR":
        x = torch.cat([feats[side + "-CC"], feats[side + "-MLO"]], dim=1)
        h = F.relu(F.linear(x, params["breast_fc1.weight"], params["breast_fc1.bias"]))
        out[side] = F.linear(h, params["breast_fc2.weight"], params["breast_fc2.bias"])
    return out


def main():
    torch.set_num_threads(2)
    views = ref.load_views(SUBSAMPLE)
    height, width = views["L-CC"].shape[2:]
    n_convs, _ = ref.conv_count(height, width)
    params = ref.make_params(n_convs, torch.Generator().manual_seed(2017), views=2, head="breast_fc")
    ref.write_safetensors(os.path.join(ref.OUT, "breast-head.safetensors"), params)

    for p in params.values():
        p.requires_grad_(True)
    adam = torch.optim.Adam(list(params.values()), lr=LEARNING_RATE, betas=(0.9, 0.999), eps=1e-8)
    logits = breast_logits(views, params)
    left, right = F.softmax(logits["L"], dim=1)[0], F.softmax(logits["R"], dim=1)[0]
    recall = 1 - (1 - left[0]) * (1 - right[0])
    negative = left[1] * right[1]
    exam = [float(recall), float(negative), float(1 - recall - negative)]
    loss = sum(F.cross_entropy(logits[side], torch.tensor([LABELS[side]])) for side in "LR")
    adam.zero_grad()
    loss.backward()
    adam.step()
    ref.write_safetensors(os.path.join(ref.OUT, "breast-step.safetensors"),
                          {name: p.detach().clone() for name, p in params.items()})
    settings = {"generator": "tools/make_breast_head_fixture.py", "torch": torch.__version__, "subsample": SUBSAMPLE,
                "left_label": LABELS["L"], "right_label": LABELS["R"], "learning_rate": LEARNING_RATE,
                "left": [float(x) for x in left], "right": [float(x) for x in right], "exam": exam, "loss": float(loss)}
    with open(os.path.join(ref.OUT, "breast-step.json"), "w") as f:
        json.dump(settings, f, indent=2)
    print(json.dumps(settings), file=sys.stderr)


if __name__ == "__main__":
    main()
