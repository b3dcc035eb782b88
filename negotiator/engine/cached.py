"""`cached`: a property computed on first use and stored on the instance.

`functools.cached_property` takes a lock on every first access in Python 3.11, which costs more than most of
the values the engine and the AI cache per decision; these objects are never shared between threads while
they are being filled, so the lock buys nothing here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class cached(Generic[T]):
    def __init__(self, func: Callable[[Any], T]):
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type) -> cached[T]: ...
    @overload
    def __get__(self, instance: object, owner: type) -> T: ...
    def __get__(self, instance: object | None, owner: type) -> T | cached[T]:
        if instance is None:
            return self
        value = self.func(instance)
        # `object.__setattr__`, not `instance.__dict__[name] = value`: touching `__dict__` turns the instance's
        # attributes into a plain dict for good, and every later attribute read on it gets slower (2-3% of an AI
        # game when the look-ahead's worlds were copied through `__dict__`). It also works on frozen dataclasses.
        object.__setattr__(instance, self.name, value)
        return value
