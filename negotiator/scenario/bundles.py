"""How a deal can be assembled in parts: the issues grouped by who signs them, and the ways to split those
groups into bundles that are agreed separately.

An offer needs the consent of every signatory of the issues it contains and of nobody else, so a deal over
every issue can be reached at once (each party judging the whole package) or in parts (each bundle judged
only by its own signatories, by their open value: the weighted mean of their values over the bundle's
issues). The validator's zone search (`references.zone_of_agreement`) and the engine's analysis
(`engine.analysis`) both ask "is this package reachable in some split?", and both take the splits from here,
so a zone the validator reports is the zone `analyze`, the briefs and the report show.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

# Above this many signatory groups only the whole and the finest split are tried (Bell(5) = 52 splits;
# Bell(8) would be 4,140), which keeps the search quick while covering every shipped and template case.
MAX_GROUPS_FOR_EVERY_SPLIT = 5

Split = tuple[tuple[int, ...], ...]  # bundles of issue positions; each bundle is agreed on its own


def signatory_groups(signatories: Sequence[frozenset[str]], issues: Sequence[int]) -> list[tuple[int, ...]]:
    """`issues` (positions) grouped by their exact set of signatories, in order of first appearance."""
    groups: dict[frozenset[str], list[int]] = {}
    for k in issues:
        groups.setdefault(signatories[k], []).append(k)
    return [tuple(g) for g in groups.values()]


def ways_to_agree(signatories: Sequence[frozenset[str]], issues: Sequence[int]) -> list[Split]:
    """The ways to agree on `issues` (positions) in bundles: every partition of their signatory groups (all at
    once first), or only all at once and the finest split when there are many groups. A bundle that only one
    party signs cannot be agreed on its own (there is nobody to offer it to), so splits with one are left out.
    """
    groups = signatory_groups(signatories, issues)
    if not groups:
        return []
    if len(groups) > MAX_GROUPS_FOR_EVERY_SPLIT:
        candidates = [(_merged(groups),), tuple(groups)]
    else:
        candidates = [tuple(_merged(block) for block in blocks) for blocks in _partitions(list(groups))]
    return [way for way in candidates if all(len(bundle_signatories(signatories, b)) >= 2 for b in way)]


def bundle_signatories(signatories: Sequence[frozenset[str]], bundle: Sequence[int]) -> frozenset[str]:
    """Who must accept a bundle: every signatory of any of its issues."""
    return frozenset().union(*(signatories[k] for k in bundle))


def _merged(groups: Sequence[tuple[int, ...]]) -> tuple[int, ...]:
    return tuple(sorted(k for g in groups for k in g))


def _partitions(items: list[tuple[int, ...]]) -> Iterator[list[list[tuple[int, ...]]]]:
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for smaller in _partitions(rest):  # `first` joins each bundle in turn (all at once comes first), or stands alone
        for i in range(len(smaller)):
            yield [*smaller[:i], [first, *smaller[i]], *smaller[i + 1 :]]
        yield [[first], *smaller]
