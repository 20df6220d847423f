"""Sentences to vectors of their meaning: all-MiniLM-L6-v2, run with numpy.

Words an agent types and words an article uses often differ ("make the dashboard black"
for dark mode, "get the numbers into a spreadsheet" for a CSV export): no spelling rule
or synonym list bridges them. A sentence encoder does: texts that mean the same lie close
together. This one is the sentence-transformers model all-MiniLM-L6-v2 (Apache-2.0; six
layers, 384 dimensions, English), whose weights packaging/meaning_model.py wrote into
model/ as float16. It runs here in numpy, so the app needs no torch and no
onnxruntime: a short query takes about 4 ms on one core, an article's passage of 150
words about 25 ms. Tokenising is the model's own WordPiece vocabulary, read by the
`tokenizers` library (the reference implementation; a hand-written WordPiece would have
to match it to the character).

The vectors match sentence-transformers' own to a cosine of 0.9999 (tests/test_meaning.py
keeps three of its vectors to compare with).
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import zipfile
from pathlib import Path
from typing import BinaryIO

import numpy as np
from tokenizers import Tokenizer

from kb_app.meaning import DIMENSIONS, npyfile

MODEL_DIR = Path(__file__).resolve().parent / "model"
MAX_TOKENS = 256  # the model was trained on at most this many
HEADS = 12
LAYERS = 6
_EPS = 1e-12
_SCALE = 1.0 / math.sqrt(DIMENSIONS // HEADS)
BATCH_TOKENS = 4096  # tokens per batch: big enough to keep the products efficient


class SentenceEncoder:
    """Loaded once per process; thread-safe to call. `widened`: a folder where the
    layers' weights are kept widened to float32 for the next process to map (a
    rebuildable cache: 43 MB; without it every process widens them, 30 ms)."""

    def __init__(self, model_dir: Path = MODEL_DIR, widened: Path | None = None) -> None:
        weights_file = model_dir / "weights.npz"
        weights = read_weights(weights_file)
        # The word table stays float16 and mapped (23 MB): only the rows a text uses
        # are read and widened.
        self._word = weights.pop("word")
        self._w = widened_weights(weights, weights_file, widened)
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(MAX_TOKENS)

    def encode(self, texts: list[str]) -> np.ndarray:
        """One unit-length float32 row per text, in order (mean of the last layer over
        the text's tokens, as sentence-transformers pools this model)."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        ids = [e.ids for e in self._tokenizer.encode_batch(texts)]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))  # like with like
        start = 0
        while start < len(order):
            longest = len(ids[order[start]])
            end = start + 1
            while end < len(order):
                longest = max(longest, len(ids[order[end]]))
                if longest * (end + 1 - start) > BATCH_TOKENS:
                    break
                end += 1
            batch = order[start:end]
            out[batch] = self._forward([ids[i] for i in batch])
            start = end
        return out

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        w = self._w
        longest = max(len(row) for row in batch)
        ids = np.zeros((len(batch), longest), dtype=np.int64)
        mask = np.zeros((len(batch), longest), dtype=np.float32)
        for n, row in enumerate(batch):
            ids[n, :len(row)] = row
            mask[n, :len(row)] = 1.0
        b, t = ids.shape
        head = DIMENSIONS // HEADS
        x: np.ndarray = (self._word[ids].astype(np.float32) + w["position"][:longest]
             + w["token_type"]).reshape(b * t, DIMENSIONS)  # 2-D: one product per layer
        x = _layer_norm(x, w["ln_g"], w["ln_b"])
        # padding is never attended to
        hidden = (1.0 - mask)[:, None, None, :] * np.float32(-1e9)
        for n in range(LAYERS):
            qkv = x @ w[f"{n}.qkv_w"]
            qkv += w[f"{n}.qkv_b"]
            parts = qkv.reshape(b, t, 3, HEADS, head)
            # each laid out for its product: numpy multiplies a transposed view of k
            # three times slower than a copy laid out as k transposed
            q = np.ascontiguousarray(parts[:, :, 0].transpose(0, 2, 1, 3))
            k_t = np.ascontiguousarray(parts[:, :, 1].transpose(0, 2, 3, 1))
            v = np.ascontiguousarray(parts[:, :, 2].transpose(0, 2, 1, 3))
            scores = q @ k_t
            scores *= np.float32(_SCALE)
            scores += hidden
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(b * t, DIMENSIONS)
            attended = context @ w[f"{n}.out_w"]
            attended += w[f"{n}.out_b"]
            attended += x
            x = _layer_norm(attended, w[f"{n}.ln1_g"], w[f"{n}.ln1_b"])
            up = x @ w[f"{n}.up_w"]
            up += w[f"{n}.up_b"]
            _gelu(up)
            down = up @ w[f"{n}.down_w"]
            down += w[f"{n}.down_b"]
            down += x
            x = _layer_norm(down, w[f"{n}.ln2_g"], w[f"{n}.ln2_b"])
        x = x.reshape(b, t, DIMENSIONS)
        pooled = (x * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: np.ndarray = (pooled / np.maximum(norms, _EPS)).astype(np.float32)
        return unit


def widened_weights(weights: dict[str, np.ndarray], source: Path, folder: Path | None
                    ) -> dict[str, np.ndarray]:
    """`weights` as float32: mapped from `folder`'s copy made for `source` (known by its
    members' checksums, which the archive holds, and shapes: the same model installed
    twice shares one copy), else widened here and the copy written for the next
    process, the copies of other models removed. A copy that is missing, cut short or
    another model's is made again; a folder that cannot be written leaves them widened
    in memory."""
    names = sorted(weights)
    total = sum(weights[name].size for name in names)
    copy = None
    if folder is not None:
        with contextlib.suppress(OSError, zipfile.BadZipFile):
            with zipfile.ZipFile(source) as archive:
                sums = ";".join(f"{i.filename}:{i.CRC}" for i in archive.infolist())
            shapes = ";".join(f"{n}{weights[n].shape}" for n in names)
            key = hashlib.blake2b(f"{sums}|{shapes}".encode(), digest_size=8).hexdigest()
            copy = folder / f"widened-{key}.npy"
    flat: np.ndarray | None = None
    if copy is not None:
        with contextlib.suppress(OSError, ValueError):
            flat = np.load(copy, mmap_mode="r", allow_pickle=False)
        if flat is not None and (flat.dtype != np.float32 or flat.shape != (total,)):
            flat = None
    if flat is None:
        flat = np.concatenate([weights[name].astype(np.float32).ravel() for name in names])
        if copy is not None:
            with contextlib.suppress(OSError):
                copy.parent.mkdir(parents=True, exist_ok=True)
                npyfile.write(copy, flat.dtype, total, [flat.tobytes()])
                for other in copy.parent.glob("widened-*.npy"):
                    if other != copy:
                        other.unlink()  # another model's (an older version's): 43 MB
    found: dict[str, np.ndarray] = {}
    at = 0
    for name in names:
        size = weights[name].size
        found[name] = flat[at:at + size].reshape(weights[name].shape)
        at += size
    return found


def read_weights(path: Path) -> dict[str, np.ndarray]:
    """The arrays of an .npz file, memory-mapped where they are stored uncompressed (as
    packaging/meaning_model.py writes them): `np.load` copies every member through
    Python's zip reader and checks its CRC, 40 ms of a cold `kb search`'s time, holding
    Python's lock for most of it. A compressed or unexpected member is read as np.load
    reads it."""
    found: dict[str, np.ndarray] = {}
    mapped = np.memmap(path, dtype=np.uint8, mode="r")
    with zipfile.ZipFile(path) as archive, open(path, "rb") as raw:
        for info in archive.infolist():
            name = info.filename.removesuffix(".npy")
            array = None
            if info.compress_type == zipfile.ZIP_STORED:
                raw.seek(info.header_offset)
                local = raw.read(30)
                if local[:4] == b"PK\x03\x04":
                    start = (info.header_offset + 30 + int.from_bytes(local[26:28], "little")
                             + int.from_bytes(local[28:30], "little"))
                    array = _mapped_npy(raw, mapped, start, info.file_size)
            if array is None:
                with archive.open(info) as member:
                    array = np.lib.format.read_array(member, allow_pickle=False)
            found[name] = array
    return found


def _mapped_npy(raw: BinaryIO, mapped: np.ndarray, start: int, size: int
                ) -> np.ndarray | None:
    """The .npy stored at `start` in the file, as a view of `mapped`; None if it is not
    one that can be viewed (object arrays, Fortran order, cut short)."""
    raw.seek(start)
    try:
        shape, fortran, dtype = npyfile.read_header(raw)
    except ValueError:
        return None
    offset = raw.tell()
    length = int(np.prod(shape)) * dtype.itemsize
    if fortran or dtype.hasobject or offset + length > start + size:
        return None
    view: np.ndarray = mapped[offset:offset + length].view(dtype).reshape(shape)
    return view


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    normal: np.ndarray = centred / np.sqrt(variance + np.float32(_EPS)) * gain + bias
    return normal


_TANH_SCALE = np.float32(math.sqrt(2.0 / math.pi))
_CUBIC = np.float32(0.044715)


def _gelu(x: np.ndarray) -> None:
    """GELU in place, as its tanh form: x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))).
    The model was trained with the erf form, which numpy lacks; the two differ by at
    most 5e-4 here, and the vectors by a cosine below 1e-5 (the reference test). The erf
    series written in numpy took 30 times longer (exp of large negatives underflows to
    slow subnormal floats), a fifth of an encoding's time."""
    u = x * x
    u *= _CUBIC
    u += np.float32(1.0)
    u *= x
    u *= _TANH_SCALE
    np.tanh(u, out=u)
    u += np.float32(1.0)
    u *= np.float32(0.5)
    x *= u
