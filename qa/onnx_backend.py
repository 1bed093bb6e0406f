"""The ONNX backends of qa/embedding.py: a one-time export of the bundled model to a local cache, and its runner.

``onnx_model_path`` exports transformer + mean pooling + L2 normalisation with ``torch.onnx`` (TorchScript
exporter) to ``$QA_CACHE/onnx/<model>-<key>/model.onnx`` and, for int8, quantises it with
``onnxruntime.quantization.quantize_dynamic`` (``INT8_OPTIONS``) to ``model-int8-<recipe>.onnx``. The key
changes when the model files or the export recipe (EXPORT_VERSION) change; ``<recipe>`` (``int8_recipe()``)
changes with the quantisation options, so a file made with other options is never reused. ``OnnxEncoder``
runs a cached file with ONNX Runtime and the model's ``tokenizer.json``: no torch import.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from .embedding import MODEL_NAME, BackendUnavailable, bundled_model_path, cache_root

logger = logging.getLogger(__name__)

#: Bump when the export recipe changes, so cached exports are redone.
EXPORT_VERSION = 1
ONNX_EXTRA = "pip install 'qa[onnx]'  (onnxruntime==1.32.0, onnx==1.23.2)"

_LAYER = "/model/encoder/layer.{}/"
_FFN_IN, _FFN_OUT, _VALUE = "intermediate/dense/MatMul", "output/dense/MatMul", "attention/self/value/MatMul"
#: ``quantize_dynamic`` options of the int8 export: int8 weights per output channel, the 36 weight MatMuls
#: only (quantising the embedding Gathers saves file size, not time), and the eight MatMuls whose int8 error
#: moves the sentence vectors most kept in float. How they were chosen (102 corpus sentences, cosine with
#: torch, min over sentences; docs/performance.md): all 36 MatMuls in int8 reach min 0.978 (per-tensor
#: weights 0.905, reduce_range 0.978, QUInt8 weights 0.976; leaving any one layer or kind in float < 0.99),
#: so each MatMul was quantised alone to measure the cosine it costs. The costs add up and concentrate in the
#: feed-forward MatMuls (whose inputs, after GELU, have outliers) and the last layers' attention values;
#: keeping the costliest per unit of compute in float gives min 0.9935, mean 0.998 (>= 0.991 whatever the
#: batch size or mix; texts alone 0.996). `qa bench`: 3.5 ms a query, against 3.1 ms for all-int8, 5.3 ms
#: for float ONNX and 16 ms for torch. One MatMul fewer in float (layer 2's feed-forward output) gave
#: min 0.991 but 0.988 in batches of 128.
INT8_OPTIONS = {
    "per_channel": True,
    "reduce_range": False,
    "weight_type": "QInt8",
    "op_types_to_quantize": ["MatMul"],
    "nodes_to_exclude": [
        _LAYER.format(0) + _FFN_OUT, _LAYER.format(1) + _FFN_OUT, _LAYER.format(2) + _FFN_OUT,
        _LAYER.format(3) + _FFN_IN, _LAYER.format(4) + _FFN_IN,
        _LAYER.format(3) + _VALUE, _LAYER.format(4) + _VALUE, _LAYER.format(5) + _VALUE,
    ],
}


def int8_recipe() -> str:
    """A short digest of ``INT8_OPTIONS``: part of the int8 file name and of the int8 model name in manifests."""
    return hashlib.sha256(json.dumps(INT8_OPTIONS, sort_keys=True).encode()).hexdigest()[:8]


def _require_onnxruntime():
    try:
        import onnxruntime
    except ImportError as exc:
        raise BackendUnavailable(f"the ONNX embedding backends need onnxruntime: {ONNX_EXTRA}") from exc
    return onnxruntime


# --- export (needs torch; done once per model and cache folder) -----------------------------------------


def _model_key(model_dir: Path) -> str:
    """Identifies the model files cheaply (names, sizes, mtimes) plus the export recipe version."""
    parts = [f"v{EXPORT_VERSION}"]
    for path in sorted(p for p in model_dir.rglob("*") if p.is_file()):
        stat = path.stat()
        parts.append(f"{path.relative_to(model_dir)}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


@contextlib.contextmanager
def _file_lock(path: Path):
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _export_fp32(model_dir: Path, dest: Path) -> None:
    """Export transformer + mean pooling + L2 normalisation to one ONNX graph (TorchScript exporter)."""
    import torch
    from sentence_transformers import SentenceTransformer

    transformer = SentenceTransformer(str(model_dir), device="cpu")[0].auto_model.eval()

    class Pooled(torch.nn.Module):
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.model(input_ids=input_ids, attention_mask=attention_mask,
                                token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)  # sentence-transformers' Pooling
            return torch.nn.functional.normalize(mean, p=2, dim=1)  # sentence-transformers' Normalize

    # A padded example, so no all-ones-mask shortcut can be traced into the graph.
    ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]], dtype=torch.long)
    mask = (ids != 0).long()
    dynamic = {name: {0: "batch", 1: "tokens"} for name in ("input_ids", "attention_mask", "token_type_ids")}
    dynamic["embedding"] = {0: "batch"}
    with torch.inference_mode(), warnings.catch_warnings():
        # Tracer warnings about shape checks taken as constants: the graph is checked against torch on padded
        # batches and single texts (tests/test_embedding.py), where it agrees to cosine >= 0.9999.
        warnings.simplefilter("ignore")
        torch.onnx.export(Pooled(transformer), (ids, mask, torch.zeros_like(ids)), str(dest), dynamo=False,
                          input_names=["input_ids", "attention_mask", "token_type_ids"],
                          output_names=["embedding"], dynamic_axes=dynamic, opset_version=17)


def _quantize(src: Path, dest: Path) -> None:
    """Dynamic int8 quantisation with ``INT8_OPTIONS`` (see there for how they were chosen)."""
    try:
        import onnx
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:
        raise BackendUnavailable(f"int8 quantisation needs onnx and onnxruntime: {ONNX_EXTRA}") from exc
    names = {node.name for node in onnx.load(str(src), load_external_data=False).graph.node}
    missing = [name for name in INT8_OPTIONS["nodes_to_exclude"] if name not in names]
    if missing:  # the exporter named the graph's nodes differently: those MatMuls would silently be int8
        raise RuntimeError(f"{src} has no node {missing[0]!r} of INT8_OPTIONS; bump EXPORT_VERSION and update "
                           f"INT8_OPTIONS for this export")
    root = logging.getLogger()
    quiet = _DropMessage("pre-processing before quantization")  # onnxruntime's advice for CNNs, via root logger
    root.addFilter(quiet)
    try:
        options = dict(INT8_OPTIONS, weight_type=QuantType[INT8_OPTIONS["weight_type"]])
        quantize_dynamic(str(src), str(dest), **options)
    finally:
        root.removeFilter(quiet)


class _DropMessage(logging.Filter):
    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def filter(self, record: logging.LogRecord) -> bool:
        return self.text not in record.getMessage()


def onnx_model_path(backend: str, model_dir: Path | None = None, cache_dir: Path | None = None) -> Path:
    """The cached ONNX file for a backend, exporting it first when missing (once; concurrent callers wait).

    Args:
        backend: "onnx" or "onnx-int8".
        model_dir: the sentence-transformers model folder (default: the bundled model; never downloaded).
        cache_dir: where exports live (default: ``cache_root() / "onnx"``).

    Raises:
        BackendUnavailable: onnxruntime (or onnx, for int8) is not installed.
    """
    if backend not in ("onnx", "onnx-int8"):
        raise ValueError(f"no ONNX export for backend {backend!r}")
    _require_onnxruntime()
    model_dir = Path(model_dir) if model_dir else bundled_model_path()
    name = MODEL_NAME.split("/")[-1] if model_dir == bundled_model_path() else model_dir.name
    folder = Path(cache_dir or cache_root() / "onnx") / f"{name}-{_model_key(model_dir)}"
    fp32, int8 = folder / "model.onnx", folder / f"model-int8-{int8_recipe()}.onnx"
    target = fp32 if backend == "onnx" else int8
    if target.exists():
        return target
    with _file_lock(folder / ".lock"):
        for path, make in ((fp32, lambda tmp: _export_fp32(model_dir, tmp)), (int8, lambda tmp: _quantize(fp32, tmp))):
            if path.exists():
                continue
            started = time.perf_counter()
            tmp = path.with_name(f".{path.stem}.tmp.onnx")
            try:
                make(tmp)
                os.replace(tmp, path)
            finally:
                tmp.unlink(missing_ok=True)
            logger.info("exported %s in %.1fs", path, time.perf_counter() - started)
            if path == target:
                break
        for stale in folder.glob("model-int8*.onnx"):  # made with other quantisation options
            if stale != int8:
                stale.unlink(missing_ok=True)
        (folder / "export.json").write_text(json.dumps({"source": str(model_dir), "version": EXPORT_VERSION,
                                                        "int8_recipe": int8_recipe(), "int8_options": INT8_OPTIONS}))
    return target


# --- ONNX Runtime encoder (no torch) --------------------------------------------------------------------


class OnnxEncoder:
    """Runs an exported graph: word pieces from ``tokenizer.json``, batches padded to their longest text."""

    def __init__(self, onnx_path: Path, model_dir: Path, threads: int = 1):
        ort = _require_onnxruntime()
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "sentence_bert_config.json").read_text(encoding="utf-8"))
        self.max_seq_length = int(config["max_seq_length"])
        self.dimension = int(json.loads((model_dir / "config.json").read_text(encoding="utf-8"))["hidden_size"])
        self.counter = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.counter.no_padding()
        self.counter.no_truncation()
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.no_padding()  # tokenizer.json pads to 128: pad per batch instead
        self.tokenizer.enable_truncation(self.max_seq_length)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])

    def count_tokens(self, text: str) -> int:
        return len(self.counter.encode(text).ids)

    def encode(self, texts: list[str], batch_size: int, workers: int = 1) -> np.ndarray:
        """Embed ``texts`` in batches of ``batch_size``, longest first; ``workers`` batches run at the same time
        (ONNX Runtime releases the GIL in ``run``). The batches do not depend on ``workers``."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        order = np.argsort([-len(t) for t in texts], kind="stable")  # like sentence-transformers: longest first
        batches = [order[first: first + batch_size] for first in range(0, len(texts), batch_size)]

        def run(rows: np.ndarray) -> None:
            pieces = self.tokenizer.encode_batch([texts[i] for i in rows])
            width = max(len(p.ids) for p in pieces)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for r, p in enumerate(pieces):
                ids[r, : len(p.ids)] = p.ids
                mask[r, : len(p.ids)] = 1
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            out[rows] = self.session.run(None, feeds)[0]

        if workers <= 1 or len(batches) <= 1:
            for rows in batches:
                run(rows)
            return out
        with ThreadPoolExecutor(max_workers=min(workers, len(batches)), thread_name_prefix="qa-onnx") as pool:
            futures = [pool.submit(run, rows) for rows in batches]
            try:
                for done in futures:
                    done.result()  # raises the first batch's error
            except BaseException:  # an error or Ctrl-C: the batches not started are dropped, not run
                for future in futures:
                    future.cancel()
                raise
        return out
