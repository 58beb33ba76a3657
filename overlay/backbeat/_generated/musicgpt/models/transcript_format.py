from enum import StrEnum


class TranscriptFormat(StrEnum):
    FORMATTED_TEXT = "formatted_text"
    PLAIN_TEXT = "plain_text"
    SRT = "srt"
    VTT = "vtt"

    def __str__(self) -> str:
        return str(self.value)
