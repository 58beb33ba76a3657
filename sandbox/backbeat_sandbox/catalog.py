"""A small, deterministic music catalog and its search: filters as documented, ranked by fit.

The two tracks of the spec's examples come first so the documentation's ids work; the rest is
generated from a fixed seed, cycling through every documented genre and mood.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

SEED = 20260224
GENERATED_TRACKS = 58
PREVIEW_URL = "https://cdn.trackyard.com/previews/{id}.mp3"

SUBGENRES: Mapping[str, tuple[str, ...]] = {
    "Acoustic": ("Acoustic Pop", "Unplugged"),
    "Ambient": ("Dark Ambient", "Drone"),
    "Beats": ("Lo-Fi Beats", "Boom Bap"),
    "Blues": ("Delta Blues", "Electric Blues"),
    "Brass & Marching Band": ("Marching Band", "Brass Band"),
    "Children's Music": ("Lullaby", "Nursery"),
    "Cinematic": ("Trailer", "Underscore"),
    "Classical": ("Orchestral", "Modern Classical"),
    "Comedy": ("Cartoon", "Slapstick"),
    "Country": ("Americana", "Bluegrass"),
    "Dance": ("Eurodance", "Dance Pop"),
    "Disco": ("Nu Disco", "Italo Disco"),
    "Downtempo": ("Trip Hop", "Chillout"),
    "Easy Listening": ("Lounge", "Bossa Nova"),
    "Electronic": ("Deep House", "Tech House", "Synthwave"),
    "Electronica": ("IDM", "Glitch"),
    "Experimental": ("Musique Concrete", "Noise"),
    "Fanfares": ("Royal Fanfare", "Sports Fanfare"),
    "Folk": ("Indie Folk", "Celtic"),
    "Funk": ("P-Funk", "Funk Rock"),
    "Hip Hop": ("Trap", "Boom Bap"),
    "House": ("Deep House", "Progressive House"),
    "Jazz": ("Smooth Jazz", "Bebop"),
    "Latin": ("Salsa", "Reggaeton"),
    "Metal": ("Heavy Metal", "Metalcore"),
    "Pop": ("Synth Pop", "Indie Pop"),
    "Punk": ("Pop Punk", "Hardcore"),
    "R&B": ("Neo Soul", "Contemporary R&B"),
    "Reggae": ("Dub", "Roots Reggae"),
    "Religious Music": ("Gospel", "Hymn"),
    "Rock": ("Indie Rock", "Classic Rock"),
    "Singer-Songwriter": ("Piano Ballad", "Acoustic Ballad"),
    "Soul": ("Northern Soul", "Motown"),
    "Special Occasions": ("Holiday", "Wedding"),
    "World": ("Afrobeat", "Bollywood"),
}
GENRES = tuple(SUBGENRES)
MOODS = (
    "Ambient", "Angry", "Calm", "Chill", "Cinematic", "Confident", "Contemplative", "Dark",
    "Dramatic", "Dreamy", "Eccentric", "Elegant", "Energetic", "Epic", "Euphoric", "Floating",
    "Frantic", "Fun", "Glamorous", "Groovy", "Happy", "Heavy", "Hopeful", "Hypnotic", "Inspiring",
    "Intimate", "Laid Back", "Melancholic", "Mysterious", "Nostalgia", "Nostalgic", "Peaceful",
    "Quirky", "Romantic", "Sad", "Scary", "Sensual", "Sentimental", "Sneaking", "Suspense",
    "Warm", "Weird",
)  # fmt: skip
INSTRUMENTS = (
    "Piano", "Guitar", "Drums", "Bass", "Synth", "Strings", "Brass", "Woodwinds", "Vocals",
    "Percussion", "Organ", "Harp",
)  # fmt: skip
KEYS = tuple(
    f"{note} {mode}" for mode in ("Major", "Minor") for note in ("C", "D", "E", "F", "G", "A", "B")
)
ADJECTIVES = (
    "Golden", "Midnight", "Neon", "Quiet", "Electric", "Velvet", "Crimson", "Silver", "Hidden",
    "Endless", "Wild", "Paper", "Broken", "Distant", "Summer", "Frozen", "Lucky", "Hollow",
)  # fmt: skip
NOUNS = (
    "Horizon", "Streets", "Echoes", "Harbor", "Pulse", "Garden", "Skyline", "Machine", "River",
    "Letters", "Engine", "Lanterns", "Drift", "Parade", "Signal", "Meadow", "Voyage", "Tides",
)  # fmt: skip
ARTISTS = (
    "Sync Lab", "Quiet Rooms", "Northbound", "The Tape Deck", "Luma Collective", "Ada Vance",
    "Marlow & Finch", "Oakridge Ensemble", "Kilo Hertz", "Paloma Reyes",
)  # fmt: skip


@dataclass(frozen=True)
class Track:
    id: str
    title: str
    artist: str
    duration_seconds: int
    bpm: int
    key: str
    genre: str
    subgenres: tuple[str, ...]
    moods: tuple[str, ...]
    has_vocals: bool
    energy_level: str
    instruments: tuple[str, ...]

    @functools.cached_property
    def as_json(self) -> Mapping[str, Any]:
        """The spec's Track object. Built once (the catalog never changes) and shared: read-only."""
        return {
            "id": self.id,
            "title": self.title,
            "artist": self.artist,
            "duration_seconds": self.duration_seconds,
            "bpm": self.bpm,
            "key": self.key,
            "genre": self.genre,
            "subgenres": list(self.subgenres),
            "moods": list(self.moods),
            "has_vocals": self.has_vocals,
            "energy_level": self.energy_level,
            "instruments": list(self.instruments),
            "preview_url": PREVIEW_URL.format(id=self.id),
        }

    @functools.cached_property
    def words(self) -> dict[str, int]:
        """Searchable words and their weight: title and genre count most."""
        weighted: dict[str, int] = {}
        fields: tuple[tuple[int, Sequence[str]], ...] = (
            (3, (self.title, self.genre)),
            (2, (*self.moods, *self.subgenres)),
            (1, (*self.instruments, self.artist, self.energy_level, self.key)),
        )
        for weight, texts in fields:
            for word in _words(" ".join(texts)):
                weighted[word] = max(weighted.get(word, 0), weight)
        if not self.has_vocals:
            weighted.setdefault("instrumental", 1)
        return weighted


DOCUMENTED_TRACKS = (
    Track("trk_abc123", "Digital Sunrise", "Sync Lab", 142, 128, "C Major", "Electronic",
          ("Deep House", "Tech House"), ("Upbeat", "Energetic", "Modern"), False, "high",
          ("Synth", "Electronic Drums", "Bass")),
    Track("trk_def456", "Rainy Window", "Quiet Rooms", 188, 72, "A Minor", "Classical",
          ("Modern Classical",), ("Melancholic", "Calm"), False, "low", ("Piano", "Strings")),
)  # fmt: skip


def _generated(rng: random.Random, index: int) -> Track:
    genre = GENRES[index % len(GENRES)]
    bpm = rng.randrange(60, 181)
    energy = "low" if bpm < 90 else "medium" if bpm < 125 else "high"
    moods = {MOODS[(2 * index) % len(MOODS)], MOODS[(2 * index + 1) % len(MOODS)]}
    moods.add(rng.choice(MOODS))
    has_vocals = rng.random() < 0.4
    instruments = set(rng.sample(INSTRUMENTS[:8], k=rng.randrange(2, 5)))
    if has_vocals:
        instruments.add("Vocals")
    return Track(
        id=f"trk_{rng.getrandbits(40):010x}",
        title=f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}",
        artist=rng.choice(ARTISTS),
        duration_seconds=rng.randrange(60, 301),
        bpm=bpm,
        key=rng.choice(KEYS),
        genre=genre,
        subgenres=tuple(rng.sample(SUBGENRES[genre], k=1)),
        moods=tuple(sorted(moods)),
        has_vocals=has_vocals,
        energy_level=energy,
        instruments=tuple(sorted(instruments)),
    )


def build_catalog() -> tuple[Track, ...]:
    rng = random.Random(SEED)
    return DOCUMENTED_TRACKS + tuple(_generated(rng, i) for i in range(GENERATED_TRACKS))


CATALOG = build_catalog()
BY_ID = {track.id: track for track in CATALOG}


def search(query: str, filters: Mapping[str, Any], limit: int, offset: int) -> list[Track]:
    """Tracks passing ``filters``, best fit first (ties keep catalog order)."""
    positions = [i for i, track in enumerate(CATALOG) if not filters or matches(track, filters)]
    wanted = tuple(_words(query))
    if wanted:
        scores = _scores(wanted)
        # sorted() is stable: equal scores keep catalog order.
        positions = sorted((i for i in positions if scores[i] > 0), key=lambda i: -scores[i])
    return [CATALOG[i] for i in positions[offset : offset + limit]]


@functools.lru_cache(maxsize=4096)
def _scores(wanted: tuple[str, ...]) -> tuple[int, ...]:
    """Relevance of every catalog track to the query words, in catalog order (the catalog is
    immutable, so a repeated query costs one cache lookup)."""
    return tuple(relevance(track, wanted) for track in CATALOG)


def relevance(track: Track, wanted: Sequence[str]) -> int:
    return sum(_term_weight(track, term) for term in wanted)


@functools.lru_cache(maxsize=65_536)
def _term_weight(track: Track, term: str) -> int:
    """The weight of the best field of ``track`` that ``term`` matches (0: none)."""
    return max((w for word, w in track.words.items() if _alike(term, word)), default=0)


def matches(track: Track, filters: Mapping[str, Any]) -> bool:
    checks = (
        _any_of(filters.get("genres"), (track.genre,)),
        _any_of(filters.get("moods"), track.moods),
        _any_of(filters.get("instruments"), track.instruments),
        filters.get("has_vocals") in (None, track.has_vocals),
        filters.get("energy_level") in (None, track.energy_level),
        filters.get("min_bpm", 0) <= track.bpm <= filters.get("max_bpm", 10_000),
    )
    return all(checks)


def _any_of(wanted: Sequence[str] | None, values: Sequence[str]) -> bool:
    if not wanted:
        return True
    have = {value.casefold() for value in values}
    return any(item.casefold() in have for item in wanted)


_STOP_WORDS = frozenset(
    ("a", "an", "and", "for", "in", "of", "on", "the", "to", "with", "music", "track", "song")
)


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9&]+", text.casefold()) if w not in _STOP_WORDS]


def _alike(term: str, word: str) -> bool:
    """Equal, or one a prefix of the other (``electro``/``electronic``, ``rain``/``rainy``)."""
    if term == word:
        return True
    short, long = sorted((term, word), key=len)
    return len(short) >= 4 and long.startswith(short)
