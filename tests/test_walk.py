"""Finding the files to check: include/exclude globs, .gitignore, hidden folders, symlinks."""

import os
import shutil
from pathlib import Path

import pytest

from checker.config import ConfigResolver, Overrides
from checker.walk import Patterns, Target, ancestor_ignores, expand_paths, is_ignored, repository_root

CONTROL = Path(__file__).parent / "control"


def copy_tree(name: str, dest: Path) -> Path:
    """Copy a fixture tree; ``_gitignore`` files become ``.gitignore`` (so the project's own
    repository does not obey them)."""
    target = dest / name
    shutil.copytree(CONTROL / name, target)
    for p in target.rglob("_gitignore"):
        p.rename(p.with_name(".gitignore"))
    return target


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A fake repository root (``.git`` folder) as the working folder."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def names(paths, **overrides) -> list[str]:
    resolver = ConfigResolver(Overrides(cwd=os.getcwd(), **overrides))
    return [t.name for t in expand_paths(paths, resolver.for_folder)]


def test_walk_keeps_article_suffixes_and_obeys_exclude_and_gitignore(repo):
    copy_tree("walk", repo)
    assert names(["walk"]) == [
        "walk/a.txt",
        "walk/b.md",
        "walk/keep/ignored.txt",  # a deeper .gitignore re-includes it with "!ignored.txt"
        "walk/sub/e.html",
        "walk/sub/f.htm",
        "walk/sub/g.markdown",
    ]


def test_hidden_files_and_folders_are_skipped(repo):
    walk = copy_tree("walk", repo)
    (walk / ".archive").mkdir()
    (walk / ".archive" / "old.txt").write_text("x")
    (walk / ".scratch.md").write_text("x")
    assert "walk/.archive/old.txt" not in names(["walk"])
    assert "walk/.scratch.md" not in names(["walk"])


def test_symlinked_folders_are_not_followed_so_loops_end(repo):
    walk = copy_tree("walk", repo)
    os.symlink("..", walk / "sub" / "loop")
    os.symlink(walk / "sub", walk / "mirror")
    found = names(["walk"])
    assert len(found) == len(set(found)) == 6
    assert not any("loop" in n or "mirror" in n for n in found)


def test_symlinked_files_are_checked_and_broken_links_skipped(repo):
    walk = copy_tree("walk", repo)
    os.symlink(walk / "a.txt", walk / "alias.txt")
    os.symlink(walk / "missing.txt", walk / "broken.txt")
    found = names(["walk"])
    assert "walk/alias.txt" in found and "walk/broken.txt" not in found


def test_gitignore_above_the_walked_folder_applies_up_to_the_repository_root(repo):
    copy_tree("walk", repo)
    (repo / ".gitignore").write_text("*.htm\n")
    assert names(["walk/sub"]) == ["walk/sub/e.html", "walk/sub/g.markdown"]


def test_gitignore_above_is_not_used_outside_a_repository(tmp_path, monkeypatch):
    if repository_root(str(tmp_path)) is not None:
        pytest.skip("the temporary folder is inside a repository")
    monkeypatch.chdir(tmp_path)
    copy_tree("walk", tmp_path)
    (tmp_path / ".gitignore").write_text("*.htm\n")
    assert "walk/sub/f.htm" in names(["walk/sub"])
    assert "walk/ignored.txt" not in names(["walk"])  # .gitignore files inside the walked tree still count


def test_git_info_exclude_is_read(repo):
    copy_tree("walk", repo)
    (repo / ".git" / "info").mkdir()
    (repo / ".git" / "info" / "exclude").write_text("g.markdown\n")
    assert "walk/sub/g.markdown" not in names(["walk"])


def test_respect_gitignore_false_checks_ignored_files(repo):
    walk = copy_tree("walk", repo)
    (walk / ".tallycheck.toml").write_text('exclude = ["drafts/", "*.draft.md"]\nrespect-gitignore = false\n')
    found = names(["walk"])
    assert "walk/ignored.txt" in found and "walk/generated/h.txt" in found


def test_include_globs_replace_the_default_suffixes(repo):
    copy_tree("include", repo)
    assert names(["include"]) == ["include/articles/world/z.md", "include/articles/x.md", "include/root.txt"]


def test_explicit_files_are_checked_even_when_excluded(repo):
    copy_tree("walk", repo)
    explicit = ["walk/drafts/d.txt", "walk/c.draft.md", "walk/ignored.txt", "walk/notes.rst"]
    assert names(explicit) == explicit


def test_force_exclude_filters_explicit_files_like_walked_ones(repo):
    copy_tree("walk", repo)
    explicit = ["walk/drafts/d.txt", "walk/c.draft.md", "walk/notes.rst", "walk/a.txt", "walk/drafts"]
    assert names(explicit, force_exclude=True) == ["walk/a.txt"]


def test_command_line_exclude_is_relative_to_the_working_folder(repo):
    copy_tree("walk", repo)
    assert names(["walk"], exclude=("walk/sub/",)) == [
        "walk/a.txt", "walk/b.md", "walk/c.draft.md", "walk/drafts/d.txt", "walk/keep/ignored.txt"]


def test_stdin_is_named_and_each_file_is_listed_once(repo):
    copy_tree("walk", repo)
    resolver = ConfigResolver(Overrides(cwd=os.getcwd()))
    targets = expand_paths(["-", "walk/a.txt", "walk", "./walk/a.txt"], resolver.for_folder, "desk/story.md")
    assert targets[0] == Target("-", "desk/story.md")
    assert [t.name for t in targets].count("walk/a.txt") == 1


def test_stdin_filename_obeys_force_exclude(repo):
    copy_tree("walk", repo)
    resolver = ConfigResolver(Overrides(cwd=os.getcwd(), force_exclude=True))
    assert expand_paths(["-"], resolver.for_folder, "walk/drafts/new.txt") == []
    assert expand_paths(["-"], resolver.for_folder, "walk/new.txt") == [Target("-", "walk/new.txt")]


def test_missing_paths_are_passed_on_for_the_reader_to_report(repo):
    assert names(["nowhere.txt"]) == ["nowhere.txt"]


def test_patterns_are_gitignore_style_and_relative_to_their_base(tmp_path):
    p = Patterns(str(tmp_path), ("/top.txt", "drafts/", "*.draft.md"))
    assert p.matches(str(tmp_path / "top.txt"))
    assert not p.matches(str(tmp_path / "sub" / "top.txt"))
    assert p.matches(str(tmp_path / "a" / "b.draft.md"))
    assert p.matches(str(tmp_path / "x" / "drafts"), is_dir=True)
    assert p.matches_or_inside(str(tmp_path / "x" / "drafts" / "y" / "z.txt"))
    assert not p.matches(str(tmp_path.parent / "top.txt"))  # anchored patterns stop at the base
    assert p.matches(str(tmp_path.parent / "elsewhere.draft.md"))  # unanchored ones match by name


def test_ignore_stack_deeper_files_decide(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*.txt\n")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / ".gitignore").write_text("!keep.txt\n")
    stack = ancestor_ignores(str(tmp_path / "a" / "b"))
    assert [base for base, _ in stack] == [str(tmp_path), str(tmp_path / "a")]
    assert is_ignored(stack, str(tmp_path / "a" / "b" / "x.txt"))
    assert not is_ignored(stack, str(tmp_path / "a" / "b" / "keep.txt"))
    assert not is_ignored(stack, str(tmp_path / "a" / "b" / "x.md"))
