"""Group claims into tallies: a total with the parts it should add up to.

Two passes. The first binds what the wording binds explicitly and locally:

* a list introduced by its total -- "32 drones: four over ...", "11 medals (four gold,
  two silver and five bronze)", "390 fatalities, comprising 288 men ...", "of which",
  "including" (partial), "Of the 988 damaged houses, 556 ... and 432 ...";
* a list closed by its total -- "..., bringing the total death toll to 31", "That comes
  to 49 casualties", "all 18 people";
* part and whole -- "15 out of 18", "50 of the 75 seats";
* a part's own sub-list -- "seven above the Moscow Region, including two ...";
* a bulleted list after a paragraph that ends with a colon, one count per item;
* a season's record -- "played 46 games, winning 27, drawing eight and losing 10".

The second pass reads runs of sibling counts -- counts by place ("47 over Rostov, 17
above the Black and Azov seas, ..."), by category ("16 men and two women") or by outcome
("32 shot down, 45 lost, one still airborne") -- and attaches each run to the total it
follows: the nearest earlier count of the same unit that is not itself one of the
siblings, preferring one the run adds up to when two are in reach.

Precision first: a run is complete (must add up) only when the wording says so, when it
names every member of a closed category set, or when it enumerates three or more places;
otherwise its parts may fall short of the total but not exceed it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..claims import Claim
from ..segment import Block, Sentence
from ..tokens import Token
from .runs import RunPass
from .scope import AT_MOST, EQUAL, Group

__all__ = ["AT_MOST", "EQUAL", "Group", "TallyBuilder"]


class TallyBuilder(RunPass):
    """Runs the passes in order over one document; each later pass sees what earlier ones bound.

    Each pass class extends the one before it (splits, lists, bullets, outcomes, records, runs) rather
    than all being mixed in side by side: one line of inheritance is what mypyc can compile."""

    def build(self, claims: list[Claim], toks: list[Token], sentences: Sequence[Sentence],
              blocks: Sequence[Block], text: str = "") -> list[Group]:
        self.load(claims, toks, sentences, blocks, text)
        self._pass_records()
        self._pass_part_of_whole()
        self._pass_nested_including()
        self._pass_bulleted_lists()
        self._pass_introduced_lists()
        self._pass_closing_totals()
        self._pass_running_totals()
        self._pass_outcome_frames()
        self._pass_runs()
        return self.groups
