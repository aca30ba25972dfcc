"""The layout's rules, read from the source: imports (at the top or inside functions) point one
way through enquiries/ (admin -> intake / routing / messaging / privacy -> models; tasks.py is
imported by nothing of ours), the routing rules stay pure, and no modules import each other in
a circle anywhere in the project."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["enquiries", "pages", "tourism_site"]

# What each part of enquiries/ may import from enquiries/ (besides itself).
ALLOWED = {
    "models": set(),
    "intake": {"models"},
    "messaging": {"models"},
    "routing": {"models", "messaging"},
    "privacy": {"models"},
    "admin": {"models", "intake", "routing", "messaging", "privacy"},
    "templatetags": {"models", "messaging"},
}
# Modules at the app root that only wire things together; nothing else may import these.
WIRING = {"enquiries.tasks", "enquiries.wagtail_hooks", "enquiries.signals", "enquiries.apps"}


def project_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


MODULES = project_modules()


def resolve(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str) -> set[str]:
    path = MODULES[module]
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            prefix = ".".join([*base, *([node.module] if node.module else [])])
            names = [prefix, *(f"{prefix}.{alias.name}" for alias in node.names)]
        else:
            continue
        found |= {target for name in names if (target := resolve(name)) not in (None, module)}
    return found


GRAPH = {module: imports_of(module) for module in MODULES}


def part_of(module: str) -> str | None:
    """The part of enquiries/ a module is in (`routing` for enquiries.routing.*), else None."""
    parts = module.split(".")
    return parts[1] if parts[0] == "enquiries" and len(parts) > 1 else None


@pytest.mark.parametrize("module", sorted(m for m in MODULES if part_of(m) in ALLOWED))
def test_each_part_of_enquiries_imports_only_the_parts_below_it(module):
    part = part_of(module)
    reached = {part_of(target) for target in GRAPH[module] if target.startswith("enquiries.")}

    assert reached - {part} <= ALLOWED[part], f"{module} imports {sorted(GRAPH[module])}"
    assert not GRAPH[module] & WIRING


def test_nothing_but_wiring_imports_the_tasks_or_the_hooks():
    importers = {module for module, targets in GRAPH.items() if targets & WIRING} - WIRING

    assert importers == set()


def test_the_routing_rules_are_pure():
    source = MODULES["enquiries.routing.rules"].read_text()

    assert GRAPH["enquiries.routing.rules"] == set()
    assert "django" not in source and "celery" not in source


def test_no_modules_import_each_other_in_a_circle():
    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            for target in GRAPH[todo.pop()] - seen:
                if target == goal:
                    return True
                seen.add(target)
                todo.append(target)
        return False

    circles = sorted(
        f"{module} <-> {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if reaches(target, module)
    )
    assert circles == []
