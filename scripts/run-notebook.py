"""Execute one notebook with Jupyter's nbclient and record what the kernel replied for each cell.

check-notebooks.ts calls this once per notebook; it is Python only because nbclient is.
tslab reports a failing cell through the execute reply (status "error") and stderr, never as an
`error` output, so the executed notebook alone cannot tell a failure from a cell that printed to
stderr. The nbclient hooks below write each reply's status to a JSON file beside the notebook;
all judging happens in TypeScript.

Usage: python run-notebook.py IN.ipynb OUT.ipynb STATUS.json TIMEOUT_S STARTUP_TIMEOUT_S DRAIN_MS [CWD]
(CWD, the kernel's working folder, defaults to IN's folder.)
"""

import json
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import (
    CellExecutionComplete,
    CellExecutionError,
    CellTimeoutError,
    DeadKernelError,
)
from nbclient.util import ensure_async


class LateOutputClient(NotebookClient):
    """A NotebookClient that keeps what a finished cell prints instead of dropping it.

    tslab sends output written after a cell finished (a stray timer, say) under that old cell's
    message id; nbclient only listens for the running cell's id and silently drops the rest.
    This copy of nbclient's polling loop files such output under the cell that was running when
    it arrived, so the checker can report an unhandled rejection however late it comes.
    """

    late_outputs: dict

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        while True:
            msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=None))
            if msg["parent_header"].get("msg_id") == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    return
            elif msg["msg_type"] == "stream":
                content = msg["content"]
                self.late_outputs.setdefault(str(cell_index), []).append(
                    {"output_type": "stream", "name": content["name"], "text": content["text"]}
                )


def main() -> None:
    src, out, status_path, timeout, startup_timeout, drain_ms = sys.argv[1:7]
    cwd = sys.argv[7] if len(sys.argv) > 7 else os.path.dirname(os.path.abspath(src))
    nb = nbformat.read(src, as_version=4)
    real_cells = len(nb.cells)
    # A last cell, removed again before saving, waits a moment so that output from timers an
    # earlier cell left behind (an unhandled rejection, say) lands somewhere the checker can see.
    nb.cells.append(
        nbformat.v4.new_code_cell(f"await new Promise((resolve) => setTimeout(resolve, {int(drain_ms)}));")
    )
    status = {"cells": {}, "failure": None}
    started = {}

    def on_cell_start(cell, cell_index):
        started[cell_index] = time.monotonic()

    def on_cell_executed(cell, cell_index, execute_reply):
        content = execute_reply["content"]
        status["cells"][str(cell_index)] = {
            "status": content.get("status"),
            "ename": content.get("ename"),
            "evalue": content.get("evalue"),
            "seconds": round(time.monotonic() - started.get(cell_index, time.monotonic()), 3),
        }

    client = LateOutputClient(
        nb,
        kernel_name="tslab",
        timeout=int(timeout),
        startup_timeout=int(startup_timeout),
        interrupt_on_timeout=False,
        record_timing=False,
        resources={"metadata": {"path": cwd}},
        on_cell_start=on_cell_start,
        on_cell_executed=on_cell_executed,
    )

    client.late_outputs = {}

    def current_cell():
        return max(started) if started else None

    try:
        client.execute()
    except CellExecutionError:
        status["failure"] = {"kind": "error", "cell": current_cell()}
    except CellTimeoutError:
        status["failure"] = {"kind": "timeout", "cell": current_cell()}
    except DeadKernelError:
        status["failure"] = {"kind": "kernel-died", "cell": current_cell()}
    except Exception as e:  # the kernel could not start, or the connection broke
        kind = "kernel-start" if not started else "kernel-died"
        status["failure"] = {"kind": kind, "cell": current_cell(), "message": f"{type(e).__name__}: {e}"}

    drain = nb.cells.pop()
    late = client.late_outputs
    status["after_last_cell"] = (drain.get("outputs", []) if real_cells in started else []) + late.pop(str(real_cells), [])
    status["late_outputs"] = late
    status["cells"].pop(str(real_cells), None)
    nbformat.write(nb, out)
    with open(status_path, "w", encoding="utf-8") as f:
        json.dump(status, f)


if __name__ == "__main__":
    main()
