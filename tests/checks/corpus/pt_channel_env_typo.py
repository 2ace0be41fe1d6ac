# step: PyTorchTraining
# config: {"hyperparameters": {}, "metricDefinitions": []}
# expect-file: PD503
"""SM_CHANNEL_TRAINING is not set: the step's only channel is data."""
import os

import torch
from torch import nn

TRAIN_DIR = os.environ["SM_CHANNEL_TRAINING"]  # expect: PD508
MODEL_DIR = os.environ.get("SM_MODEL_DIR", "/opt/ml/model")


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 1)

    def forward(self, x):
        return self.fc(x)


x = torch.load(os.path.join(TRAIN_DIR, "x.pt"))
model = Model()
optimizer = torch.optim.Adam(model.parameters())
for epoch in range(10):
    optimizer.zero_grad()
    loss = nn.MSELoss()(model(x), x[:, :1])
    loss.backward()
    optimizer.step()
torch.save(model.state_dict(), os.path.join(MODEL_DIR, "model.pth"))
