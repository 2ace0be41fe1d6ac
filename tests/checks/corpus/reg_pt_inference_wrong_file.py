# step: PyTorchRegisterModel
"""A registered model's handlers load model.pt; the training script writes model.pth."""
import json
import os

import torch


def model_fn(model_dir):
    return torch.jit.load(os.path.join(model_dir, "model.pt"))  # expect: PD534


def input_fn(body, content_type):
    return torch.tensor(json.loads(body))


def predict_fn(data, model):
    return model(data).tolist()
