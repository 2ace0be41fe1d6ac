# step: PyTorchTraining
# config: {"hyperparameters": {"epochs": 5}, "metricDefinitions": [{"name": "Train Loss", "regex": "train_loss=([0-9\\.]+)"}]}
# expect-file: PD511 PD512 PD513 PD514
"""Weights as bare tensors updated by hand: no nn.Module, no optimizer, no loss function, no step()."""
import argparse

import torch

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=10)
args, _ = parser.parse_known_args()

x = torch.load("/opt/ml/input/data/data/x.pt")  # expect: PD541
y = torch.load("/opt/ml/input/data/data/y.pt")  # expect: PD541
w = torch.zeros(x.shape[1], requires_grad=True)
for epoch in range(args.epochs):
    loss = ((x @ w - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        w -= 0.01 * w.grad
        w.grad.zero_()
    print(f"train_loss={loss.item():.4f}")
torch.save(w, "/opt/ml/model/weights.pt")
