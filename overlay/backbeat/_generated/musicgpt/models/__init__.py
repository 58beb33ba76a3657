"""Contains all the data models used in inputs/outputs"""

from .audio_format import AudioFormat
from .audio_input_request import AudioInputRequest
from .audio_to_midi_webhook import AudioToMidiWebhook
from .change_audio_speed_request import ChangeAudioSpeedRequest
from .change_voice_request import ChangeVoiceRequest
from .change_voice_request_remove_background import ChangeVoiceRequestRemoveBackground
from .cleanup_webhook import CleanupWebhook
from .conversion import Conversion
from .conversion_details import ConversionDetails
from .conversion_page import ConversionPage
from .conversion_path_webhook import ConversionPathWebhook
from .conversion_started import ConversionStarted
from .convert_audio_to_midi_request import ConvertAudioToMidiRequest
from .convert_file_request import ConvertFileRequest
from .convert_file_request_target_bit_depth import ConvertFileRequestTargetBitDepth
from .convert_file_request_target_sr import ConvertFileRequestTargetSr
from .cover_song_request import CoverSongRequest
from .cut_audio_request import CutAudioRequest
from .error import Error
from .extend_song_request import ExtendSongRequest
from .extract_stems_request import ExtractStemsRequest
from .extract_stems_v1_request import ExtractStemsV1Request
from .extraction_webhook import ExtractionWebhook
from .file_conversion_webhook import FileConversionWebhook
from .gender import Gender
from .generate_image_multipart_request import GenerateImageMultipartRequest
from .generate_image_request import GenerateImageRequest
from .generate_music_request import GenerateMusicRequest
from .generate_music_v1_request import GenerateMusicV1Request
from .generate_sound_multipart_request import GenerateSoundMultipartRequest
from .generate_sound_request import GenerateSoundRequest
from .generic_webhook import GenericWebhook
from .image_to_song_request import ImageToSongRequest
from .inpaint_song_request import InpaintSongRequest
from .key_bpm_webhook import KeyBpmWebhook
from .key_bpm_webhook_key_changes import KeyBpmWebhookKeyChanges
from .list_user_conversions_sort_order import ListUserConversionsSortOrder
from .lyrics_result import LyricsResult
from .master_audio_request import MasterAudioRequest
from .music_generation_started import MusicGenerationStarted
from .music_model import MusicModel
from .output_file_webhook import OutputFileWebhook
from .remix_song_request import RemixSongRequest
from .sing_over_instrumental_request import SingOverInstrumentalRequest
from .sing_over_vocal_request import SingOverVocalRequest
from .song_webhook import SongWebhook
from .sound_generator_webhook import SoundGeneratorWebhook
from .sound_generator_webhook_conversion_durations import (
    SoundGeneratorWebhookConversionDurations,
)
from .sound_generator_webhook_conversion_paths import (
    SoundGeneratorWebhookConversionPaths,
)
from .text_to_speech_request import TextToSpeechRequest
from .transcribe_audio_request import TranscribeAudioRequest
from .transcript_format import TranscriptFormat
from .transcription_webhook import TranscriptionWebhook
from .voice import Voice
from .voice_page import VoicePage

__all__ = (
    "AudioFormat",
    "AudioInputRequest",
    "AudioToMidiWebhook",
    "ChangeAudioSpeedRequest",
    "ChangeVoiceRequest",
    "ChangeVoiceRequestRemoveBackground",
    "CleanupWebhook",
    "Conversion",
    "ConversionDetails",
    "ConversionPage",
    "ConversionPathWebhook",
    "ConversionStarted",
    "ConvertAudioToMidiRequest",
    "ConvertFileRequest",
    "ConvertFileRequestTargetBitDepth",
    "ConvertFileRequestTargetSr",
    "CoverSongRequest",
    "CutAudioRequest",
    "Error",
    "ExtendSongRequest",
    "ExtractStemsRequest",
    "ExtractStemsV1Request",
    "ExtractionWebhook",
    "FileConversionWebhook",
    "Gender",
    "GenerateImageMultipartRequest",
    "GenerateImageRequest",
    "GenerateMusicRequest",
    "GenerateMusicV1Request",
    "GenerateSoundMultipartRequest",
    "GenerateSoundRequest",
    "GenericWebhook",
    "ImageToSongRequest",
    "InpaintSongRequest",
    "KeyBpmWebhook",
    "KeyBpmWebhookKeyChanges",
    "ListUserConversionsSortOrder",
    "LyricsResult",
    "MasterAudioRequest",
    "MusicGenerationStarted",
    "MusicModel",
    "OutputFileWebhook",
    "RemixSongRequest",
    "SingOverInstrumentalRequest",
    "SingOverVocalRequest",
    "SongWebhook",
    "SoundGeneratorWebhook",
    "SoundGeneratorWebhookConversionDurations",
    "SoundGeneratorWebhookConversionPaths",
    "TextToSpeechRequest",
    "TranscribeAudioRequest",
    "TranscriptFormat",
    "TranscriptionWebhook",
    "Voice",
    "VoicePage",
)
