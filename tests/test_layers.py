"""Layers point one way: locales, then eligibility, then questionnaires, then
kiosk. The contracts are in pyproject.toml ([tool.importlinter]); `./run tests`
also runs `lint-imports`, this test keeps plain `pytest` honest too."""

from __future__ import annotations

import ast
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("locales", "eligibility", "questionnaires", "kiosk")


def test_the_import_contracts_are_kept():
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True) == 0


def _ours(node: ast.AST) -> list[str]:
    """The modules of our own packages that `node` imports."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        names = [node.module]
    else:
        return []
    return [name for name in names if name.split(".")[0] in PACKAGES]


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    caught = handler.type
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
    return caught is None or any(
        isinstance(n, ast.Name) and n.id in ("ImportError", "ModuleNotFoundError") for n in names
    )


def test_no_package_of_ours_is_imported_as_optional():
    """A `try: import locales ... except ImportError` hides a broken layer
    behind a silent fallback (French text, no translation)."""
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
                if not isinstance(node, ast.Try) or not any(_catches_import_error(h) for h in node.handlers):
                    continue
                for statement in node.body:
                    for inner in ast.walk(statement):
                        found += [f"{path.relative_to(ROOT)}:{inner.lineno} {name}" for name in _ours(inner)]
    assert not found, found


def test_the_check_finds_an_optional_import():
    # The test above must be able to fail: the pattern this issue removed.
    tree = ast.parse("try:\n    from locales import gettext\nexcept (ImportError, ValueError):\n    pass\n")
    node = tree.body[0]
    assert any(_catches_import_error(h) for h in node.handlers)
    assert [name for statement in node.body for inner in ast.walk(statement) for name in _ours(inner)] == ["locales"]
