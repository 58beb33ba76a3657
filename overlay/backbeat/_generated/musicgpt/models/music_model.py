from enum import StrEnum


class MusicModel(StrEnum):
    V6 = "v6"
    V6_PRO = "v6-pro"
    V7 = "v7"
    V7_PRO = "v7-pro"

    def __str__(self) -> str:
        return str(self.value)
