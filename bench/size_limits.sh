#!/usr/bin/env bash
# Lists main-code classes over 500 lines and methods over 80 lines (the size rule of the brief,
# enforced by issue 11), so the check is repeatable:
#
#   bench/size_limits.sh [SRC_DIR]     (default: src/main/java)
#
# A class is measured from its declaration to its closing brace (nested types count in their
# outer class too; a file's top-level type is what the rule is about), a method or constructor
# (compact ones and initializer blocks too) from the first line of its signature to its closing
# brace. Braces are counted after comments, strings, text blocks and char literals are blanked,
# so a brace inside a string does not count. Exit 1 when something is over a limit.
# Environment: CLASS_LIMIT (default 500), METHOD_LIMIT (default 80).
set -euo pipefail
repo="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
src=${1:-$repo/src/main/java}
CLASS_LIMIT=${CLASS_LIMIT:-500} METHOD_LIMIT=${METHOD_LIMIT:-80} python3 - "$src" <<'PY'
import os, re, sys

CLASS_LIMIT = int(os.environ["CLASS_LIMIT"]); METHOD_LIMIT = int(os.environ["METHOD_LIMIT"])
CONTROL = re.compile(r"^(if|for|while|switch|catch|try|synchronized|else|do|finally|return|case|default)\b")
TYPE = re.compile(r"\b(class|interface|enum|record)\s+([A-Za-z_]\w*)")

def blank(text):
    """Comments, strings, text blocks and char literals replaced by spaces, newlines kept."""
    out = []; i = 0; n = len(text)
    def keep_newlines(s): return "".join("\n" if c == "\n" else " " for c in s)
    while i < n:
        if text.startswith("//", i):
            j = text.find("\n", i); j = n if j < 0 else j
            out.append(" " * (j - i)); i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2); j = n if j < 0 else j + 2
            out.append(keep_newlines(text[i:j])); i = j
        elif text.startswith('"""', i):
            j = text.find('"""', i + 3); j = n if j < 0 else j + 3
            out.append(keep_newlines(text[i:j])); i = j
        elif text[i] in "\"'":
            q = text[i]; j = i + 1
            while j < n and text[j] != q and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(" " * (j - i)); i = j
        else:
            out.append(text[i]); i += 1
    return "".join(out)

def measure(path):
    text = blank(open(path, encoding="utf-8").read())
    stack = []      # (kind, name, start line) per open brace; kind: type, method, block
    header = []     # characters since the last ; { or }
    header_line = None
    line = 1
    classes, methods = [], []
    for c in text:
        if c == "\n":
            line += 1
        if c == "{":
            h = " ".join("".join(header).split())
            start = header_line or line
            in_type = bool(stack) and stack[-1][0] == "type"
            t = TYPE.search(h)
            if t and "(" not in h.split(t.group(0))[0] and "=" not in h and "new " not in h:
                stack.append(("type", t.group(2), start))
            elif in_type and not CONTROL.match(h) and "=" not in h and "->" not in h and (
                    re.search(r"\)\s*(throws\s+[\w.,\s<>]+)?$", h) or re.fullmatch(r"([\w@]+\s+)*[A-Z]\w*", h)
                    or h in ("", "static")):
                name = re.search(r"([A-Za-z_]\w*)\s*\(", h)
                stack.append(("method", name.group(1) if name else (h or "{initializer}"), start))
            else:
                stack.append(("block", None, start))
            header = []; header_line = None
        elif c == "}":
            if stack:
                kind, name, start = stack.pop()
                length = line - start + 1
                owner = ".".join(n for k, n, _ in stack if k == "type")
                if kind == "type" and length > CLASS_LIMIT:
                    classes.append((length, (owner + "." if owner else "") + name))
                if kind == "method" and length > METHOD_LIMIT:
                    methods.append((length, owner + "." + name, start))
            header = []; header_line = None
        elif c == ";":
            header = []; header_line = None
        else:
            if not c.isspace() and header_line is None:
                header_line = line
            header.append(c)
    return classes, methods

root = sys.argv[1]
over = 0
rows_c, rows_m = [], []
for d, _, files in os.walk(root):
    for f in sorted(files):
        if f.endswith(".java"):
            p = os.path.join(d, f)
            cs, ms = measure(p)
            rel = os.path.relpath(p, root)
            rows_c += [(n, rel, name) for n, name in cs]
            rows_m += [(n, rel, name, s) for n, name, s in ms]
print(f"classes over {CLASS_LIMIT} lines:")
for n, rel, name in sorted(rows_c, reverse=True):
    print(f"  {n:5d}  {name}  ({rel})")
if not rows_c: print("  none")
print(f"methods over {METHOD_LIMIT} lines:")
for n, rel, name, s in sorted(rows_m, reverse=True):
    print(f"  {n:5d}  {name}  ({rel}:{s})")
if not rows_m: print("  none")
sys.exit(1 if rows_c or rows_m else 0)
PY
