"""Frozen value classes written out by hand: what @dataclass(frozen=True, slots=True) gives,
without generating and compiling methods at every start-up (the 16 model classes cost ~11 ms).
The models (models.py), search hits and overlay overrides are built on Frozen."""

from __future__ import annotations

from operator import attrgetter
from typing import Any


class Frozen:
    """Base of a frozen value class: fields in __slots__, set once by a hand-written __init__
    (object.__setattr__); equality, hash and repr over the fields, in order; no assignment
    afterwards (dataclasses.FrozenInstanceError). field_names(cls) lists the fields.

    dataclasses.fields(), replace(), asdict() and is_dataclass() still work on the models:
    `__dataclass_fields__` is made on first use, from the __init__ signature (see _DataFields).
    """

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _get: Any = None  # attrgetter of every field, in order

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._fields = tuple(name for klass in reversed(cls.__mro__) for name in klass.__dict__.get("__slots__", ()))
        get = attrgetter(*cls._fields)
        cls._get = get if len(cls._fields) > 1 else staticmethod(lambda obj: (get(obj),))
        cls.__match_args__ = cls._fields

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._get(self) == other._get(other)  # type: ignore[attr-defined]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._get(self))

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self._get(self)))
        return f"{type(self).__qualname__}({values})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise _frozen_error(name)

    def __delattr__(self, name: str) -> None:
        raise _frozen_error(name)

    def __reduce__(self) -> tuple[Any, ...]:  # copy, deepcopy
        return type(self), self._get(self)


def _frozen_error(name: str) -> Exception:
    from dataclasses import FrozenInstanceError

    return FrozenInstanceError(f"cannot assign to field {name!r}")


class _DataFields:
    """`__dataclass_fields__` of a model, built when dataclasses first asks for it: the real
    Field objects of a dataclass with the same fields, types and defaults (read from __init__)."""

    def __init__(self) -> None:
        self._made: dict[type, dict[str, Any]] = {}

    def __get__(self, obj: object, owner: type) -> dict[str, Any]:
        made = self._made.get(owner)
        if made is None:
            import dataclasses
            import inspect

            params = list(inspect.signature(owner.__init__).parameters.values())[1:]
            namespace: dict[str, Any] = {"__module__": owner.__module__, "__annotations__": {}}
            for param in params:
                namespace["__annotations__"][param.name] = param.annotation
                if param.default is not param.empty:
                    namespace[param.name] = param.default
            shadow = dataclasses.dataclass(frozen=True)(type(owner.__name__, (), namespace))
            made = self._made[owner] = shadow.__dataclass_fields__
        return made


Frozen.__dataclass_fields__ = _DataFields()  # type: ignore[attr-defined]


def field_names(cls: type[Frozen] | Frozen) -> tuple[str, ...]:
    """The fields of a model (class or instance), in order: what dataclasses.fields() names,
    without making its Field objects."""
    return cls._fields
