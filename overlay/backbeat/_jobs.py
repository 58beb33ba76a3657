"""Started tasks that know what they are, and task records that say it in the caller's words.

A start method's answer (`ConversionStarted`, `MusicGenerationStarted`) names the task but not
its `conversionType`, which `get_conversion` needs. The client knows it (the spec's
`x-conversion-type` of the operation), so it answers a *job*: the same model, subclassed, that
also carries `conversion_type` and the client, so `job.wait()` and
`client.wait_for_conversion(job)` need nothing else. A task record (`Conversion`) names its
type `feature`, as the vendor does; `ConversionRecord` adds `conversion_type`, the name the
rest of the client uses.

The subclasses add slots, never fields: `to_dict()`, equality and the repr stay the model's.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any, ClassVar, TypeVar, cast

import attrs

from ._generated.musicgpt.models import Conversion, ConversionStarted, MusicGenerationStarted
from ._options import Headers
from ._procedures import Step, async_method, sync_method

__all__ = [
    "AsyncConversionJob",
    "AsyncMusicGenerationJob",
    "ConversionJob",
    "ConversionRecord",
    "MusicGenerationJob",
    "as_job",
    "as_record",
    "model_of",
]

ModelT = TypeVar("ModelT")


def _copied(instance: Any, subclass: type[ModelT]) -> ModelT:
    """`instance`'s field values in a new `subclass` object (built without `__init__`)."""
    copy = object.__new__(subclass)
    for field in attrs.fields(type(instance)):
        object.__setattr__(copy, field.name, getattr(instance, field.name))
    return copy


class ConversionRecord(Conversion):
    """A task record (`get_conversion`, `wait_for_conversion`, `iter_conversions`) with
    `conversion_type`: the vendor's `feature`, or the type it was asked for by."""

    __slots__ = ("_asked_type",)
    _asked_type: str | None

    @property
    def conversion_type(self) -> str | None:
        feature = self.feature
        return feature if isinstance(feature, str) and feature else self._asked_type


def as_record(conversion: Conversion, asked_type: str | None = None) -> ConversionRecord:
    record = _copied(conversion, ConversionRecord)
    record._asked_type = asked_type
    return record


class _Job:
    """What every job adds to its start model (`model`, the class it subclasses)."""

    __slots__ = ()
    model: ClassVar[type]
    """The start model a job class subclasses: its first base."""
    conversion_type: str
    """The `conversionType` of the task (e.g. `"EXTRACTION"`), as `get_conversion` takes it."""
    _client: Any

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        cls.model = cls.__bases__[0]


def _wait(
    job: _Job,
    *,
    timeout: float | None = None,
    poll_interval: float | None = None,
    extra_headers: Headers | None = None,
) -> Generator[Step, Any, ConversionRecord]:
    """`client.wait_for_conversion(job, ...)`: poll until the task ends (None: the method's
    default); awaited, for a job of an async client."""
    given = {"timeout": timeout, "poll_interval": poll_interval, "extra_headers": extra_headers}
    options = {name: value for name, value in given.items() if value is not None}
    record: ConversionRecord = yield lambda: job._client.wait_for_conversion(job, **options)
    return record


class _SyncJob(_Job):
    __slots__ = ()
    wait = sync_method(_wait)


class _AsyncJob(_Job):
    __slots__ = ()
    wait = async_method(_wait)


class ConversionJob(ConversionStarted, _SyncJob):
    """A started single-output task: the start response, `conversion_type` and `wait()`."""

    __slots__ = ("_client", "conversion_type")


class MusicGenerationJob(MusicGenerationStarted, _SyncJob):
    """A started two-output task (songs): the start response, `conversion_type`, `wait()`."""

    __slots__ = ("_client", "conversion_type")


class AsyncConversionJob(ConversionStarted, _AsyncJob):
    """`ConversionJob` of an async client: `await job.wait()`."""

    __slots__ = ("_client", "conversion_type")


class AsyncMusicGenerationJob(MusicGenerationStarted, _AsyncJob):
    """`MusicGenerationJob` of an async client: `await job.wait()`."""

    __slots__ = ("_client", "conversion_type")


def model_of(result: type) -> type:
    """The model to read a success body into: a job class's model, or `result` itself."""
    return result.model if isinstance(result, type) and issubclass(result, _Job) else result


def as_job(answer: Any, result: type[ModelT], conversion_type: str | None, client: Any) -> ModelT:
    """`answer` (read into `model_of(result)`) as the job `result` names, of `client`; the
    answer itself when `result` is no job class."""
    if not (isinstance(result, type) and issubclass(result, _Job)) or not conversion_type:
        return cast(ModelT, answer)
    job: Any = _copied(answer, result)
    job.conversion_type = conversion_type
    job._client = client
    return cast(ModelT, job)


def conversion_type_of(job: object) -> str | None:
    """The conversion type a started task carries (a job, or any object with the attribute)."""
    value = getattr(job, "conversion_type", None)
    return value if isinstance(value, str) and value else None
