"""qa: cited, extractive question answering over a folder of news articles."""

from .pipeline import Assistant
from .settings import ReaderSettings
from .types import Agreement, Answer, Chunk, Citation, Document, Hit, Sentence

__all__ = ["Assistant", "ReaderSettings", "Agreement", "Answer", "Chunk", "Citation", "Document", "Hit", "Sentence"]
