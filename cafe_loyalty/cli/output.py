"""What the commands print for a person (``--json`` prints the service's own values instead)."""

from __future__ import annotations

from typing import Any

from cafe_loyalty.backup import archive as backup
from cafe_loyalty.services.completion import Completion
from cafe_loyalty.services.experiments import ExperimentStatus
from cafe_loyalty.services.views import CardView, CustomerSummary, CustomerView, HistoryEntry


def _slots(card: CardView) -> str:
    head = "◆" * min(card.head_start, card.filled)
    earned = "●" * card.earned
    return head + earned + "○" * max(0, card.slots - card.filled)


def _card_text(card: CardView) -> str:
    state = "  READY TO REDEEM" if card.redeemable else ""
    return f"card {card.code}  {_slots(card)}  {card.filled} of {card.slots}{state}"


def _customer_text(c: CustomerView) -> str:
    lines = [f"#{c.id}  {c.display_name}", f"  {_card_text(c.card)}"]
    for label, value in (("phone", c.phone), ("email", c.email), ("usual", c.usual), ("notes", c.notes)):
        if value:
            lines.append(f"  {label}: {value}")
    return "\n".join(lines)


def _summary_text(s: CustomerSummary) -> str:
    return f"#{s.id:<6} {(s.first_name + ' ' + s.last_name).strip():<32} {s.filled}/{s.slots}  {s.phone}"


def _history_text(h: HistoryEntry) -> str:
    what = {
        "issued": f"new card, {h.detail} stamps head start",
        "purchase": "stamp" + (" (guard overridden)" if h.forced else ""),
        "carried": f"{h.detail} stamps carried over from a paper card",
        "redemption": f"redeemed: {h.detail}",
    }[h.kind]
    void = f"  [undone: {h.void_reason}]" if h.voided else ""
    return f"  {h.at:%Y-%m-%d %H:%M} UTC  {what}  {h.staff}{void}"


def _import_text(plan: Any) -> str:
    lines = [
        f"{plan.file}: {plan.rows} row(s); {plan.to_add} to add, {plan.to_update} to update, "
        f"{plan.to_skip} already here (skipped), {len(plan.rejected)} rejected.",
        "Columns: " + ", ".join(f"{c} -> {f}" for c, f in plan.mapping.items()),
    ]
    lines += [f"  line {r.line}, {r.column or 'row'}: {r.value!r}: {r.reason}" for r in plan.rejected[:50]]
    if plan.warnings:
        lines.append(f"Kept, with a field left empty ({len(plan.warnings)}):")
        lines += [f"  line {w.line}, {w.column}: {w.value!r}: {w.reason}" for w in plan.warnings[:50]]
    return "\n".join(lines)


def _backup_text(summary: backup.BackupSummary) -> str:
    counts = summary.counts
    return (
        f"{summary.path}\n  made {summary.created_at} by cafe-loyalty {summary.app_version}, schema "
        f"{summary.schema_version}{', encrypted' if summary.encrypted else ''}\n  café: {summary.cafe_name}\n"
        f"  {counts.get('customer', 0)} customers, {counts.get('card', 0)} cards, {counts.get('stamp', 0)} stamps, "
        f"{counts.get('redemption', 0)} rewards; integrity {summary.integrity}"
    )


def _auto_text(status: Any) -> str:
    if not status.folder:
        return "Automatic backups are off. Choose a folder: cafe-loyalty backup auto --folder PATH"
    lines = [f"Backups go to {status.folder}."]
    if status.last_at:
        lines.append(f"Last: {status.last_at:%Y-%m-%d %H:%M} UTC, {status.last_file} (verified).")
    else:
        lines.append("None written there yet.")
    if status.next_due:
        lines.append(f"Next due: {status.next_due:%Y-%m-%d %H:%M} UTC.")
    if status.encrypted:
        lines.append(
            "Encrypted with the passphrase kept on this computer."
            if status.passphrase_here
            else "Encrypted, but this computer does not hold the passphrase: cafe-loyalty backup auto --encrypt"
        )
    if status.failing_since:
        lines.append(f"Failing since {status.failing_since:%Y-%m-%d %H:%M} UTC: {status.problem}")
    return "\n".join(lines)


def _share(rate: float | None) -> str:
    return "n/a" if rate is None else f"{rate:.0%}"


def _completion_text(c: Completion) -> str:
    if not c.judged:
        return f"none judged yet ({c.running} cards still inside their {c.window_days} days)"
    return (
        f"{_share(c.rate)} (95% CI {_share(c.ci_low)}-{_share(c.ci_high)}): {c.finished} of {c.judged} judged cards "
        f"finished within {c.window_days} days; {c.running} still running"
    )


_REASON_TEXT = {
    "complaint": "complained last time",
    "new_item": "first time: {item}",
    "new_regular": "day {day} of 100",
    "first_visit": "first visit",
    "milestone": "visit {visits}",
    "usual": "{item}",
}

_VERDICTS = {
    "collecting": "No verdict yet: the planned cards are not all judged (looking early would find false wins).",
    "a_better": "Design A's cards are finished more often.",
    "b_better": "Design B's cards are finished more often.",
    "no_difference": "No difference as large as the one planned for was found.",
    "inconclusive": "Stopped early: inconclusive (an early stop needs p < 0.001).",
}


def _experiment_text(status: ExperimentStatus) -> str:
    state = "running" if status.ended_at is None else f"ended {status.ended_at:%Y-%m-%d}, kept {status.kept}"
    lines = [
        f"Experiment #{status.id}, started {status.started_at:%Y-%m-%d} ({state}), seed {status.seed}",
        f"Planned: {status.planned_cards_per_arm} regulars per arm (to find {status.min_effect:.0%} points at 80% "
        f"power, 5% significance); finished = reward within {status.window_days} days",
    ]
    for arm in status.arms:
        lines.append(
            f"  {arm.name} {arm.slots}/{arm.head_start}: {arm.regulars} regulars; sample {arm.cards} cards, "
            f"{arm.completed} finished, {arm.failed} not, {arm.running} running; " + _completion_text(arm.completion)
        )
    if status.difference is not None:
        lines.append(
            f"Difference A - B: {status.difference:+.0%} (95% CI {status.difference_low:+.0%} to "
            f"{status.difference_high:+.0%})" + (f", p = {status.p_value:.3f}" if status.p_value is not None else "")
        )
    lines.append(_VERDICTS[status.verdict])
    return "\n".join(lines)
