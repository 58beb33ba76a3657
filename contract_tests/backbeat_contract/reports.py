"""The coverage report in its three forms, all rendered from one `coverage` document: JSON for
machines, an HTML matrix for people, Markdown for a CI job summary. Keys are redacted from
every file written."""

from __future__ import annotations

import html
import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from backbeat_contract import baseline, coverage
from backbeat_contract.coverage import Document
from backbeat_contract.ledger import Ledger, Verdict
from backbeat_contract.settings import RunSettings

LABELS = {
    "verified": "verified",
    "observed": "observed",
    "not_provokable": "not provokable",
    "violated": "violated",
    "not_run": "not run",
}
MEANINGS = {
    "verified": "provoked for real, and the answer kept the contract",
    "observed": (
        "only forced with `Prefer: code=N`, seen while fuzzing, or drawn by a heuristic aimed "
        "at another status; the answer kept the contract"
    ),
    "not_provokable": "the target offers no way to provoke it (the reason is given)",
    "violated": "the answer broke the contract (the rule is named)",
    "not_run": "no scenario reached it",
}
MARKS = {
    "verified": "✅",
    "observed": "🟡",
    "not_provokable": "⚪",
    "violated": "❌",
    "not_run": "·",
}
# Cell colours of the HTML matrix (the screenshot test looks for them).
COLOURS = {
    "verified": "#2f9e44",
    "observed": "#f2b705",
    "not_provokable": "#adb5bd",
    "violated": "#e03131",
    "not_run": "#ffffff",
}
LEGEND = "; ".join(f"{LABELS[v]}: {MEANINGS[v]}" for v in coverage.VERDICTS)


def write(
    settings: RunSettings,
    ledger: Ledger,
    facts: coverage.RunFacts,
    run_error: Document | None = None,
) -> list[Path]:
    """Write JSON, Markdown and HTML; with `--baseline`, each carries the changes since, and
    a run error (the server stopped answering) opens each of them."""
    settings.report_dir.mkdir(parents=True, exist_ok=True)
    doc = json.loads(settings.keys.redact(json.dumps(coverage.document(facts, ledger))))
    if run_error is not None:
        doc["run_error"] = run_error
    if settings.baseline is not None:
        doc["changes"] = baseline.changes(coverage.load(settings.baseline), doc)
    stem = settings.report_dir / f"{settings.report_stem}-coverage"
    rendered = {
        ".json": json.dumps(doc, indent=1, ensure_ascii=False) + "\n",
        ".md": render_markdown(doc),
        ".html": render_html(doc),
    }
    written = []
    for suffix, text in rendered.items():
        path = stem.with_suffix(suffix)
        path.write_text(settings.keys.redact(text), encoding="utf-8")
        written.append(path)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as job_summary:
            job_summary.write(settings.keys.redact(rendered[".md"]) + "\n")
    return written


def statuses(doc: Document) -> list[int]:
    """The matrix's columns: every status some operation documents or answered."""
    found = {cell["status"] for op in doc["operations"] for cell in op["cells"]}
    return sorted(found, key=lambda status: (isinstance(status, str), str(status)))


def _cells(operation: Document) -> dict[int, Document]:
    return {cell["status"]: cell for cell in operation["cells"]}


def _facts_lines(doc: Document) -> list[tuple[str, str]]:
    run = doc["run"]
    phases = ", ".join(f"{name} {count}" for name, count in run["cases_per_phase"].items())
    prefer = {True: "honoured", False: "not honoured", None: "not probed"}[run["prefer_honoured"]]
    return [
        ("Target", run["target"]),
        ("Spec", run["spec"]),
        ("Profile", run["profile"]),
        ("Seed", str(run["seed"])),
        ("Started", run["started_at"]),
        ("Wall time", f"{run['wall_seconds']:.1f} s"),
        ("Cases per phase", phases or "none"),
        ("Checks run", f"{run['checks_run']} responses judged"),
        ("Credits spent", str(run["credits_spent"])),
        ("Prefer: code=N", prefer),
    ]


def _summary_line(doc: Document) -> str:
    summary = doc["summary"]
    return " · ".join(
        f"{MARKS[v]} {summary[v]} {LABELS[v]}"
        for v in coverage.VERDICTS
        if summary[v] or v != "not_run"
    )


def _change_lines(changes: Document) -> Iterable[str]:
    yield f"Since {changes['baseline']}:"
    for title, key in (("Worse", "worse"), ("Better", "better")):
        cells = ", ".join(
            f"{c['operation']} {c['status']} ({LABELS[c['before']]} → {LABELS[c['after']]})"
            for c in changes[key]
        )
        yield f"{title} ({len(changes[key])}): {cells or 'none'}"
    for title, key in (
        ("Operations added", "operations_added"),
        ("Operations removed", "operations_removed"),
    ):
        yield f"{title} ({len(changes[key])}): {', '.join(changes[key]) or 'none'}"


def run_error_line(doc: Document) -> str | None:
    """The run error in one sentence, or None when the run had none."""
    error = doc.get("run_error")
    if not error:
        return None
    return (
        f"Run error: {error['message']}. {error['unjudged_cells']} documented cells were left "
        f"unjudged ({error['failed_tests']} tests could not reach the server): the verdicts "
        "below are incomplete."
    )


def render_markdown(doc: Document) -> str:
    """Short enough for a CI job summary: facts, the matrix with marks, changes, violations."""
    columns = statuses(doc)
    lines = [f"## Contract coverage: {doc['run']['api']}", ""]
    if (error := run_error_line(doc)) is not None:
        lines += [f"> ⛔ **{error}**", ""]
    lines += [_summary_line(doc), ""]
    lines += [f"- **{name}**: {value}" for name, value in _facts_lines(doc)]
    if "changes" in doc:
        lines += ["", "### Changed since the baseline", ""]
        lines += [f"- {line}" for line in _change_lines(doc["changes"])]
    lines += ["", "| Operation | " + " | ".join(map(str, columns)) + " |"]
    lines += ["|---|" + "---|" * len(columns)]
    for op in doc["operations"]:
        cells = _cells(op)
        marks = [_mark(cells.get(status)) for status in columns]
        lines.append(f"| {op['operation_id']} | " + " | ".join(marks) + " |")
    lines += ["", " ".join(f"{MARKS[v]} {LABELS[v]}" for v in coverage.VERDICTS), ""]
    lines += [f"### Violations ({len(doc['violations'])})", ""]
    for v in doc["violations"]:
        where = f"{v['operation']} {v['status'] if v['status'] is not None else ''}".strip()
        lines += [f"- **{where}** [{v['rule']}] {v['reason']}", f"  `{v['curl']}`"]
    lines += ["", "<details><summary>Every cell, with how it was provoked or why not</summary>", ""]
    lines += ["| Operation | Status | Verdict | Reasons |", "|---|---|---|---|"]
    for op in doc["operations"]:
        for cell in op["cells"]:
            status = f"{cell['status']}" + ("" if cell["documented"] else " (undocumented)")
            reasons = "; ".join(cell["reasons"]).replace("|", "/")
            lines.append(
                f"| {op['operation_id']} | {status} | {LABELS[cell['verdict']]} | {reasons} |"
            )
    lines += ["", "</details>", "", "### Semantic checks", ""]
    lines += [f"- {c['name']}: {c['outcome']}" for c in doc["checks"]]
    lines += ["", "### Facts", ""] + [f"- {fact}" for fact in doc["facts"]]
    return "\n".join(lines) + "\n"


def _mark(cell: Document | None) -> str:
    if cell is None:
        return ""
    mark = MARKS[cell["verdict"]]
    return mark if cell["documented"] else f"{mark}⚠"


# Text on each verdict's colour.
INK = {"verified": "#fff", "violated": "#fff"}
CELL_STYLE = "".join(
    f".v-{verdict}{{background:{colour};color:{INK.get(verdict, '#212529')}}}"
    for verdict, colour in COLOURS.items()
)
STYLE = (
    CELL_STYLE
    + """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
 margin:24px;color:#212529;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.facts{display:grid;grid-template-columns:max-content minmax(0,1fr) max-content minmax(0,1fr);
 gap:2px 16px;margin:12px 0;
 padding:10px 14px;background:#f8f9fa;border:1px solid #dee2e6;border-radius:6px;max-width:1100px}
.facts dt{font-weight:600;color:#495057}.facts dd{margin:0;overflow-wrap:anywhere}
.summary span,.legend span{display:inline-block;margin:0 14px 6px 0}
.swatch{display:inline-block;width:14px;height:14px;border-radius:3px;vertical-align:-2px;
 margin-right:5px;border:1px solid #868e96}
table.matrix{border-collapse:separate;border-spacing:3px}
.matrix th{font-weight:600;padding:4px 6px;text-align:center;color:#495057}
.matrix th.op{text-align:left}
.matrix td.op{padding:4px 10px 4px 0;white-space:nowrap}
.matrix td.op small{display:block;color:#868e96;font:12px ui-monospace,monospace}
.matrix td.cell{width:92px;min-width:92px;height:38px;padding:0;text-align:center;border-radius:5px}
.matrix td.cell a{display:flex;align-items:center;justify-content:center;height:100%;
 color:inherit;text-decoration:none;font-size:12px;font-weight:600}
.matrix td.blank{background:transparent}
.matrix td.undocumented{outline:3px dashed #212529;outline-offset:-3px}
.v-not_run{color:#868e96;border:1px dashed #adb5bd}
details.evidence{margin:6px 0;border:1px solid #dee2e6;border-radius:6px;padding:6px 10px}
details.evidence[open]{background:#f8f9fa}details.evidence:target{border-color:#1c7ed6;
 box-shadow:0 0 0 2px #a5d8ff}
details.evidence summary{cursor:pointer;font-weight:600}
pre{white-space:pre-wrap;word-break:break-all;background:#fff;border:1px solid #e9ecef;
 padding:6px 8px;border-radius:4px;font:12px/1.4 ui-monospace,monospace;max-height:320px;
 overflow:auto}
ul.changes li.worse{color:#c92a2a}ul.changes li.better{color:#2b8a3e}
.run-error{margin:12px 0;padding:10px 14px;max-width:1100px;border-radius:6px;
 background:#fff5f5;border:2px solid #e03131;color:#c92a2a;font-weight:600}
"""
)
# Opening the cell's evidence when a matrix cell is clicked (the anchor alone scrolls to it).
SCRIPT = """
function openTarget(){var e=document.getElementById(location.hash.slice(1));
 if(e&&e.tagName==='DETAILS'){e.open=true;}}
window.addEventListener('hashchange',openTarget);openTarget();
"""


def _code(text: str) -> str:
    """Markdown's `code` as HTML, the rest escaped."""
    pieces = html.escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(pieces))


def _anchor(operation: str, status: int) -> str:
    safe = "".join(c if c.isalnum() else "-" for c in operation)
    return f"cell-{safe}-{status}"


def render_html(doc: Document) -> str:
    esc = html.escape
    api = esc(doc["run"]["api"])
    columns = statuses(doc)
    facts = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in _facts_lines(doc))
    summary = "".join(
        f'<span><i class="swatch v-{v}"></i>{doc["summary"][v]} {LABELS[v]}</span>'
        for v in coverage.VERDICTS
    )
    legend = "".join(
        f'<span><i class="swatch v-{v}"></i><b>{LABELS[v]}</b>: {_code(MEANINGS[v])}</span><br>'
        for v in coverage.VERDICTS
    )
    head = "".join(f"<th>{status}</th>" for status in columns)
    rows = "".join(_html_row(op, columns) for op in doc["operations"])
    parts = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        f"<title>Contract coverage: {api}</title><style>{STYLE}</style></head><body>",
        f"<h1>Contract coverage: {api}</h1>",
        *(
            [f'<p class="run-error" role="alert">⛔ {esc(error)}</p>']
            if (error := run_error_line(doc)) is not None
            else []
        ),
        f'<dl class="facts">{facts}</dl>',
        f'<p class="summary">{summary}</p>',
    ]
    if "changes" in doc:
        parts.append(_html_changes(doc["changes"]))
    parts += [
        '<table class="matrix" id="matrix"><thead><tr><th class="op">Operation</th>',
        f"{head}</tr></thead><tbody>{rows}</tbody></table>",
        f'<p class="legend">{legend}A dashed outline marks a status the operation does not '
        "document. Click a cell for its evidence.</p>",
        f"<h2>Violations ({len(doc['violations'])})</h2><ul>",
        "".join(
            f"<li><b>{esc(v['operation'])} {v['status'] if v['status'] is not None else ''}</b> "
            f"[{esc(v['rule'])}] {esc(v['reason'])}<pre>{esc(v['curl'])}</pre></li>"
            for v in doc["violations"]
        ),
        "</ul><h2>Evidence per cell</h2>",
        "".join(_html_evidence(op) for op in doc["operations"]),
        "<h2>Semantic checks</h2><ul>",
        "".join(f"<li>{esc(c['name'])}: {esc(c['outcome'])}</li>" for c in doc["checks"]),
        "</ul><h2>Facts</h2><ul>",
        "".join(f"<li>{esc(fact)}</li>" for fact in doc["facts"]),
        f"</ul><script>{SCRIPT}</script></body></html>\n",
    ]
    return "".join(parts)


def _html_row(operation: Document, columns: list[int]) -> str:
    esc = html.escape
    cells = _cells(operation)
    out = [
        f'<tr><td class="op">{esc(operation["operation_id"])}'
        f"<small>{esc(operation['method'])} {esc(operation['path'])}</small></td>"
    ]
    for status in columns:
        cell = cells.get(status)
        if cell is None:
            out.append('<td class="cell blank"></td>')
            continue
        verdict = cell["verdict"]
        extra = "" if cell["documented"] else " undocumented"
        title = esc(f"{status} {LABELS[verdict]}: " + "; ".join(cell["reasons"]))
        anchor = _anchor(operation["operation_id"], status)
        out.append(
            f'<td class="cell v-{verdict}{extra}" title="{title}">'
            f'<a href="#{anchor}">{LABELS[verdict]}</a></td>'
        )
    return "".join(out) + "</tr>"


def _html_evidence(operation: Document) -> str:
    esc = html.escape
    out = []
    for cell in operation["cells"]:
        verdict = cell["verdict"]
        reasons = "".join(f"<li>{esc(reason)}</li>" for reason in cell["reasons"])
        exchanges = "".join(_html_exchange(x) for x in cell["evidence"])
        if not exchanges:
            exchanges = "<p>No request answered with this status was kept.</p>"
        out.append(
            f'<details class="evidence" id="{_anchor(operation["operation_id"], cell["status"])}">'
            f'<summary><i class="swatch v-{verdict}"></i>{esc(operation["operation_id"])} '
            f"{cell['status']}: {LABELS[verdict]}</summary>"
            f"<p><b>Reasons</b></p><ul>{reasons or '<li>none recorded</li>'}</ul>{exchanges}"
            "</details>"
        )
    return "".join(out)


def _html_exchange(exchange: Document) -> str:
    esc = html.escape
    headers = "\n".join(f"{k}: {v}" for k, v in exchange.get("response_headers", {}).items())
    problems = "".join(f"<li>{esc(p)}</li>" for p in exchange.get("problems", []))
    return (
        f"<p><b>{esc(exchange['what'])}</b></p>"
        f"<p>Request (reproducer):</p><pre>{esc(exchange['curl'])}</pre>"
        f"<p>Answer: {exchange['status']}</p>"
        f"<pre>{esc(headers)}\n\n{esc(exchange.get('response_body', ''))}</pre>"
        + (f"<p>Problems:</p><ul>{problems}</ul>" if problems else "")
    )


def _html_changes(changes: Document) -> str:
    esc = html.escape
    items = []
    for key in ("worse", "better"):
        items += [
            f'<li class="{key}">{key}: {esc(c["operation"])} {c["status"]} '
            f"({LABELS[c['before']]} → {LABELS[c['after']]})</li>"
            for c in changes[key]
        ]
    items += [f"<li>operation added: {esc(op)}</li>" for op in changes["operations_added"]]
    items += [f"<li>operation removed: {esc(op)}</li>" for op in changes["operations_removed"]]
    counts = (
        f"{len(changes['worse'])} worse, {len(changes['better'])} better, "
        f"{len(changes['operations_added'])} operations added, "
        f"{len(changes['operations_removed'])} removed"
    )
    return (
        f"<h2>Changed since the baseline</h2><p>{esc(changes['baseline'])}: {counts}.</p>"
        f'<ul class="changes">{"".join(items) or "<li>nothing changed</li>"}</ul>'
    )


def redact_file(settings: RunSettings, path: Path) -> None:
    if path.exists():
        text = path.read_text(encoding="utf-8")
        path.write_text(settings.keys.redact(text), encoding="utf-8")


def has_violations(ledger: Ledger) -> bool:
    return bool(ledger.violations) or any(
        c.verdict is Verdict.VIOLATED for c in ledger.cells.values()
    )


def regressed(settings: RunSettings) -> list[Any]:
    """The cells that got worse since the baseline (read back from the JSON just written)."""
    path = settings.report_dir / f"{settings.report_stem}-coverage.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    return list(doc.get("changes", {}).get("worse", []))


def earlier(path: Path) -> bytes | None:
    """What `path` held before this run (to put back if the run judges nothing)."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def restore(path: Path, content: bytes | None) -> None:
    """Put back what an earlier run wrote at `path`; remove what this run wrote if none did."""
    if content is not None:
        path.write_bytes(content)
    else:
        path.unlink(missing_ok=True)


def junit_run_error(path: Path, run_error: Document) -> None:
    """Open the JUnit report with the run error: a first test case that errored, counted in
    the suite's errors, so CI's JUnit view shows it above every other result."""
    if not path.exists():
        return
    tree = ET.parse(path)
    root = tree.getroot()
    suite = root if root.tag == "testsuite" else root.find("testsuite")
    if suite is None:
        return
    case = ET.Element("testcase", classname="backbeat_contract", name="run error", time="0")
    message = run_error_line({"run_error": run_error}) or ""
    ET.SubElement(case, "error", message=message, type="RunError").text = message
    position = next((i for i, child in enumerate(suite) if child.tag == "testcase"), len(suite))
    suite.insert(position, case)
    for node in (suite, root) if root is not suite else (suite,):
        for counter in ("errors", "tests"):
            node.set(counter, str(int(node.get(counter, "0")) + 1))
    tree.write(path, encoding="utf-8", xml_declaration=True)


def console_summary(settings: RunSettings, run_error: Document | None) -> Iterator[str]:
    """The lines the console ends with: the run error, if any, then the verdict counts."""
    path = settings.report_dir / f"{settings.report_stem}-coverage.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    if run_error is not None:
        yield f"contract: {run_error_line(doc)}"
    counts = ", ".join(f"{doc['summary'][v]} {LABELS[v]}" for v in coverage.VERDICTS)
    cells, violations = sum(doc["summary"].values()), len(doc["violations"])
    yield f"contract: {cells} cells: {counts}; {violations} violations"
