"""What a scan of a text found: typed, additive, no decision in it."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Evidence:
    """Counts and points from one or more texts; ``add`` pools a page's paragraphs."""

    letters: int = 0
    latn: int = 0
    cyrl: int = 0
    #: characters the scan left out of a text longer than its budget
    unread: int = 0
    #: a detector's probability per language, each text's weighted by its letters
    detector: dict[str, float] = field(default_factory=dict)
    detector_weight: int = 0
    #: which detectors gave ``detector`` ("cld2+fasttext", "langdetect")
    detector_sources: set[str] = field(default_factory=set)
    # Latin families: function words, letters only one family writes, and
    # cues Slovenian cannot have (ijekavian forms, -ao participles, da + present)
    sc_words: float = 0.0
    sl_words: float = 0.0
    sq_words: float = 0.0
    en_words: float = 0.0
    sc_letters: float = 0.0   # ć đ without Polish or Czech letters beside them
    sq_letters: float = 0.0   # ë
    sc_only: float = 0.0
    # within Serbo-Croatian
    sr: float = 0.0
    hr: float = 0.0
    bs: float = 0.0
    # Cyrillic
    cyr_letters: dict[str, float] = field(default_factory=dict)  # label -> points for letters only it has
    sr_mk_letters: int = 0    # ј љ њ џ: Serbian or Macedonian, not Russian or Bulgarian
    sr_cyrl: float = 0.0
    mk: float = 0.0
    sr_cyrl_forms: float = 0.0  # Serbian-only forms and "да ли"
    mk_forms: float = 0.0
    #: the cues found, by name ("jat:ekavian:vreme"), with how often
    cues: Counter[str] = field(default_factory=Counter)
    #: (text, words) of texts whose Serbian/Croatian/Bosnian cues were not
    #: looked for, since Serbo-Croatian could not win them; a page that pools
    #: them and comes out Serbo-Croatian has them scanned (scanner.complete)
    unscanned: list[tuple[str, list[str]]] = field(default_factory=list)

    def add(self, other: Evidence) -> None:
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(mine, (Counter, set)):
                mine.update(value)
            elif isinstance(mine, dict):
                for key, amount in value.items():
                    mine[key] = mine.get(key, 0.0) + amount
            elif isinstance(mine, list):
                mine.extend(value)
            else:
                setattr(self, name, mine + value)

    def detector_probs(self) -> dict[str, float]:
        if not self.detector_weight:
            return {}
        return {k: v / self.detector_weight for k, v in self.detector.items()}
