"""This till's own preferences (till.json): read once until the file changes."""

from __future__ import annotations

from pathlib import Path

from cafe_loyalty import till_prefs


def test_the_file_is_read_again_only_when_it_changes(monkeypatch):
    reads = []
    real = Path.read_text

    def counted(self, *args, **kwargs):
        reads.append(self.name)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", counted)
    till_prefs.save(display_open=True, text_size=125)
    reads.clear()
    assert till_prefs.load() == {"display_open": True, "text_size": 125}
    assert till_prefs.load() == {"display_open": True, "text_size": 125}
    assert reads == ["till.json"]  # once, then from memory
    till_prefs.save(text_size=150)  # a save replaces the file: read afresh
    assert till_prefs.load()["text_size"] == 150
    mine = till_prefs.load()
    mine["text_size"] = 999  # a caller's copy, not the kept one
    assert till_prefs.load()["text_size"] == 150


def test_a_damaged_or_missing_file_is_no_preferences():
    assert till_prefs.load() == {}
    till_prefs.prefs_path().parent.mkdir(parents=True, exist_ok=True)
    till_prefs.prefs_path().write_text("{not json", encoding="utf-8")
    assert till_prefs.load() == {}
