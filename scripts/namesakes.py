#!/usr/bin/env python3
"""How many people have a name inside another person's name: the namesake
rate the benchmark generator is held to (examples/generate.rs,
NAMESAKES_PER_MILLE).

A person counts when one of their names of two or more words (particles
such as al-, ibn, abu left out) has every word inside a name of another
person. Reads:

  scripts/namesakes.py claims FILE.ndjson     # entity records (claimlint import output)
  scripts/namesakes.py truth truth.jsonl      # the generator's people (canonical names)
  scripts/namesakes.py clusters clusters.jsonl  # alias-dev style clusters

For a real list, import it first:
  claimlint import ofac-csv sdn.csv alt.csv -o /tmp/ofac.ndjson
  scripts/namesakes.py claims /tmp/ofac.ndjson
"""
import collections
import json
import re
import sys

PARTICLES = {"al", "el", "bin", "ibn", "ben", "abu", "abd", "abdul", "abdel",
             "ad", "ar", "as", "az", "at", "ash", "an"}


def words(name):
    tokens = re.split(r"[\s\-',]+", name.lower())
    return frozenset(t for t in tokens if t and t not in PARTICLES)


def rate(people):
    index = collections.defaultdict(set)
    sets = [[words(n) for n in names] for names in people]
    for i, names in enumerate(sets):
        for ws in names:
            for w in ws:
                index[w].add(i)
    inside = 0
    for i, names in enumerate(sets):
        found = False
        for ws in names:
            if len(ws) < 2 or found:
                continue
            others = set.intersection(*(index[w] for w in ws)) - {i}
            found = any(ws <= other for j in others for other in sets[j])
        inside += found
    return len(people), inside


def people_of(kind, path):
    with open(path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    if kind == "claims":
        return [[r["name"]] + r.get("aliases", []) for r in records if r.get("type") == "entity"]
    if kind == "truth":
        return [[r["name"]] for r in records if "claim" not in r]
    if kind == "clusters":
        return [[n["name"] for n in r["names"]] for r in records]
    sys.exit(f"unknown kind {kind!r}: claims, truth or clusters")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    people = people_of(sys.argv[1], sys.argv[2])
    n, inside = rate(people)
    primary_n, primary_inside = rate([names[:1] for names in people])
    print(f"{n} people; a name inside another person's name: {inside} ({100 * inside / max(n, 1):.2f} %), "
          f"by first names only: {primary_inside} ({100 * primary_inside / max(primary_n, 1):.2f} %)")


if __name__ == "__main__":
    main()
