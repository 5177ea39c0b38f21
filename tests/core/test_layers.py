"""The shared kernel imports no domain (STYLE.md 1): domains plug into it (error types, audit
redactions, the authenticator), never the other way round."""

import ast

from api.core.settings import PROJECT_ROOT

CORE = PROJECT_ROOT / "api" / "core"


def _imported(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_core_imports_no_domain() -> None:
    offenders = {
        path.name: sorted(
            name
            for name in _imported(ast.parse(path.read_text(encoding="utf-8")))
            if name.split(".")[0] == "api" and not name.startswith("api.core")
        )
        for path in sorted(CORE.glob("*.py"))
    }
    assert {name: found for name, found in offenders.items() if found} == {}
