#!/usr/bin/env python3
"""Measures how Arabic-script names meet their Latin spellings on a UN list.

    scripts/arabic_eval.py LIST.xml [--bin target/release/claimlint]

Each UN person with a NAME_ORIGINAL_SCRIPT in Arabic script becomes
separate claims: the Latin name, every good-quality alias and the
original-script name, with no link between them. `claimlint entities`
clusters the claims by name alone; the script prints how many
Arabic-script names joined their own person, how many joined another
person, how many stayed alone, and pairwise precision and recall over all
the claims (a pair is true when both claims come from one UN entry).

For measuring (docs/names.md §3); only the standard library is used.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict


def arabic(text):
    return any("\u0600" <= c <= "\u06ff" for c in text)


def persons(path):
    """(entry id, Latin name, aliases, Arabic-script name) per person."""
    root = ET.parse(path).getroot()
    for ind in root.iter("INDIVIDUAL"):
        script = (ind.findtext("NAME_ORIGINAL_SCRIPT") or "").strip()
        if not script or not arabic(script):
            continue
        parts = [
            (ind.findtext(tag) or "").strip()
            for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
        ]
        latin = " ".join(p for p in parts if p)
        aliases = [
            (a.findtext("ALIAS_NAME") or "").strip()
            for a in ind.findall("INDIVIDUAL_ALIAS")
            if (a.findtext("QUALITY") or "").strip() == "Good"
        ]
        yield ind.findtext("DATAID"), latin, [a for a in aliases if a], script


def claims_of(people):
    claims, truth = [], {}
    for entry, latin, aliases, script in people:
        for name in [latin, *aliases, script]:
            cid = f"c{len(claims) + 1}"
            claims.append(
                {"id": cid, "who": name, "status": "designated",
                 "date": "2026-01-01", "source": "un"}
            )
            truth[cid] = (entry, arabic(name))
    return claims, truth


def pairs(groups):
    return sum(n * (n - 1) // 2 for n in groups)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("xml")
    parser.add_argument("--bin", default="target/release/claimlint")
    args = parser.parse_args()
    claims, truth = claims_of(persons(args.xml))
    dataset = {
        "sources": [{"id": "un", "title": "UN list", "publisher": "UN",
                     "published": "2026-01", "reliability": "A"}],
        "claims": claims,
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "claims.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(dataset, f, ensure_ascii=False)
        out = subprocess.run(
            [args.bin, "entities", path, "--output-format", "json"],
            capture_output=True, text=True, check=False,
        )
    if out.returncode not in (0, 1):
        sys.exit(f"claimlint failed ({out.returncode}): {out.stderr}")
    entities = json.loads(out.stdout)["entities"]
    cluster = {}
    for k, entity in enumerate(entities):
        for cid in entity["claims"]:
            cluster[cid] = k
    for cid in truth:
        cluster.setdefault(cid, f"alone-{cid}")
    members = defaultdict(list)
    for cid, k in cluster.items():
        members[k].append(cid)
    fate = Counter()
    for cid, (entry, is_arabic) in truth.items():
        if not is_arabic:
            continue
        others = [truth[o][0] for o in members[cluster[cid]] if o != cid]
        if entry in others:
            fate["own"] += 1
        elif others:
            fate["another"] += 1
        else:
            fate["alone"] += 1
    predicted = pairs(len(m) for m in members.values())
    true = pairs(Counter(e for e, _ in truth.values()).values())
    both = pairs(
        Counter((cluster[c], truth[c][0]) for c in truth).values()
    )
    arabic_names = sum(fate.values())
    print(f"{args.xml}: {len({e for e, _ in truth.values()})} people, "
          f"{len(truth)} names, {arabic_names} in Arabic script")
    print(f"Arabic-script names with their own person {fate['own']}, "
          f"with another {fate['another']}, alone {fate['alone']}")
    print(f"pairwise P {both / predicted if predicted else 1:.4f} "
          f"R {both / true:.4f} ({both} of {true} true pairs, {predicted} predicted)")


if __name__ == "__main__":
    main()
