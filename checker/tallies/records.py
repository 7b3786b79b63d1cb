"""Season records: "played 46 league games, winning 27, drawing eight and losing 10" -- the
games played are the games won, drawn and lost, though no count after the total names its noun."""

from __future__ import annotations

from ..claims import Claim
from .outcomes import OutcomeFrames
from .scope import AT_MOST, EQUAL, Group

_MEMBERS = 3  # won, drawn, lost


class SeasonRecords(OutcomeFrames):
    def _pass_records(self) -> None:
        """Each sentence that counts games won and drawn or lost splits the count of games it belongs to."""
        for sentence in list(self.by_sentence):
            results = self._results_in(sentence)
            total = self._record_total(sentence, results) if results else None
            if total is not None:
                relation = EQUAL if len(results) == _MEMBERS else AT_MOST  # (won and lost may leave draws out)
                self._add(Group(total, results, relation, "record", "record"))

    def _record_total(self, sentence: int, results: list[Claim]) -> Claim | None:
        """The games the results split: the nearest count of games before them in their sentence ("seventh
        in eight league matches; they have 64 points from 27 games, with 20 wins, ..."), else the first
        after them, else the last of the sentence before."""
        own = [c for c in self.by_sentence[sentence] if c not in results and self._played_total(c)]
        whole = next((c for c in own if c.index > results[-1].index
                      and self.words[self._tokens_after(results[-1]) : c.index][:1] == ["of"]), None)
        if whole is not None:
            return whole  # "... having won 24, drawn eight and lost six of their 38 league games"
        before = [c for c in own if c.index < results[0].index]
        if before or own:
            return before[-1] if before else own[0]
        earlier = [c for c in self.by_sentence.get(sentence - 1, ()) if self._played_total(c)]
        return earlier[-1] if earlier else None

    def _played_total(self, total: Claim) -> bool:
        """"46 league games", "their 38 matches", or a bare count after "played" ("Inter played 38, ...")."""
        if total.value is None or not total.value.is_exact or total.percent or total.comparative \
                or total.previous or total.part_of is not None or not self._free(total):
            return False
        if self.v.record_unplayed.match(self.words, self._tokens_after(total)):
            return False  # "won the title with two games to spare"
        return total.unit == "match" or (total.noun is None and total.index > 0
                                         and self.words[total.index - 1] in self.v.record_played)

    def _results_in(self, sentence: int) -> list[Claim]:
        """The sentence's counts of games won, drawn and lost, one of each at most, the won among them."""
        found: dict[str, Claim] = {}
        for c in self.by_sentence.get(sentence, ()):
            if c.value is None or c.percent or not self._free(c):
                continue
            member = self._result_member(c)
            if member is None:
                continue
            if member in found:
                return []  # two counts of wins: another team's record, or the halves of one
            found[member] = c
        if "won" not in found or len(found) < 2:
            return []
        return sorted(found.values(), key=lambda c: c.index)

    def _result_member(self, c: Claim) -> str | None:
        """Won, drawn or lost: the verb before a bare count ("winning 27") or the noun after it ("27 wins")."""
        k = c.index - 1
        while k > 0 and self.words[k] in self.v.record_skip:
            k -= 1  # "lost just three"
        if (c.noun is None or c.unit == "match") and k >= 0 \
                and self.words[k] in self.v.record_members:  # ("won 25 of their 38 games")
            return self.v.record_members[self.words[k]]
        after = self._tokens_after(c) - 1  # the count's last word: its noun
        return self.v.record_members.get(self.words[after]) if c.index < after else None
