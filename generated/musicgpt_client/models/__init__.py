"""Contains all the data models used in inputs/outputs"""

from .change_voice_request import ChangeVoiceRequest
from .change_voice_request_remove_background import ChangeVoiceRequestRemoveBackground
from .conversion import Conversion
from .conversion_details import ConversionDetails
from .conversion_started import ConversionStarted
from .conversion_type import ConversionType
from .error import Error
from .extract_stems_request import ExtractStemsRequest
from .generate_music_request import GenerateMusicRequest
from .lyrics_result import LyricsResult
from .music_generation_started import MusicGenerationStarted
from .music_model import MusicModel
from .text_to_speech_request import TextToSpeechRequest
from .voice import Voice
from .voice_page import VoicePage

__all__ = (
    "ChangeVoiceRequest",
    "ChangeVoiceRequestRemoveBackground",
    "Conversion",
    "ConversionDetails",
    "ConversionStarted",
    "ConversionType",
    "Error",
    "ExtractStemsRequest",
    "GenerateMusicRequest",
    "LyricsResult",
    "MusicGenerationStarted",
    "MusicModel",
    "TextToSpeechRequest",
    "Voice",
    "VoicePage",
)
