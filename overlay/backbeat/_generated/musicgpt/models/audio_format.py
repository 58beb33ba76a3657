from enum import StrEnum


class AudioFormat(StrEnum):
    AAC = "aac"
    FLAC = "flac"
    MP3 = "mp3"
    OGG = "ogg"
    WAV = "wav"
    WEBM = "webm"

    def __str__(self) -> str:
        return str(self.value)
