"""Contains all the data models used in inputs/outputs"""

from .download_track_request import DownloadTrackRequest
from .energy_level import EnergyLevel
from .error import Error
from .me import Me
from .rate_limit import RateLimit
from .search_filters import SearchFilters
from .search_request import SearchRequest
from .search_response import SearchResponse
from .tier import Tier
from .track import Track
from .usage_page import UsagePage
from .usage_record import UsageRecord

__all__ = (
    "DownloadTrackRequest",
    "EnergyLevel",
    "Error",
    "Me",
    "RateLimit",
    "SearchFilters",
    "SearchRequest",
    "SearchResponse",
    "Tier",
    "Track",
    "UsagePage",
    "UsageRecord",
)
