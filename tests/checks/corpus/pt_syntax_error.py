# step: PyTorchTraining
# config: {"hyperparameters": {}, "metricDefinitions": []}
"""A missing closing parenthesis: SageMaker would fail before training starts."""
import torch
from torch import nn


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 1)

    def forward(self, x):
        return self.fc(x)


x = torch.load("/opt/ml/input/data/data/x.pt")
model = Model()
optimizer = torch.optim.Adam(model.parameters()  # expect: PD501
for epoch in range(3):
    optimizer.zero_grad()
    loss = nn.MSELoss()(model(x), x[:, :1])
    loss.backward()
    optimizer.step()
torch.save(model.state_dict(), "/opt/ml/model/model.pth")
