# step: PyTorchTraining
# config: {"hyperparameters": {"epochs": 2}, "metricDefinitions": []}
# expect-file: PD503
"""A typo in the data channel's path: the job would find no data."""
import argparse
from pathlib import Path

import torch
from torch import nn

DATA = Path("/opt/ml/input/data/dta")  # expect: PD502
MODEL_DIR = Path("/opt/ml/model")


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = nn.Linear(3, 1)

    def forward(self, x):
        return self.layer(x)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=1)
    args, _ = parser.parse_known_args()
    x = torch.load(DATA / "train.pt")
    model = Model()
    optimizer = torch.optim.Adam(model.parameters())
    loss_fn = nn.L1Loss()
    for _ in range(args.epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(x), x[:, :1])
        loss.backward()
        optimizer.step()
    torch.save(model, MODEL_DIR / "model.pth")
