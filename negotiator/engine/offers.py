"""Offers on the table: who proposed what to whom, and where each stands."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from negotiator.engine.actions import Terms

OfferStatus = Literal["open", "agreed", "rejected", "lapsed", "settled", "void"]


@dataclass(frozen=True)
class Offer:
    """An offer. The proposer counts as accepting; it is agreed once everyone in `to` has accepted."""

    id: int
    proposer: str
    terms: Terms
    to: tuple[str, ...]
    turn: int
    accepted_by: tuple[str, ...] = ()
    rejected_by: str | None = None
    status: OfferStatus = "open"

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def terms_dict(self) -> dict[str, str]:
        return dict(self.terms)

    def with_status(self, status: OfferStatus, by: str | None = None) -> Offer:
        return replace(self, status=status, rejected_by=by if by is not None else self.rejected_by)

    def with_acceptance(self, actor: str) -> Offer:
        accepted = (*self.accepted_by, actor)
        status: OfferStatus = "agreed" if set(self.to) <= set(accepted) else "open"
        return replace(self, accepted_by=accepted, status=status)
