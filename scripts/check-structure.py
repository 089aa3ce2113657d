#!/usr/bin/env python3
"""Structural checks the compiler does not make (STYLE.md habits 12 and 13).

1. No non-test function in src/ is longer than 100 lines.
2. No import cycles among src/ modules: neither among the top-level rooms
   (`crate::x` paths) nor among the files of one directory (`super::x`).
3. Data flows one way: a room imports only rooms at its layer or below
   (LAYERS, from the bottom: model → load → names → reconcile →
   evidence/provenance → rules → verdict → review → render → command line).

Prints every violation and exits 1 if there is any. Run by .ci/run.
"""
import collections
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
LIMIT = 100

# Each top-level room's layer, from the bottom. A room may import rooms of
# its own layer (no cycles) or lower ones, never higher ones.
LAYERS = [
    {"date", "suggest", "digest", "collections"},
    {"model", "finding", "basis"},
    {"load"},
    # Importers write claims for `load` to read; nothing below reads them.
    {"import"},
    {"names", "permutation"},
    {"reconcile", "lookup"},
    {"evidence", "provenance"},
    {"checker"},
    {"rules"},
    {"verdict", "analysis"},
    {"config", "review"},
    {"render"},
    {"cli", "allocator"},
]
LAYER = {room: i for i, rooms in enumerate(LAYERS) for room in rooms}


def strip_comments_and_strings(text):
    """Blanks out comments, strings and chars, keeping newlines and braces' positions."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == "r" and re.match(r'r#*"', text[i:i + 10]) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'r(#*)"', text[i:])
            end = '"' + m.group(1)
            j = text.find(end, i + len(m.group(0)))
            j = n if j < 0 else j + len(end)
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(re.sub(r"[^\n]", " ", text[i:j + 1]))
            i = j + 1
        elif c == "'" and re.match(r"'(\\.|[^\\'])'|'\\u\{[0-9a-fA-F]+\}'|'\\x[0-9a-fA-F]{2}'", text[i:i + 12]):
            m = re.match(r"'(\\.|[^\\'])'|'\\u\{[0-9a-fA-F]+\}'|'\\x[0-9a-fA-F]{2}'", text[i:i + 12])
            out.append(" " * len(m.group(0)))
            i += len(m.group(0))
        else:
            out.append(c)
            i += 1
    return "".join(out)


def test_ranges(clean):
    """Line ranges of `#[cfg(test)] mod ... { }` blocks."""
    ranges = []
    for m in re.finditer(r"#\[cfg\(test\)\]\s*(pub(\(crate\))?\s+)?mod\s+\w+\s*\{", clean):
        start = m.end() - 1
        end = match_brace(clean, start)
        ranges.append((clean.count("\n", 0, m.start()), clean.count("\n", 0, end)))
    return ranges


def match_brace(clean, open_at):
    depth = 0
    for k in range(open_at, len(clean)):
        if clean[k] == "{":
            depth += 1
        elif clean[k] == "}":
            depth -= 1
            if depth == 0:
                return k
    return len(clean) - 1


def long_functions(path, clean):
    found = []
    tests = test_ranges(clean)
    for m in re.finditer(r"\bfn\s+(\w+)", clean):
        line = clean.count("\n", 0, m.start())
        if any(a <= line <= b for a, b in tests):
            continue
        # The body starts at the first `{` after the signature, unless a `;` ends it first.
        k = m.end()
        while k < len(clean) and clean[k] not in "{;":
            k += 1
        if k >= len(clean) or clean[k] == ";":
            continue
        end = match_brace(clean, k)
        length = clean.count("\n", m.start(), end) + 1
        if length > LIMIT:
            found.append(f"{path}:{line + 1}: fn {m.group(1)} is {length} lines (limit {LIMIT})")
    return found


def module_of(path):
    rel = os.path.relpath(path, ROOT)[:-3].split(os.sep)
    if rel[-1] == "mod":
        rel = rel[:-1]
    return rel


def cycles(edges):
    """Edges that lie on a cycle, each cycle named once by its members."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def main():
    problems = []
    top = collections.defaultdict(set)
    local = collections.defaultdict(lambda: collections.defaultdict(set))
    for dirpath, _, files in os.walk(ROOT):
        for name in sorted(files):
            if not name.endswith(".rs"):
                continue
            path = os.path.join(dirpath, name)
            text = open(path, encoding="utf-8").read()
            clean = strip_comments_and_strings(text)
            problems += long_functions(os.path.relpath(path, os.path.join(ROOT, "..")), clean)
            tests = test_ranges(clean)
            mod = module_of(path)
            if mod[0] in ("lib", "main") or name == "tests.rs":
                continue

            def in_test(pos):
                line = clean.count("\n", 0, pos)
                return any(a <= line <= b for a, b in tests)

            for m in re.finditer(r"\bcrate::(\w+)", clean):
                if m.group(1) != mod[0] and not in_test(m.start()):
                    top[mod[0]].add(m.group(1))
            parent = "/".join(mod[:-1]) if os.path.basename(path) != "mod.rs" else None
            if parent is not None and len(mod) >= 2:
                for m in re.finditer(r"\bsuper::(\w+)", clean):
                    if not in_test(m.start()) and m.group(1) != mod[-1]:
                        local[parent][mod[-1]].add(m.group(1))
    for room, targets in sorted(top.items()):
        if room not in LAYER:
            problems.append(f"src/{room}: no layer in scripts/check-structure.py's LAYERS: add it")
            continue
        for target in sorted(targets):
            if target in LAYER and LAYER[target] > LAYER[room]:
                problems.append(f"src/{room} imports {target}, a higher layer: data flows one way")
    for comp in cycles(top):
        problems.append("import cycle among src/ modules: " + " -> ".join(comp))
    for parent, edges in sorted(local.items()):
        files = {f[:-3] for f in os.listdir(os.path.join(ROOT, parent)) if f.endswith(".rs")}
        files |= {d for d in os.listdir(os.path.join(ROOT, parent)) if os.path.isdir(os.path.join(ROOT, parent, d))}
        edges = {k: {v for v in vs if v in files} for k, vs in edges.items()}
        for comp in cycles(edges):
            problems.append(f"import cycle inside src/{parent}/: " + " -> ".join(comp))
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} structural problem(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
