"""Model values ↔ JSON, as a store keeps extracted mentions (stdlib only; never pickle: a store
folder may come from elsewhere).

A dataclass is an object of its fields by name, with fields at their default left out (most
are), so a record read by a later model gets the new fields' defaults and drops the ones that
went. Encoders and decoders are built once per type: a store encodes and decodes mentions by
the thousand.

>>> from timeline.model import Span
>>> text = encode([Span(3, 7, "word")], Span)
>>> text
'[{"start":3,"end":7,"text":"word"}]'
>>> decode(text, Span)
[Span(start=3, end=7, text='word')]
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from typing import Any, Union

from .model import Event

_SIMPLE = (type(None), bool, int, float, str)


def _identity(value: Any) -> Any:
    return value


def _optional(tp: Any) -> Any:
    """``X`` for ``X | None``, else None."""
    if typing.get_origin(tp) in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return None


def _wrapped(tp: Any, make: Callable[[Any], Callable[[Any], Any]], collect: Callable[[Iterable[Any]], Any]) -> Callable[[Any], Any] | None:
    """For ``X | None`` and tuples, the converter built from ``make`` (:func:`encoder` or
    :func:`decoder`) of their items, gathered by ``collect`` (``list`` to encode, ``tuple`` to
    decode); None for any other type."""
    inner = _optional(tp)
    if inner is not None:
        item = make(inner)
        return _identity if item is _identity else (lambda value: None if value is None else item(value))
    if typing.get_origin(tp) is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            one = make(args[0])
            return collect if one is _identity else (lambda value: collect(map(one, value)))
        items = [make(a) for a in args]
        return lambda value: collect(f(v) for f, v in zip(items, value))
    return None


@lru_cache(maxsize=None)
def encoder(tp: Any) -> Callable[[Any], Any]:
    """A function turning a value of type ``tp`` into JSON-able values."""
    wrapped = _wrapped(tp, encoder, list)
    if wrapped is not None:
        return wrapped
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        fields = []
        for f in dataclasses.fields(tp):
            default = f.default if f.default is not dataclasses.MISSING else dataclasses.MISSING
            fields.append((f.name, encoder(hints[f.name]), default))

        def encode_object(value: Any) -> dict[str, Any]:
            data = value.__dict__
            out = {}
            for name, convert, default in fields:
                item = data[name]
                if default is not dataclasses.MISSING and (item is default or (type(item) in _SIMPLE and item == default and type(item) is type(default))):
                    continue
                out[name] = item if convert is _identity else convert(item)
            return out

        return encode_object
    if tp is date:
        return lambda value: value.isoformat()
    return _identity


@lru_cache(maxsize=None)
def decoder(tp: Any) -> Callable[[Any], Any]:
    """A function rebuilding a value of type ``tp`` from what :func:`encoder` made of it."""
    wrapped = _wrapped(tp, decoder, tuple)
    if wrapped is not None:
        return wrapped
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        convert = {f.name: decoder(hints[f.name]) for f in dataclasses.fields(tp)}
        defaults = {f.name: f.default for f in dataclasses.fields(tp) if f.default is not dataclasses.MISSING}
        required = [f.name for f in dataclasses.fields(tp) if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
        factories = {f.name: f.default_factory for f in dataclasses.fields(tp) if f.default_factory is not dataclasses.MISSING}

        def build(data: dict[str, Any]) -> Any:
            values = dict(defaults)
            for name, make in factories.items():
                values[name] = make()
            for name, item in data.items():
                known = convert.get(name)
                if known is not None:
                    values[name] = item if known is _identity else known(item)
            missing = [name for name in required if name not in values]
            if missing:
                raise ValueError(f"{tp.__name__} without {', '.join(missing)}")
            value = object.__new__(tp)
            value.__dict__.update(values)  # a frozen dataclass, filled as its __init__ would
            return value

        return build
    if tp is date:
        return date.fromisoformat
    if tp is float:
        return float
    return _identity


def encode(values: Iterable[Any], tp: Any = Event) -> str:
    """``values`` (of type ``tp``) as compact JSON text."""
    convert = encoder(tp)
    return json.dumps([convert(v) for v in values], ensure_ascii=False, separators=(",", ":"))


def decode(text: str, tp: Any = Event) -> list[Any]:
    """What :func:`encode` wrote, back as values of type ``tp``."""
    build = decoder(tp)
    return [build(item) for item in json.loads(text)]


__all__ = ["decode", "decoder", "encode", "encoder"]
