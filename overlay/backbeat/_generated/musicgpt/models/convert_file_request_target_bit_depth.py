from enum import IntEnum


class ConvertFileRequestTargetBitDepth(IntEnum):
    VALUE_16 = 16
    VALUE_24 = 24
    VALUE_32 = 32

    def __str__(self) -> str:
        return str(self.value)
