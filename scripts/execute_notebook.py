#!/usr/bin/python3
"""Execute one notebook with nbclient, printing per-cell progress.

Usage: execute_notebook.py INPUT.ipynb OUTPUT.ipynb [--kernel deno] [--timeout 600]

Run by scripts/report.ts (Jupyter's executor is Python; everything else is Deno).
The kernel's working directory is the input notebook's folder, so notebooks
import the project's modules as ../lib/*.ts. On a cell error the partly
executed notebook is still written (to OUTPUT) and the exit code is 3, with a
line naming the notebook, the cell and the error.
"""
import asyncio
import json
import os
import queue
import signal
import sys
import threading
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete, CellExecutionError

# Seconds to keep reading a cell's outputs after the kernel reported idle.
LATE_OUTPUT_GRACE = 0.5


class LateOutputClient(NotebookClient):
    """nbclient stops reading a cell's outputs at the kernel's idle status, but
    the Deno kernel can send a display message just after it (seen here: 1 run
    in 5 lost the only output of a cell). This client keeps reading the cell's
    messages for a short grace period after idle, so those outputs are kept."""

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        assert self.kc is not None
        while True:
            msg = await self._get_iopub(None)
            if msg["parent_header"].get("msg_id") == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    break
        while True:
            try:
                msg = await self._get_iopub(LATE_OUTPUT_GRACE)
            except (queue.Empty, asyncio.TimeoutError, TimeoutError):
                return
            if msg["parent_header"].get("msg_id") != parent_msg_id:
                continue
            try:
                self.process_message(msg, cell, cell_index)
            except CellExecutionComplete:
                pass

    async def _get_iopub(self, timeout):
        res = self.kc.iopub_channel.get_msg(timeout=timeout)
        if asyncio.iscoroutine(res) or isinstance(res, asyncio.Future):
            return await res
        return res


def kernel_pid(client):
    """The process id of the client's kernel, or None before it started."""
    km = getattr(client, "km", None)
    if km is None:
        return None
    proc = getattr(getattr(km, "provisioner", None), "process", None)
    if proc is not None:
        return proc.pid
    return getattr(getattr(km, "kernel", None), "pid", None)


def stop_kernel_and_exit(client, code):
    """Stops the kernel (SIGTERM, then SIGKILL after 3 s) and exits at once."""
    pid = kernel_pid(client)
    if pid:
        try:
            os.kill(pid, signal.SIGTERM)
            for _ in range(30):
                if os.waitpid(pid, os.WNOHANG)[0] == pid:
                    break
                time.sleep(0.1)
            else:
                os.kill(pid, signal.SIGKILL)
        except (OSError, ChildProcessError):
            pass
    os._exit(code)


def stop_kernel_with_parent(client):
    """Stops the kernel when this process is interrupted or its parent (the report) dies, so that
    a killed `deno task report` leaves no kernel running."""
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda signum, _frame: stop_kernel_and_exit(client, 128 + signum))
    parent = os.getppid()

    def watch():
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                stop_kernel_and_exit(client, 5)

    threading.Thread(target=watch, daemon=True).start()


def main() -> int:
    args = sys.argv[1:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    src, dst = args[0], args[1]
    kernel = "deno"
    timeout = 600
    if "--kernel" in args:
        kernel = args[args.index("--kernel") + 1]
    if "--timeout" in args:
        timeout = int(args[args.index("--timeout") + 1])
    nb = nbformat.read(src, as_version=4)
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    total = len(code_cells)
    name = os.path.basename(src)

    def on_cell_start(cell, cell_index):
        if cell_index not in code_cells:
            return
        n = code_cells.index(cell_index) + 1
        print(json.dumps({"event": "cell", "notebook": name, "cell": cell_index,
                          "code_cell": n, "code_cells": total}), flush=True)

    client = LateOutputClient(
        nb,
        kernel_name=kernel,
        timeout=timeout,
        startup_timeout=120,
        allow_errors=False,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(src))}},
        on_cell_start=on_cell_start,
    )
    stop_kernel_with_parent(client)
    status = 0
    try:
        client.execute()
    except CellExecutionError as err:
        status = 3
        failed = None
        for i, c in enumerate(nb.cells):
            for o in c.get("outputs", []):
                if o.get("output_type") == "error":
                    failed = (i, o.get("ename", ""), o.get("evalue", ""))
                    break
            if failed:
                break
        if failed:
            print(json.dumps({"event": "error", "notebook": name, "cell": failed[0],
                              "ename": failed[1], "evalue": failed[2]}), flush=True)
        else:
            print(json.dumps({"event": "error", "notebook": name, "cell": None,
                              "ename": "CellExecutionError", "evalue": str(err)[:2000]}), flush=True)
    except Exception as err:  # kernel died, timeout, ...
        status = 4
        print(json.dumps({"event": "error", "notebook": name, "cell": None,
                          "ename": type(err).__name__, "evalue": str(err)[:2000]}), flush=True)
    tmp = dst + ".tmp"
    nbformat.write(nb, tmp)
    os.replace(tmp, dst)
    print(json.dumps({"event": "done", "notebook": name, "status": status}), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
