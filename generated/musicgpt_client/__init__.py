"""A client library for accessing MusicGPT Public API (backbeat subset)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
