from enum import Enum


class Modality(str, Enum):
    """A kind of content a model can take in."""

    AUDIO = "AUDIO"
    IMAGE = "IMAGE"
    TEXT = "TEXT"
    VIDEO = "VIDEO"

    def __str__(self) -> str:
        return str(self.value)
