"""Launch and outcome frames: "112 drones were launched; 76 were shot down and 32 lost" --
the outcomes of one launch are parts of it, though none of them names the launch's noun."""

from __future__ import annotations

from ..claims import Claim
from ..verdicts import readings_fit
from .bullets import BulletedLists
from .scope import AT_MOST, SCOPE_BLOCKS, SCOPE_CLAIMS, Group

_ITEM_WORDS = 14  # the words one item of a list of launches by type may take ("fired from ... over ...")


class OutcomeFrames(BulletedLists):
    def _pass_outcome_frames(self) -> None:
        """"Russia sent 78 drones ... 32 shot down, 45 lost, one still airborne"."""
        for n, total in enumerate(self.claims):
            if total.event != self.v.launch_event or total.value is None or total.percent or not self._free(total) \
                    or total.comparative:
                continue  # "18 missiles, including six Kalibr missiles launched from a submarine": the six are a part
            existing = [g for g in self._groups_of(total) if g.dimension == "part-of"]
            if self._has_group(total, "outcome") or (self._groups_of(total) and not existing):
                continue
            parts = self._outcomes_after(n, total) or (self._outcomes_before(n, total) if total.total_cue else [])
            if existing:
                group = existing[0]
                seen = {p.event for p in group.parts}
                extra = [p for p in parts if p.event not in seen]
                if extra:
                    group.parts.extend(extra)
                    for p in extra:
                        self.consumed.add(self._n(p))
                    group.dimension = "outcome"
                continue
            if parts and not readings_fit(parts, total, AT_MOST) and self._one_of_several(total):
                continue  # "fired 6 ballistic and 7 cruise missiles; 11 missiles were downed": 6 is one type of them
            if parts:
                self._add(Group(total, parts, AT_MOST, "outcome", "launched"))

    def _outcome_ok(self, total: Claim, c: Claim) -> bool:
        if c.event not in self.v.outcome_events or c.value is None or c.percent or not self._free(c):
            return False
        if not self._compatible(total.unit, c.unit) and c.unit is not None:
            return False
        if c.unit is None and self._mixed_launch(total):
            # "launched 4 missiles and 80 drones; 60 drones were shot down and 15 were lost": the 15 are
            # drones like the count before them; with no such count, whose outcome it is is unknown
            before = [p for p in self.by_sentence.get(c.sentence, ()) if p.index < c.index and p.unit
                      and p.event in self.v.outcome_events]
            if not before or not self._compatible(total.unit, before[-1].unit):
                return False
        if c.unit is None:
            lead = self._sentence_prefix(self.by_sentence[c.sentence][0])  # "Of the drones, 61 were shot down"
            named = self._unit_named(lead)
            if named and total.unit and not self._related(total.unit, named):
                return False
        if c.qualifiers and total.qualifiers and not (c.qualifiers & total.qualifiers):
            return False
        return not (c.qualifiers and not total.qualifiers and c.qualifiers - {"attack"})

    def _one_of_several(self, total: Claim) -> bool:
        """Is the launch count one of several in its sentence, joined by "and" or a comma (by type)?"""
        n = self._n(total)
        near = [self.claims[k] for k in (n - 1, n + 1) if 0 <= k < len(self.claims)]
        for c in near:
            if c.sentence != total.sentence or c.value is None or c.percent \
                    or c.event not in (None, self.v.launch_event) or (c.unit and total.unit and c.unit != total.unit):
                continue  # (drones and missiles are two launches, each with its outcomes)
            gap = self._gap(*sorted((c, total), key=lambda x: x.index))
            if gap[-1:] in (["and"], [","]) and len(gap) <= _ITEM_WORDS:  # "6 ballistic and 7 cruise missiles",
                return True  # "18 Kh-101 cruise missiles fired from Tu-95MS bombers over the Caspian Sea, 13 ..."
        return False

    def _mixed_launch(self, total: Claim) -> bool:
        """Was something else launched in the same sentence ("fired 2 Kinzhal missiles and 45 drones")?"""
        return any(c is not total and c.event == self.v.launch_event and c.unit and c.unit != total.unit
                   for c in self.by_sentence.get(total.sentence, ()))

    def _outcomes_after(self, n: int, total: Claim) -> list[Claim]:
        parts: list[Claim] = []
        seen_events: set[str | None] = set()
        for c in self.claims[n + 1 : n + 1 + SCOPE_CLAIMS]:
            if c.block - total.block > SCOPE_BLOCKS:
                break
            if c.event == self.v.launch_event and not c.total_cue and self._free(c) and (
                    c.unit == total.unit or c.block != total.block):
                break  # another launch: its outcomes are its own
            if self._is_heading(total) and c.block != total.block:
                break  # a headline's count is restated below; the body's own total takes the outcomes
            if not self._outcome_ok(total, c):
                continue
            if c.event in seen_events:
                continue  # a second count of one outcome restates or subdivides the first
            seen_events.add(c.event)
            parts.append(c)
        return parts

    def _outcomes_before(self, n: int, total: Claim) -> list[Claim]:
        parts: list[Claim] = []
        for c in reversed(self.claims[:n]):
            if c.block != total.block or total.sentence - c.sentence > 1:
                break
            if self._outcome_ok(total, c) and c.unit is not None and c.unit != total.unit:
                parts.insert(0, c)
        return parts if len(parts) >= 2 else []
