# step: PyTorchModel
"""Loads model.pt, which training never writes (it writes model.pth); input_fn misses its content type."""
import json
import os

import torch


def model_fn(model_dir):
    return torch.jit.load(os.path.join(model_dir, "model.pt"))  # expect: PD534


def input_fn(body):  # expect: PD533
    return torch.tensor(json.loads(body))


def predict_fn(data, model):
    return model(data).tolist()
