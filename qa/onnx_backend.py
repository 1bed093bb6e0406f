"""The ONNX backends of qa/embedding.py: a one-time export of the bundled model to a local cache, and its runner.

``onnx_model_path`` exports transformer + mean pooling + L2 normalisation with ``torch.onnx`` (TorchScript
exporter) to ``$QA_CACHE/onnx/<model>-<key>/model.onnx`` and, for int8, smooths it on ``calibration.txt``
(``smooth``) and quantises it with ``onnxruntime.quantization.quantize_dynamic`` (``INT8_OPTIONS``) to
``model-int8-<recipe>.onnx``. The key changes when the model files or the export recipe (EXPORT_VERSION) change;
``<recipe>`` (``int8_recipe()``) changes with the quantisation options and the calibration text, so a file made
another way is never reused. ``OnnxEncoder``
runs a cached file with ONNX Runtime and the model's ``tokenizer.json``: no torch import.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import logging
import os
import re
import shutil
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from .embedding import (BUNDLED_DISTRIBUTION, MODEL_NAME, ONNX_BACKENDS, BackendUnavailable, bundled_model_path,
                        cache_root)

logger = logging.getLogger(__name__)

#: Bump when the export recipe changes, so cached exports are redone. 2: attention exported in its eager form
#: (``attn_implementation="eager"``): the same vectors as torch, without the NaN guards and boolean masks of the
#: SDPA form, and a build's embedding ~7% faster in int8.
EXPORT_VERSION = 2
ONNX_EXTRA = "pip install 'qa[onnx]'  (onnxruntime==1.32.0, onnx==1.23.2)"

#: Text the int8 export calibrates its smoothing on: original prose on unrelated topics (not any indexed corpus).
CALIBRATION_FILE = Path(__file__).with_name("calibration.txt")

#: ``quantize_dynamic`` options of the int8 export (int8 weights per output channel, the 36 weight MatMuls only:
#: quantising the embedding Gathers saves file size, not time), plus ``smooth_alpha``: before quantising, each
#: MatMul's input is divided per channel by ``s = amax**alpha / wmax**(1 - alpha)`` and the weight rows
#: multiplied by it (SmoothQuant: ``x @ W == (x / s) @ (diag(s) W)``), where ``amax`` is the channel's largest
#: input on the calibration text and ``wmax`` the row's largest weight. Dynamic int8 quantises each activation
#: tensor with one scale, so a few outlier channels (after GELU, in the last layers' attention) cost the other
#: channels their precision; smoothing moves that range into the weights, which are quantised per channel. How it
#: was chosen (docs/performance.md): all 36 MatMuls in int8 without smoothing reach min cosine 0.978 with torch on
#: the 102 corpus sentences; the previous recipe kept the 8 most sensitive MatMuls in float (min 0.993, ~2.3 s for
#: a build's 1,058 texts); smoothed, all 36 are int8 (min 0.994, ~1.5 s). ``smooth_alpha`` was chosen on the
#: calibration text alone (calibrated on half its texts, int8 against float vectors on the other half: 0.7 and 0.8
#: tie at min 0.987-0.988, 1st percentile 0.9915; 0.6 and 0.9 lower); of the two, 0.7 keeps the corpus sentences
#: above 0.99 with the whole text calibrating (0.994; 0.8: 0.989 on the two words "Source link").
INT8_OPTIONS = {
    "per_channel": True,
    "reduce_range": False,
    "weight_type": "QInt8",
    "op_types_to_quantize": ["MatMul"],
    "nodes_to_exclude": [],
    "smooth_alpha": 0.7,
}
_QUANTIZE_KEYS = ("per_channel", "reduce_range", "weight_type", "op_types_to_quantize", "nodes_to_exclude")


def int8_recipe() -> str:
    """A short digest of ``INT8_OPTIONS`` and the calibration text: part of the int8 file name and of the int8
    model name in manifests, so a file or index made another way is never reused."""
    digest = hashlib.sha256(json.dumps(INT8_OPTIONS, sort_keys=True).encode())
    digest.update(CALIBRATION_FILE.read_bytes())
    return digest.hexdigest()[:8]


_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][”\"]))\s+(?=[A-Z“\"(])")


def calibration_texts(path: Path = CALIBRATION_FILE) -> list[str]:
    """The calibration texts: each paragraph of the file, each of its sentences, and each distinct word (lower
    case), so short and long inputs are both seen. Lines starting with "#" are comments."""
    body = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip()]
    sentences = [s for p in paragraphs for s in _SENTENCE_END.split(p) if s]
    words = sorted({w.strip(".,;:!?()“”\"'’—–-").lower() for p in paragraphs for w in p.split()} - {""})
    return paragraphs + sentences + words


def _require_onnxruntime():
    try:
        import onnxruntime
    except ImportError as exc:
        raise BackendUnavailable(f"the ONNX embedding backends need onnxruntime: {ONNX_EXTRA}") from exc
    return onnxruntime


# --- export (needs torch; done once per model and cache folder) -----------------------------------------


def _model_key(model_dir: Path) -> str:
    """Identifies the model files cheaply, plus the export recipe version: the bundled model by its package
    version and file sizes (the same in every environment that installs it, so they share one export), any
    other folder by its files' names, sizes and modification times."""
    parts = [f"v{EXPORT_VERSION}"]
    version = _bundled_version() if model_dir == bundled_model_path() else None
    if version:
        parts.append(f"{BUNDLED_DISTRIBUTION}=={version}")
    for path in sorted(p for p in model_dir.rglob("*") if p.is_file()):
        stat = path.stat()
        parts.append(f"{path.relative_to(model_dir)}:{stat.st_size}" + ("" if version else f":{stat.st_mtime_ns}"))
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def _bundled_version() -> str | None:
    try:
        return importlib.metadata.version(BUNDLED_DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - the model package is a dependency
        return None


def _prune(folder: Path) -> None:
    """Remove the exports of the same model name that no model folder would use any more: their source folder
    is gone, or its files or the recipe version changed since (so it now keys to another folder). A folder
    still being made (no ``export.json`` yet) or locked by another process is left alone."""
    import fcntl

    prefix = folder.name.rsplit("-", 1)[0]
    for other in folder.parent.glob(f"{prefix}-*"):
        if other == folder or not other.is_dir():
            continue
        try:
            source = Path(json.loads((other / "export.json").read_text())["source"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if source.is_dir() and other.name == f"{prefix}-{_model_key(source)}":
            continue
        try:
            with open(other / ".lock", "a") as fh:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                shutil.rmtree(other, ignore_errors=True)
        except OSError:
            continue
        logger.info("removed the superseded export %s", other)


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

    # Eager attention: matmul, mask add and softmax, where the default SDPA form traces extra guards.
    transformer = SentenceTransformer(str(model_dir), device="cpu",
                                      model_kwargs={"attn_implementation": "eager"})[0].auto_model.eval()

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


def _quantize(src: Path, dest: Path, model_dir: Path | None = None) -> None:
    """Smooth the float graph on the calibration text, then dynamic int8 with ``INT8_OPTIONS`` (see there)."""
    try:
        import onnx
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:
        raise BackendUnavailable(f"int8 quantisation needs onnx and onnxruntime: {ONNX_EXTRA}") from exc
    model = onnx.load(str(src))
    names = {node.name for node in model.graph.node}
    missing = [name for name in INT8_OPTIONS["nodes_to_exclude"] if name not in names]
    if missing:  # the exporter named the graph's nodes differently: those MatMuls would silently be int8
        raise RuntimeError(f"{src} has no node {missing[0]!r} of INT8_OPTIONS; bump EXPORT_VERSION and update "
                           f"INT8_OPTIONS for this export")
    maxima = channel_maxima(src, calibration_texts(), Path(model_dir) if model_dir else bundled_model_path())
    smooth(model, maxima, INT8_OPTIONS["smooth_alpha"])
    smoothed = dest.with_name(f".{dest.stem}.smoothed.onnx")
    root = logging.getLogger()
    quiet = _DropMessage("pre-processing before quantization")  # onnxruntime's advice for CNNs, via root logger
    root.addFilter(quiet)
    try:
        onnx.save(model, str(smoothed))
        options = {key: INT8_OPTIONS[key] for key in _QUANTIZE_KEYS}
        quantize_dynamic(str(smoothed), str(dest), **dict(options, weight_type=QuantType[options["weight_type"]]))
    finally:
        root.removeFilter(quiet)
        smoothed.unlink(missing_ok=True)


def _weight_matmuls(model) -> list:
    """The graph's MatMul nodes whose second input is a stored weight."""
    weights = {init.name for init in model.graph.initializer}
    return [node for node in model.graph.node if node.op_type == "MatMul" and node.input[1] in weights]


def channel_maxima(path: Path, texts: list[str], model_dir: Path, batch_size: int = 16) -> dict[str, np.ndarray]:
    """Per weight MatMul (by node name): the largest absolute value of each input channel over ``texts``, from
    a run of the float graph with those inputs added as outputs."""
    ort = _require_onnxruntime()
    import onnx

    model = onnx.load(str(path))
    inputs = {node.name: node.input[0] for node in _weight_matmuls(model)}
    for tensor in dict.fromkeys(inputs.values()):
        model.graph.output.append(onnx.helper.make_tensor_value_info(tensor, onnx.TensorProto.FLOAT, None))
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC  # keep the tapped tensors
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    names = [out.name for out in session.get_outputs()]
    tokenizer = _tokenizer(model_dir)
    top: dict[str, np.ndarray] = {}
    for first in range(0, len(texts), batch_size):
        feeds = _feeds(tokenizer, sorted(texts, key=len, reverse=True)[first: first + batch_size])
        outputs = dict(zip(names, session.run(None, feeds)))
        for tensor in dict.fromkeys(inputs.values()):
            values = np.abs(outputs[tensor]).reshape(-1, outputs[tensor].shape[-1]).max(axis=0)
            top[tensor] = np.maximum(top[tensor], values) if tensor in top else values
    return {node: top[tensor] for node, tensor in inputs.items()}


def smooth(model, maxima: dict[str, np.ndarray], alpha: float) -> None:
    """SmoothQuant in place: for each input tensor of weight MatMuls, ``s = amax**alpha / wmax**(1 - alpha)``
    per channel (geometric mean 1); a ``Mul`` by ``1/s`` goes before the MatMuls and their weight rows are
    multiplied by ``s``, so ``x @ W`` is unchanged in exact arithmetic."""
    from onnx import helper, numpy_helper

    graph = model.graph
    weights = {init.name: init for init in graph.initializer}
    readers: dict[str, list] = {}
    for node in _weight_matmuls(model):
        readers.setdefault(node.input[0], []).append(node)
    for tensor, nodes in readers.items():
        amax = np.maximum.reduce([maxima[node.name] for node in nodes])
        wmax = np.maximum.reduce([np.abs(numpy_helper.to_array(weights[node.input[1]])).max(axis=1) for node in nodes])
        scale = np.clip(amax, 1e-5, None) ** alpha / np.clip(wmax, 1e-5, None) ** (1 - alpha)
        scale = (scale / np.exp(np.log(scale).mean())).astype(np.float32)
        inverse = numpy_helper.from_array((1 / scale).astype(np.float32), f"{nodes[0].name}/smooth_inverse")
        graph.initializer.append(inverse)
        smoothed = f"{nodes[0].name}/smoothed_input"
        position = list(graph.node).index(nodes[0])
        graph.node.insert(position, helper.make_node("Mul", [tensor, inverse.name], [smoothed],
                                                     name=f"{nodes[0].name}/smooth"))
        for node in nodes:
            weight = numpy_helper.to_array(weights[node.input[1]]) * scale[:, None]
            weights[node.input[1]].CopyFrom(numpy_helper.from_array(weight.astype(np.float32), node.input[1]))
            node.input[0] = smoothed


def _tokenizer(model_dir: Path):
    """The model's word-piece tokenizer, unpadded, truncated at its ``max_seq_length``."""
    from tokenizers import Tokenizer

    config = json.loads((model_dir / "sentence_bert_config.json").read_text(encoding="utf-8"))
    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.no_padding()  # tokenizer.json pads to 128: pad per batch instead
    tokenizer.enable_truncation(int(config["max_seq_length"]))
    return tokenizer


def _feeds(tokenizer, texts: list[str]) -> dict[str, np.ndarray]:
    """The graph's inputs for a batch: word pieces padded to the batch's longest text."""
    pieces = tokenizer.encode_batch(texts)
    ids = np.zeros((len(texts), max(len(p.ids) for p in pieces)), dtype=np.int64)
    mask = np.zeros_like(ids)
    for r, p in enumerate(pieces):
        ids[r, : len(p.ids)] = p.ids
        mask[r, : len(p.ids)] = 1
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}


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
    if backend not in ONNX_BACKENDS:
        raise ValueError(f"no ONNX export for backend {backend!r}")
    _require_onnxruntime()
    model_dir = Path(model_dir) if model_dir else bundled_model_path()
    name = MODEL_NAME.split("/")[-1] if model_dir == bundled_model_path() else model_dir.name
    folder = Path(cache_dir or cache_root() / "onnx") / f"{name}-{_model_key(model_dir)}"
    fp32, int8 = folder / "model.onnx", folder / f"model-int8-{int8_recipe()}.onnx"
    target = fp32 if backend == "onnx" else int8
    if target.exists():
        return target
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackendUnavailable(f"cannot write the {backend} export to {folder} ({exc.strerror or exc}); set QA_CACHE "
                                 f"to a writable folder, or use --backend torch") from exc
    with _file_lock(folder / ".lock"):
        if not target.exists():  # another process may have made it while this one waited for the lock
            # Shown by the CLI (its log level is WARNING): the first build or question would otherwise sit silent.
            logger.warning("first use of the %s backend: exporting the embedding model to %s (once; 10-30 s)",
                           backend, folder)
        for path, make in ((fp32, lambda tmp: _export_fp32(model_dir, tmp)), (int8, lambda tmp: _quantize(fp32, tmp, model_dir))):
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
        _prune(folder)
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
        self.tokenizer = _tokenizer(model_dir)
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
            out[rows] = self.session.run(None, _feeds(self.tokenizer, [texts[i] for i in rows]))[0]

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
