"""polycorpus: scraped Albanian, Serbian and English pages -> a clean parallel corpus."""
from __future__ import annotations

__version__ = "0.1.0"
