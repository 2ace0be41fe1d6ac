# step: PyTorchTraining
# config: {"hyperparameters": {}}
# expect-file: PD531 PD531 PD531
"""Prints "train loss: x" while the default metric regexes expect train_loss=x."""
import torch
from torch import nn

MODEL_DIR = "/opt/ml/model"


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 1)

    def forward(self, x):
        return self.fc(x)


x = torch.load("/opt/ml/input/data/data/train/x.pt")
model = Model()
optimizer = torch.optim.Adam(model.parameters())
for epoch in range(10):
    optimizer.zero_grad()
    loss = nn.BCEWithLogitsLoss()(model(x), x[:, :1])
    loss.backward()
    optimizer.step()
    print(f"epoch {epoch}: train loss: {loss.item():.4f}")
    print(f"val_loss={loss.item():.4f}")
torch.save(model.state_dict(), f"{MODEL_DIR}/model.pth")
