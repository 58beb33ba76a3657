"""The coverage matrix, as Markdown and HTML, and key redaction for every report file."""

from __future__ import annotations

import html
import json
from pathlib import Path

from backbeat_contract import coverage
from backbeat_contract.ledger import Ledger, Verdict
from backbeat_contract.settings import RunSettings

LEGEND = (
    "verified: provoked for real and kept the contract; observed: seen only when forced with "
    "`Prefer: code=N` or while fuzzing, and kept the contract; not provokable here: the target "
    "offers no way to provoke it (reason given); violated: broke the contract (see below)."
)


def _rows(ledger: Ledger) -> list[tuple[str, str, str, str]]:
    rows = []
    for operation, statuses in ledger.documented.items():
        extra = sorted(s for (op, s) in ledger.cells if op == operation and s not in statuses)
        for status in (*statuses, *extra):
            cell = ledger.cells.get((operation, status))
            verdict = cell.verdict.label if cell and cell.verdict is not None else "not run"
            notes = "; ".join(cell.notes) if cell else ""
            shown = str(status) if status in statuses else f"{status} (undocumented)"
            rows.append((operation, shown, verdict, notes))
    return rows


def render_markdown(settings: RunSettings, ledger: Ledger) -> str:
    lines = [
        f"# Contract coverage: {settings.api}",
        "",
        f"Target `{settings.base_url}`, profile `{settings.mode}`, seed {settings.seed}.",
        "",
        LEGEND,
        "",
        "| Operation | Status | Verdict | Notes |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {op} | {status} | {verdict} | {notes.replace('|', '/')} |"
        for op, status, verdict, notes in _rows(ledger)
    ]
    lines += ["", f"## Violations ({len(ledger.violations)})", ""]
    for v in ledger.violations:
        lines += [f"- **{v.operation} {v.status or ''}** [{v.point}] {v.reason}", f"  `{v.curl}`"]
    lines += ["", "## Semantic checks", ""] + [f"- {k}: {v}" for k, v in ledger.checks.items()]
    lines += ["", "## Facts", ""] + [f"- {fact}" for fact in ledger.facts]
    return "\n".join(lines) + "\n"


def render_html(settings: RunSettings, ledger: Ledger) -> str:
    esc = html.escape
    rows = "".join(
        f'<tr class="{esc(verdict.replace(" ", "-"))}"><td>{esc(op)}</td><td>{esc(status)}</td>'
        f"<td>{esc(verdict)}</td><td>{esc(notes)}</td></tr>"
        for op, status, verdict, notes in _rows(ledger)
    )
    violations = "".join(
        f"<li><b>{esc(v.operation)} {v.status or ''}</b> [{esc(v.point)}] {esc(v.reason)}"
        f"<pre>{esc(v.curl)}</pre></li>"
        for v in ledger.violations
    )
    facts = "".join(f"<li>{esc(fact)}</li>" for fact in ledger.facts)
    checks = "".join(f"<li>{esc(k)}: {esc(v)}</li>" for k, v in ledger.checks.items())
    return (
        '<!doctype html><html><head><meta charset="utf-8">'
        f"<title>Contract coverage: {esc(settings.api)}</title><style>"
        "td,th{border:1px solid #999;padding:2px 6px}table{border-collapse:collapse}"
        ".violated{background:#fbb}.verified{background:#bfb}.observed{background:#ffd}"
        "</style></head><body>"
        f"<h1>Contract coverage: {esc(settings.api)}</h1>"
        f"<p>Target <code>{esc(settings.base_url)}</code>, profile <code>{esc(settings.mode)}"
        f"</code>, seed {settings.seed}.</p><p>{esc(LEGEND)}</p>"
        f"<table><tr><th>Operation</th><th>Status</th><th>Verdict</th><th>Notes</th></tr>{rows}"
        f"</table><h2>Violations ({len(ledger.violations)})</h2><ul>{violations}</ul>"
        f"<h2>Semantic checks</h2><ul>{checks}</ul>"
        f"<h2>Facts</h2><ul>{facts}</ul></body></html>\n"
    )


def write(settings: RunSettings, ledger: Ledger, facts: coverage.RunFacts) -> list[Path]:
    settings.report_dir.mkdir(parents=True, exist_ok=True)
    stem = settings.report_dir / f"{settings.report_stem}-coverage"
    written = []
    doc = coverage.document(facts, ledger)
    path = stem.with_suffix(".json")
    text = json.dumps(doc, indent=1, ensure_ascii=False) + "\n"
    path.write_text(settings.keys.redact(text), encoding="utf-8")
    written.append(path)
    for suffix, render in ((".md", render_markdown), (".html", render_html)):
        path = stem.with_suffix(suffix)
        path.write_text(settings.keys.redact(render(settings, ledger)), encoding="utf-8")
        written.append(path)
    return written


def redact_file(settings: RunSettings, path: Path) -> None:
    if path.exists():
        text = path.read_text(encoding="utf-8")
        path.write_text(settings.keys.redact(text), encoding="utf-8")


def has_violations(ledger: Ledger) -> bool:
    return bool(ledger.violations) or any(
        c.verdict is Verdict.VIOLATED for c in ledger.cells.values()
    )
