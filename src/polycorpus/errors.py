"""Errors polycorpus raises on purpose. Each message says how to fix it.

    PolycorpusError
    ├── CorpusNotFound      the CORPUS path does not exist or is not a folder
    ├── OutputNotWritable   OUT cannot be created or replaced
    ├── EncodingUndetected  a file's bytes fit no supported encoding (pass --encoding)
    ├── InputError          a file given on the command line cannot be read
    ├── OutputInvalid       a folder given as a polycorpus output is not one
    ├── EngineUnavailable   --engine dask without dask.distributed installed
    └── SchedulerUnreachable  --scheduler names no running Dask scheduler
"""
from __future__ import annotations


class PolycorpusError(Exception):
    """Base class: the CLI turns these into a one-line message and exit status 1."""


class CorpusNotFound(PolycorpusError):
    pass


class OutputNotWritable(PolycorpusError):
    pass


class EncodingUndetected(PolycorpusError):
    pass


class InputError(PolycorpusError):
    pass


class OutputInvalid(PolycorpusError):
    pass


class EngineUnavailable(PolycorpusError):
    pass


class SchedulerUnreachable(PolycorpusError):
    pass
