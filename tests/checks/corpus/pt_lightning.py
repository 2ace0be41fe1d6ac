# step: PyTorchTraining
# config: {"hyperparameters": {"max_epochs": 4}, "metricDefinitions": [{"name": "Train Loss", "regex": "train_loss=([0-9\\.]+)"}]}
"""PyTorch Lightning: the Trainer runs the loop, the backward pass and the optimizer."""
import argparse
import os

import lightning as L
import torch
from torch import nn


class Classifier(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)
        self.loss = nn.CrossEntropyLoss()

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = self.loss(self.fc(x), y)
        print(f"train_loss={loss.item():.4f}")
        return loss

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=1e-3)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--max_epochs", type=int, default=1)
    args, _ = parser.parse_known_args()
    data = torch.load(os.path.join(os.environ["SM_CHANNEL_DATA"], "train.pt"))
    loader = torch.utils.data.DataLoader(data, batch_size=32)
    trainer = L.Trainer(max_epochs=args.max_epochs)
    trainer.fit(Classifier(), loader)
    trainer.save_checkpoint(os.path.join(os.environ["SM_MODEL_DIR"], "model.ckpt"))
