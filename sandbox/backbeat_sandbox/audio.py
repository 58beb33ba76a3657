"""Real MP3 bytes, cheaply: MPEG-1 Layer III frames of silence, built once and repeated.

128 kbit/s at 44.1 kHz gives frames of 144 * 128000 / 44100 = 417 47/49 bytes, so 47 of every
49 frames carry the padding byte (418 bytes) and two do not (417): the average is exact. Each
frame holds 1152 samples, 38.28125 frames per second. Mono side information of all zeros
(``main_data_begin`` = 0, ``part2_3_length`` = 0) decodes as digital silence.
"""

from __future__ import annotations

import functools
from itertools import accumulate

SAMPLE_RATE = 44_100
SAMPLES_PER_FRAME = 1152
FRAMES_PER_SECOND = SAMPLE_RATE / SAMPLES_PER_FRAME
_HEADER = (0xFF, 0xFB)  # frame sync, MPEG-1, Layer III, no CRC
_BITRATE_128K_44K1 = 0x90  # bitrate index 9 (128 kbit/s), sample-rate index 0 (44.1 kHz)
_MONO_ORIGINAL = 0xC4  # channel mode 3 (mono), original bit set
_PADDED_PER_CYCLE, _CYCLE = 47, 49


def _frame(padded: bool) -> bytes:
    header = bytes((*_HEADER, _BITRATE_128K_44K1 | (0x02 if padded else 0), _MONO_ORIGINAL))
    return header + bytes(417 + padded - len(header))


def _cycle() -> tuple[bytes, tuple[int, ...]]:
    """One padding cycle of frames and the byte offset where each frame ends."""
    padded = [
        (i * _PADDED_PER_CYCLE) // _CYCLE != ((i + 1) * _PADDED_PER_CYCLE) // _CYCLE
        for i in range(_CYCLE)
    ]
    frames = [_frame(p) for p in padded]
    return b"".join(frames), tuple(accumulate(len(f) for f in frames))


_CYCLE_BYTES, _CYCLE_ENDS = _cycle()


def frame_count(seconds: float) -> int:
    return max(1, round(seconds * FRAMES_PER_SECOND))


def silence(seconds: float) -> bytes:
    """An MP3 of about ``seconds`` of silence (whole frames)."""
    return _frames(frame_count(seconds))


@functools.lru_cache(maxsize=32)  # a few lengths are asked for over and over
def _frames(count: int) -> bytes:
    whole, rest = divmod(count, _CYCLE)
    tail = _CYCLE_BYTES[: _CYCLE_ENDS[rest - 1]] if rest else b""
    return _CYCLE_BYTES * whole + tail


def duration_of(seconds: float) -> float:
    """The exact length of ``silence(seconds)``, in seconds."""
    return frame_count(seconds) / FRAMES_PER_SECOND
