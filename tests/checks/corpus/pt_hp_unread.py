# step: PyTorchTraining
# config: {"hyperparameters": {"epochs": 3, "batch_size": 16, "learnig_rate": 0.01}, "metricDefinitions": []}
# expect-file: PD522 PD522
"""Known-args parsing: batch_size and a misspelt learnig_rate are set but never read."""
import argparse

import torch
from torch import nn

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=1)
parser.add_argument("--learning_rate", type=float, default=0.01)
args, unknown = parser.parse_known_args()


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 1)

    def forward(self, x):
        return self.fc(x)


x = torch.load("/opt/ml/input/data/data/train/x.pt")
model = Model()
optimizer = torch.optim.SGD(model.parameters(), lr=args.learning_rate)
for epoch in range(args.epochs):
    optimizer.zero_grad()
    loss = nn.MSELoss()(model(x), x[:, :1])
    loss.backward()
    optimizer.step()
torch.save(model.state_dict(), "/opt/ml/model/model.pth")
