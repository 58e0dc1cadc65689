#!/usr/bin/python3
"""The PyTorch side of the benchmark: the same network (SPEC section 1, written as the reference's
layers compute it: conv -> ReLU -> pool) in plain PyTorch, on the same exam, with the same thread
count; times the forward pass, the saliency pass (entropy backpropagated to the inputs, weights
not requiring gradients), or a training step (batch of 4 exams, noise, dropout, cross-entropy,
Adam). Prints one JSON line.
LAYOUT channels_last is how a speed-minded user runs it, as PyTorch's channels-last tutorial says:
weights and inputs converted with .to(memory_format=torch.channels_last) (oneDNN's NHWC kernels, no
reorders between layers) and the forward under torch.inference_mode(); nchw (the default) is
PyTorch's default layout under torch.no_grad(); channels_last_bf16 is channels_last under
torch.autocast("cpu", dtype=torch.bfloat16), PyTorch's own bf16 path (real bf16 tensors on AMX).
Every 4-D tensor of a channels-last run is checked to be channels-last strided before timing:
.contiguous(memory_format=...) leaves a 1-channel tensor (conv1's weight, the images) as it was,
since it already counts as contiguous in both layouts, and PyTorch then picks the NCHW kernel for
conv1 and the whole column (the handicap that the earlier figures carried, issue 29).
Usage: pytorch_forward.py EXAM_DIR REPEATS THREADS [forward|saliency|train] [nchw|channels_last|channels_last_bf16]"""
import contextlib
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
import make_parity_fixtures as ref  # noqa: E402


def peak_rss_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def channels_last_strides(t):
    """The strides of a (N, C, H, W) tensor stored channels last: C fastest, then W, then H."""
    n, c, h, w = t.shape
    return (h * w * c, 1, w * c, c)


def require_channels_last(named):
    """Refuses to time a peer whose 4-D tensors are not truly channels-last strided."""
    wrong = [f"{k} {tuple(t.shape)} strides {t.stride()}" for k, t in named.items()
             if t.dim() == 4 and t.stride() != channels_last_strides(t)]
    if wrong:
        sys.exit("not channels-last strided: " + "; ".join(wrong))


def main():
    exam, repeats, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    mode = sys.argv[4] if len(sys.argv) > 4 else "forward"
    layout = sys.argv[5] if len(sys.argv) > 5 else "nchw"
    channels_last = layout.startswith("channels_last")
    bf16 = layout == "channels_last_bf16"
    torch.set_num_threads(threads)
    ref.SAMPLE = exam
    views = ref.load_views(1)
    h, w = views["L-CC"].shape[2:]
    n_convs, _ = ref.conv_count(h, w, 1.0)
    params = ref.make_params(n_convs, torch.Generator().manual_seed(2017), 1.0)
    if channels_last:
        views = {v: t.to(memory_format=torch.channels_last) for v, t in views.items()}
        params = {k: p.to(memory_format=torch.channels_last) if p.dim() == 4 else p for k, p in params.items()}
        require_channels_last({**views, **params})
    autocast = torch.autocast("cpu", dtype=torch.bfloat16) if bf16 else contextlib.nullcontext()

    def forward():
        with torch.inference_mode() if channels_last else torch.no_grad(), autocast:
            torch.softmax(ref.network(views, params), dim=1)

    def saliency_pass():
        leaves = {v: t.clone().requires_grad_(True) for v, t in views.items()}
        if channels_last:
            require_channels_last(leaves)
        with autocast:
            logits = ref.network(leaves, params)
        entropy = -(torch.softmax(logits, 1) * torch.log_softmax(logits, 1)).sum()
        entropy.backward()
        return [leaves[v].grad.abs() for v in ref.VIEWS]

    batch = {v: t.repeat(4, 1, 1, 1) for v, t in views.items()}
    if channels_last:
        batch = {v: t.to(memory_format=torch.channels_last) for v, t in batch.items()}
        require_channels_last(batch)
    labels = torch.tensor([0, 1, 2, 1])
    weights = [p.requires_grad_(True) for p in params.values()]
    optimiser = torch.optim.Adam(weights, lr=1e-5)

    def train_step():
        optimiser.zero_grad()
        with autocast:
            loss = F.cross_entropy(ref.network(batch, params, dropout=0.2, noise=0.01), labels)
        loss.backward()
        optimiser.step()

    if mode != "train":
        for p in weights:
            p.requires_grad_(False)
    run = {"forward": forward, "saliency": saliency_pass, "train": train_step}[mode]
    t = time.perf_counter()
    run()
    first = time.perf_counter() - t
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        run()
        times.append(time.perf_counter() - t)
    impl = "pytorch channels_last autocast bf16" if bf16 else "pytorch channels_last" if channels_last else "pytorch"
    print(json.dumps({"impl": impl, "engine": "PyTorch " + torch.__version__, "first": first,
                      "times": sorted(times), "peak_rss_mib": round(peak_rss_mib())}))


if __name__ == "__main__":
    main()
