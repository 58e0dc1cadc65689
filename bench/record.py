#!/usr/bin/python3
"""Puts a block of Markdown (stdin) into bench/RESULTS.md between <!-- KEY:begin --> and
<!-- KEY:end -->, replacing an earlier block with the same key or appending a new one.
Usage: record.py RESULTS.md KEY < block"""
import os
import sys

results, key = sys.argv[1], sys.argv[2]
block = "<!-- %s:begin -->\n%s\n<!-- %s:end -->" % (key, sys.stdin.read().strip(), key)
text = open(results).read() if os.path.exists(results) else "# Benchmark results\n"
begin, end = "<!-- %s:begin -->" % key, "<!-- %s:end -->" % key
if begin in text:
    text = text[:text.index(begin)] + block + text[text.index(end) + len(end):]
else:
    text = text.rstrip("\n") + "\n\n" + block + "\n"
open(results, "w").write(text)
print(block)
