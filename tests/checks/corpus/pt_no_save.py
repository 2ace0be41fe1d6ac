# step: PyTorchTraining
# config: {"hyperparameters": {}, "metricDefinitions": [{"name": "loss", "regex": "loss ([0-9.]+)"}]}
# expect-file: PD517
"""Trains but never saves: the model directory stays empty."""
import os

import torch
from torch import nn

DATA_DIR = os.environ["SM_CHANNEL_DATA"]
MODEL_DIR = os.environ["SM_MODEL_DIR"]


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 1)

    def forward(self, x):
        return self.fc(x)


def main():
    x = torch.load(os.path.join(DATA_DIR, "x.pt"))
    model = Tiny()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    criterion = nn.MSELoss()
    step = 0
    while step < 100:
        optimizer.zero_grad()
        loss = criterion(model(x), x[:, :1])
        loss.backward()
        optimizer.step()
        step += 1
        print("loss", loss.item())
    print(f"would save to {MODEL_DIR}")


main()
