# step: PyTorchTraining
# config: {"hyperparameters": {"learning_rate": 0.01, "epochs": 3, "hidden": 16}}
"""A small regression model on the data channel, hyperparameters as argparse options."""
import argparse
import os

import pandas as pd
import torch
from torch import nn

DATA_DIR = os.environ.get("SM_CHANNEL_DATA", "/opt/ml/input/data/data")
MODEL_DIR = os.environ.get("SM_MODEL_DIR", "/opt/ml/model")


class Regressor(nn.Module):
    def __init__(self, features, hidden):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(features, hidden), nn.ReLU(), nn.Linear(hidden, 1))

    def forward(self, x):
        return self.net(x).squeeze(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--learning_rate", type=float, default=0.001)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--hidden", type=int, default=32)
    args, _ = parser.parse_known_args()
    frame = pd.read_csv(os.path.join(DATA_DIR, "train", "train.csv"))
    x = torch.tensor(frame.drop(columns=["target"]).values, dtype=torch.float32)
    y = torch.tensor(frame["target"].values, dtype=torch.float32)
    model = Regressor(x.shape[1], args.hidden)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.learning_rate)
    loss_fn = nn.MSELoss()
    for epoch in range(args.epochs):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        print(f"epoch={epoch} train_loss={loss.item():.5f}")
        print("val_loss=%.4f" % loss.item())
        print("val/f1_score={:.4f}".format(0.0))
        print("val/auroc=" + str(0.5))
    torch.save(model.state_dict(), os.path.join(MODEL_DIR, "model.pth"))


if __name__ == "__main__":
    main()
