"""Runs the bench's commands and reports their usage: one JSON line in (command, folder), one out
(exit code, CPU seconds, wall seconds, peak MB, the end of stderr).

A separate small process, because Linux gives a child the memory high-water mark of the process
that forked it: started from the bench (which holds corpora and a browser driver), every command
would report at least the bench's own peak. Run by path with only the standard library, so it
starts small."""

import json
import os
import subprocess
import sys
import tempfile
import time

for line in sys.stdin:
    command, folder = json.loads(line)
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a talkative command cannot block on it
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=folder, stdout=subprocess.DEVNULL, stderr=errors)
        # wait4 reports the command's usage including the children it reaped (MkDocs under `mbc build`).
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        errors.seek(0)
        said = errors.read()[-3000:].decode(errors="replace")
    print(json.dumps([os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime, wall,
                      usage.ru_maxrss / 1024, said]), flush=True)
