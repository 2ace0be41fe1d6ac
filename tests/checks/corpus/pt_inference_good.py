# step: PyTorchModel
"""Serving handlers for the example's tabular classifier (model.pth + model_config.json)."""
import json
import os

import torch


def model_fn(model_dir):
    with open(os.path.join(model_dir, "model_config.json")) as f:
        config = json.load(f)
    model = torch.jit.load(os.path.join(model_dir, "model.pth"), map_location="cpu")
    return {"model": model.eval(), "config": config}


def input_fn(body, content_type):
    return torch.tensor(json.loads(body)["instances"], dtype=torch.float32)


def predict_fn(data, artifacts):
    with torch.no_grad():
        return torch.sigmoid(artifacts["model"](data)).tolist()


def output_fn(prediction, accept):
    return json.dumps({"predictions": prediction})
