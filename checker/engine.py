"""The pipeline: source text to tallies and findings. Pure -- no I/O.

    SourceText -> blocks, sentences -> numbers -> tokens -> claims -> groups
               -> verdicts -> Tally / Finding (spans mapped back to the source)
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import NamedTuple

from . import chunks
from .claims import Claim, ClaimReader
from .headlines import body_restatements, restated_groups
from .intervals import Interval
from .model import Analysis, Finding, Part, Quantity, Reading, Related, Span, Status, Tally
from .numbers import grammar_for
from .registry import Registry, registry_for
from .segment import Block, Sentence, segmenter_for
from .shares import share_groups
from .sources import SourceText, plain_source
from .tallies import EQUAL, Group, TallyBuilder
from .tokens import sentences_with_counts, tokenize
from .verdicts import Verdict, evaluate, stated_text
from .vocab import Vocabulary, vocab_for

_STATUS = {s.value: s for s in Status}  # (a lookup: calling the enum runs its metaclass's Python code)
SELECTIVE = True  # tokenize only the sentences that may hold a count (tests compare with False)


class Engine(NamedTuple):
    """Everything built once per rule set: grammar, vocabulary, checks."""

    extra_rules: tuple[str, ...] = ()

    @property
    def vocab(self) -> Vocabulary:
        return vocab_for(self.extra_rules)

    @property
    def registry(self) -> Registry:
        return registry_for(self.extra_rules)

    def analyse(self, doc: SourceText) -> Analysis:
        text = doc.plain
        seg = segmenter_for(self.extra_rules)
        blocks = list(doc.blocks) if doc.blocks is not None else seg.blocks(text)
        sentences = seg.sentences(text, blocks)
        judge = _Judge(doc, self.registry, self.vocab)
        tallies: list[Tally] = []
        findings: list[Finding] = []
        for stretch in chunks.plan(sentences):
            for group in self._groups(text, blocks, sentences, stretch):
                tally, finding = judge(group)
                tallies.append(tally)
                if finding is not None:
                    findings.append(finding)
        findings.sort(key=lambda f: (f.primary.start, f.rule_id))
        return Analysis(tuple(tallies), tuple(_dedupe(findings)))

    def _groups(self, text: str, blocks: list[Block], sentences: list[Sentence],
                stretch: chunks.Stretch) -> list[Group]:
        """The tallies whose totals lie in the stretch's core, read with its margins for context."""
        part = sentences[stretch.lo : stretch.hi]
        lo, hi = part[0].start, part[-1].end
        grammar = grammar_for(self.extra_rules)
        mentions = grammar.scan(text[lo:hi])
        if lo:  # (a document short enough for one stretch starts at 0: nothing to shift)
            mentions = [m.moved(lo) for m in mentions]
        mentions = grammar.propagate(text, mentions)
        vocab = self.vocab
        wanted = sentences_with_counts(text, mentions, part, vocab.wordless_trigger) if SELECTIVE else None
        toks = tokenize(text, mentions, part, wanted)
        claims = ClaimReader(vocab).read(toks, part, blocks)
        groups = TallyBuilder(vocab).build(claims, toks, part, blocks, text)
        groups += restated_groups(claims, blocks, vocab, groups, text)
        groups += body_restatements(claims, groups)
        groups += share_groups(claims, toks, blocks, vocab)
        core_lo = sentences[stretch.core_lo].start
        core_hi = sentences[stretch.core_hi - 1].end
        kept = [g for g in groups if core_lo <= g.total.start < core_hi]
        return sorted(kept, key=lambda g: (g.total.start, g.parts[0].start if g.parts else 0))


def _dedupe(findings: Sequence[Finding]) -> list[Finding]:
    seen: set[tuple[str, Span]] = set()
    out = []
    for f in findings:
        if f.key() in seen:
            continue
        seen.add(f.key())
        out.append(f)
    return out


def check_text(text: str, engine: Engine | None = None) -> Analysis:
    """Analyse plain text (the most direct entry point, for tests and the API)."""
    return (engine or Engine()).analyse(plain_source(text))


_REL_SYMBOL = {"equal": "≠", "at_most": ">"}


class _Judge:
    """Turns a group and its verdict into a reported tally and, when it fails, a finding."""

    def __init__(self, doc: SourceText, registry: Registry, vocab: Vocabulary) -> None:
        self.doc = doc
        self.registry = registry
        self.vocab = vocab

    def span(self, start: int, end: int) -> Span:
        s, e = self.doc.offsets.span_to_source(start, end)
        return Span(s, e)

    def phrase(self, c: Claim) -> str:
        text = c.label or " ".join(self.doc.plain[c.start : c.phrase_end].split())
        if c.unit and not any(map(str.isalpha, text.replace("%", ""))):
            # "62 (casualties)", "45 (stores)": the unit came from elsewhere in the sentence
            unit = c.unit.removeprefix("x:")
            text += f" ({self.vocab.plural_names.get(unit) or _plural(unit)})"
        return text

    def quantity(self, c: Claim) -> Quantity:
        value = c.value if c.value is not None else Interval(Fraction(0), float("inf"))
        stated = c.stated if c.stated is not None else Fraction(0)
        stated_out: int | float = stated.numerator if stated.denominator == 1 else float(stated)
        return Quantity(stated_out, value, self.span(c.start, c.phrase_end), self.phrase(c))

    def __call__(self, group: Group) -> tuple[Tally, Finding | None]:
        if group.dimension == "restated":
            return self._restated(group)
        total = group.total
        verdict = evaluate(group.parts, total, group.relation)
        parts = tuple(self._part(p) for p in group.parts)
        readings = tuple(Reading(expr, value, dist) for expr, value, dist in verdict.readings)
        family = self._family(group, verdict)
        status = _STATUS[verdict.status]
        tally = Tally(
            kind="shares" if group.dimension == "shares" else "breakdown",
            unit=self._unit(group),
            relation=group.relation,
            total=self.quantity(total),
            parts=parts,
            readings=readings,
            status=status,
            sum=verdict.sum,
            family=family,
        )
        if status in (Status.CONSISTENT, Status.PARTIAL):
            return tally, None
        return tally, self._finding(group, tally, verdict, family)

    def _unit(self, group: Group) -> str | None:
        unit = group.total.unit or next((p.unit for p in group.parts if p.unit), None)
        if unit and unit.startswith("x:"):
            return unit[2:]
        return unit

    def _part(self, c: Claim) -> Part:
        places = tuple(p.name for p in c.places)
        n = max(1, len(places))
        multiplier = n if (c.each or c.subject_each) else 1
        ambiguous = n > 1 and not (c.each or c.subject_each) and not c.remainder
        return Part(self.quantity(c), multiplier if not ambiguous else 1, ambiguous, places,
                    remainder=c.value is None)

    def _family(self, group: Group, verdict: Verdict) -> str:
        if group.dimension == "shares":
            return "share"
        if verdict.status == "ambiguous":
            return "distributive"
        if group.relation != EQUAL:
            return "subset"
        total_unit = group.total.unit
        units = {p.unit for p in group.parts if p.unit}
        if total_unit and units and all(self.vocab.is_parent(total_unit, u) for u in units):
            return "hierarchy"
        return "sum"

    def _finding(self, group: Group, tally: Tally, verdict: Verdict, family: str) -> Finding:
        check = self.registry.for_family(family)
        total_value = tally.total.value
        total_text = tally.total.label
        rel = _REL_SYMBOL[group.relation]
        arithmetic = tuple(f"{r.expression} = {r.value.describe()} {rel} {total_value.describe()}"
                           for r in tally.readings)
        computed = " or ".join(dict.fromkeys(r.value.describe() for r in tally.readings))
        args = {
            "total": total_text,
            "total_value": total_value.describe(),
            "computed": computed,
            "unit": tally.unit or "",
        }
        if family == "distributive":
            ambiguous = [p for p in group.parts if len(p.places) > 1 and not (p.each or p.subject_each)]
            args["ambiguous"] = ", ".join(f'"{self.phrase(p)}"' for p in ambiguous) or "a count"
            fitting = [r for r in tally.readings if r.distributive]
            args["computed"] = fitting[0].value.describe() if fitting else computed
            arithmetic = tuple(
                f"{r.expression} = {r.value.describe()} "
                f"{'=' if r.value.overlaps(total_value) else '≠'} {total_value.describe()}"
                for r in tally.readings)
        related = tuple(Related(p.quantity.span, self._label(p)) for p in tally.parts if p.quantity.label)
        return Finding(check.id, check.name, check.severity, check.render(args), tally.total.span, related,
                       arithmetic, args)

    @staticmethod
    def _label(p: Part) -> str:
        label = f"part: {p.quantity.label}"
        if p.places:
            label += f" ({', '.join(p.places)})"
        if p.multiplier > 1:
            label += f" ×{p.multiplier}"
        return label

    def _restated(self, group: Group) -> tuple[Tally, Finding | None]:
        head, body = group.total, group.parts[0]
        assert head.value is not None and body.value is not None
        ok = head.value.overlaps(body.value)
        expr = stated_text(body)
        tally = Tally("restated", head.unit, EQUAL, self.quantity(head), (self._part(body),),
                      (Reading(expr, body.value),), Status.CONSISTENT if ok else Status.MISMATCH, body.value,
                      "restated")
        if ok:
            return tally, None
        check = self.registry.for_family("restated")
        args = {"headline": self.phrase(head), "body": self.phrase(body), "unit": head.unit or "",
                "total": self.phrase(head), "total_value": head.value.describe(),
                "computed": body.value.describe()}
        finding = Finding(check.id, check.name, check.severity, check.render(args), tally.total.span,
                          (Related(self.span(body.start, body.phrase_end), f"restated: {self.phrase(body)}"),),
                          (f"{stated_text(head)} ≠ {stated_text(body)}",), args)
        return tally, finding


def _plural(unit: str) -> str:
    return unit[:-1] + "ies" if unit.endswith("y") else unit + "s"
