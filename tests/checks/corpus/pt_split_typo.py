# step: PyTorchTraining
# config: {"hyperparameters": {"epochs": 2}, "metricDefinitions": [{"name": "Train Loss", "regex": "train_loss=([0-9\\.]+)"}]}
"""Reads the "training" split, which the preprocessing never writes (it writes train/)."""
import argparse
import os

import pandas as pd
import torch
from torch import nn

DATA = "/opt/ml/input/data/data"
parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=1)
args, _ = parser.parse_known_args()


class Net(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.linear = nn.Linear(width, 1)

    def forward(self, x):
        return self.linear(x)


frame = pd.read_csv(os.path.join(DATA, "training", "train_processed_data.csv"))  # expect: PD541
x = torch.tensor(frame.drop(columns=["target"]).values).float()
y = torch.tensor(frame["target"].values).float().unsqueeze(1)
model = Net(x.shape[1])
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
loss_fn = nn.BCEWithLogitsLoss()
for epoch in range(args.epochs):
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    print(f"train_loss={loss.item():.4f}")
torch.save(model.state_dict(), os.path.join(os.environ.get("SM_MODEL_DIR", "/opt/ml/model"), "model.pth"))
