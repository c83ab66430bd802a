"""The forkserver a Dask LocalCluster's workers are forked from.

Started before the stages are imported in this process: the server imports
dask.distributed and the stages and loads their tables (engine/warm.py) while
this process imports the same for itself and starts the scheduler, so the two
overlap. Kept apart from engine/, whose import pulls in every stage.
"""
from __future__ import annotations

import importlib.util
import multiprocessing
import sys


def start_forkserver() -> str:
    """Start the forkserver (once a process) and return the multiprocessing start
    method for Dask's workers: "forkserver", or "spawn" where there is no fork
    or no dask.distributed (the Dask engine then says what is missing)."""
    if (sys.platform == "win32" or "forkserver" not in multiprocessing.get_all_start_methods()
            or importlib.util.find_spec("distributed") is None):
        return "spawn"
    from multiprocessing import forkserver

    # Dask names its own preload list too, but the list of a running server stays
    multiprocessing.get_context("forkserver").set_forkserver_preload(["distributed", "polycorpus.engine.warm"])
    forkserver.ensure_running()
    return "forkserver"
