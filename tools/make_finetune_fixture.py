#!/usr/bin/python3
"""Generate the fine-tuning parity fixture: one Adam step of the parity network with its first
layers frozen, computed in plain PyTorch (FineTuningPyTorchParityTest compares mvdcn's step to it).

Independent of mvdcn as make_parity_fixtures.py is, whose network, views and weights it reuses:
the weights are parity/quarter-legacy.pt (the released model's format); the batch is the sample
exam at every 4th pixel (650x500), labelled BI-RADS 1, with neither input noise nor dropout; conv1,
conv2a, conv2b and conv2c (--freeze conv1..conv2) get requires_grad=False and stay out of the
optimiser, every other parameter takes one torch.optim.Adam step at learning rate 1e-3.

Writes parity/finetune-step.safetensors (every parameter after the step, and as adam.m.NAME the
first moment of each trained one: 0.1 x its gradient) and parity/finetune-step.json (the settings
and the loss). Run once with Debian's python3-torch (1.13) from the repository root:
    /usr/bin/python3 tools/make_finetune_fixture.py
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_parity_fixtures as ref  # noqa: E402

WEIGHTS = "quarter-legacy.pt"
SUBSAMPLE = 4
LABEL = 1
LEARNING_RATE = 1e-3
FROZEN = 4  # conv1, conv2a, conv2b, conv2c: the first four entries of _conv_layer_ls


def frozen(name):
    parts = name.split(".")
    return parts[0] == "_conv_layer_ls" and int(parts[1]) < FROZEN


def main():
    torch.set_num_threads(2)
    params = torch.load(os.path.join(ref.OUT, WEIGHTS))
    for name, p in params.items():
        p.requires_grad_(not frozen(name))
    trained = [p for p in params.values() if p.requires_grad]
    adam = torch.optim.Adam(trained, lr=LEARNING_RATE, betas=(0.9, 0.999), eps=1e-8)
    logits = ref.network(ref.load_views(SUBSAMPLE), params)
    loss = F.cross_entropy(logits, torch.tensor([LABEL]))
    adam.zero_grad()
    loss.backward()
    adam.step()
    out = {name: p.detach().clone() for name, p in params.items()}
    for name, p in params.items():
        if p.requires_grad:
            out["adam.m." + name] = adam.state[p]["exp_avg"].clone()
    ref.write_safetensors(os.path.join(ref.OUT, "finetune-step.safetensors"), out)
    settings = {"generator": "tools/make_finetune_fixture.py", "torch": torch.__version__, "weights": WEIGHTS,
                "subsample": SUBSAMPLE, "label": LABEL, "learning_rate": LEARNING_RATE, "freeze": "conv1..conv2",
                "loss": float(loss)}
    with open(os.path.join(ref.OUT, "finetune-step.json"), "w") as f:
        json.dump(settings, f, indent=2)
    print("loss", float(loss), "trained", len(trained), "of", len(params), file=sys.stderr)


if __name__ == "__main__":
    main()
