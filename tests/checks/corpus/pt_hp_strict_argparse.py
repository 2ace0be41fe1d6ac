# step: PyTorchTraining
# config: {"hyperparameters": {"epochs": 3, "learning_rate": 0.01}, "metricDefinitions": []}
# expect-file: PD522
"""parse_args() refuses --epochs, which the step sets; --dropout is required but not set."""
import argparse

import torch
from torch import nn

parser = argparse.ArgumentParser()
parser.add_argument("--learning_rate", type=float, default=0.1)
parser.add_argument("--num_epochs", type=int, default=1)
parser.add_argument("--dropout", type=float, required=True)  # expect: PD521
args = parser.parse_args()


class Model(nn.Module):
    def __init__(self, dropout):
        super().__init__()
        self.layers = nn.Sequential(nn.Dropout(dropout), nn.Linear(4, 1))

    def forward(self, x):
        return self.layers(x)


x = torch.load("/opt/ml/input/data/data/train/x.pt")
model = Model(args.dropout)
optimizer = torch.optim.SGD(model.parameters(), lr=args.learning_rate)
for epoch in range(args.num_epochs):
    optimizer.zero_grad()
    loss = nn.MSELoss()(model(x), x[:, :1])
    loss.backward()
    optimizer.step()
torch.save(model.state_dict(), "/opt/ml/model/model.pth")
