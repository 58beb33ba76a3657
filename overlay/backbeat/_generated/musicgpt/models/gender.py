from enum import StrEnum


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    NEUTRAL = "neutral"

    def __str__(self) -> str:
        return str(self.value)
