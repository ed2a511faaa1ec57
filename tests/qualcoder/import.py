#!/usr/bin/env python3
"""Import .qdpx files with QualCoder's own REFI-QDA importer, headless, and
print what it made of each: sources (and whether each file copy landed),
codes, categories, coded segments, cases with their linked segments, memos.

Not part of `cargo test` (CI has no QualCoder). QualCoder's code is not
copied here: point QUALCODER_SRC at the `src` folder of a QualCoder checkout
(https://github.com/ccbogel/QualCoder). The database is made with the
CREATE TABLE statements read out of QualCoder's own `MainWindow.new_project`,
and only its dialogs are replaced (file chooser, message boxes).

    pip install PyQt6
    QUALCODER_SRC=~/QualCoder/src python3 tests/qualcoder/import.py a.qdpx b.qdpx

Prints one JSON object per file; `--brief` prints the counts alone.
"""

import ast
import builtins
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import types
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
builtins._ = getattr(builtins, "_", None) or (lambda s: s)


def qualcoder_src() -> Path:
    src = os.environ.get("QUALCODER_SRC")
    if not src or not (Path(src) / "qualcoder" / "refi.py").is_file():
        sys.exit("set QUALCODER_SRC to the src folder of a QualCoder checkout")
    return Path(src)


def create_tables(src: Path) -> list[str]:
    """The CREATE TABLE statements of MainWindow.new_project, read from source."""
    tree = ast.parse((src / "qualcoder" / "__main__.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "new_project":
            return [
                call.args[0].value
                for call in ast.walk(node)
                if isinstance(call, ast.Call)
                and getattr(call.func, "attr", "") == "execute"
                and call.args
                and isinstance(call.args[0], ast.Constant)
                and str(call.args[0].value).startswith("CREATE TABLE")
            ]
    sys.exit("no new_project in QualCoder's __main__.py")


class Log:
    """Stands in for the text pane the importer writes its progress to."""

    def __init__(self):
        self.lines = []

    def append(self, line):
        self.lines.append(str(line))


class Message:
    """Stands in for QualCoder's message box: records, never shows."""

    shown = []

    def __init__(self, _app, title, text, *rest):
        Message.shown.append(f"{title}: {text}")

    def exec(self):
        return 0


def load_importer(src: Path):
    sys.path.insert(0, str(src))
    stdout, sys.stdout = sys.stdout, sys.stderr  # it prints that VLC is missing
    try:
        return _load_importer()
    finally:
        sys.stdout = stdout


def _load_importer():
    helpers = types.ModuleType("qualcoder.helpers")
    helpers.Message = Message  # helpers pulls in pymupdf, PIL, VLC: not needed here
    sys.modules["qualcoder.helpers"] = helpers
    from PyQt6 import QtWidgets

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    import qualcoder.refi as refi

    return app, refi, QtWidgets


def import_one(refi, QtWidgets, statements, qdpx: Path) -> dict:
    work = Path(tempfile.mkdtemp(prefix="qualcoder-"))
    project = work / "project.qda"
    for sub in ("", "images", "audio", "video", "documents"):
        (project / sub).mkdir(exist_ok=True)
    conn = sqlite3.connect(project / "data.qda")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    copy = work / qdpx.name
    copy.write_bytes(qdpx.read_bytes())
    QtWidgets.QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (str(copy), "qdpx"))
    app = types.SimpleNamespace(
        conn=conn,
        project_path=str(project),
        settings={"directory": str(work), "codername": "default", "ai_enable": "False"},
        ai_models=[],
        write_config_ini=lambda *a: None,
    )
    log = Log()
    Message.shown = []
    stdout, sys.stdout = sys.stdout, sys.stderr  # the importer prints as it goes
    try:
        refi.RefiImport(app, log, "qdpx")
    finally:
        sys.stdout = stdout
    try:
        result = counts(conn, project, log)
        result.update(against_the_project(conn, qdpx))
    finally:
        conn.close()
        shutil.rmtree(work, ignore_errors=True)
    return result


def against_the_project(conn, qdpx: Path) -> dict:
    """What QualCoder made, checked against what the project says: each
    case's text against its SelectionRefs, memos against Descriptions."""
    ns = {"q": "urn:QDA-XML:project:1.0"}
    with zipfile.ZipFile(qdpx) as archive:
        root = ElementTree.fromstring(archive.read("project.qde"))
    where = {}
    for source in root.iterfind(".//q:TextSource", ns):
        for sel in source.iterfind("q:PlainTextSelection", ns):
            span = (int(sel.get("startPosition")), int(sel.get("endPosition")))
            where[sel.get("guid")] = (source.get("name"), *span)
    wanted = {
        case.get("name"): sorted(where[r.get("targetGUID")] for r in case.iterfind("q:SelectionRef", ns))
        for case in root.iterfind(".//q:Case", ns)
    }
    got = {}
    for name, source, pos0, pos1 in conn.execute(
        "select c.name, s.name, t.pos0, t.pos1 from case_text t "
        "join cases c on c.caseid = t.caseid join source s on s.id = t.fid"
    ):
        got.setdefault(name, []).append((source, pos0, pos1))
    exact = [name for name, spans in wanted.items() if sorted(got.get(name, [])) == spans]
    described = sum(
        1 for sel in root.iterfind(".//q:PlainTextSelection", ns) if sel.find("q:Description", ns) is not None
    )
    return {
        "cases whose segments are exactly their SelectionRefs": f"{len(exact)} of {len(wanted)}",
        "selections with a Description in the project": described,
    }


def counts(conn, project: Path, log: Log) -> dict:
    one = lambda sql, *a: conn.execute(sql, a).fetchone()[0]
    sources = conn.execute("select id, name, fulltext, owner, date from source order by id").fetchall()
    copied = sorted(p.name for p in (project / "documents").iterdir())
    cases = conn.execute(
        "select c.name, count(t.id), count(distinct t.fid) from cases c "
        "left join case_text t on t.caseid = c.caseid group by c.caseid order by c.name"
    ).fetchall()
    misplaced = conn.execute(
        "select count(*) from code_text t join source s on s.id = t.fid "
        "where substr(s.fulltext, t.pos0 + 1, t.pos1 - t.pos0) != t.seltext"
    ).fetchone()[0]
    return {
        "sources": len(sources),
        "source names": [s[1] for s in sources],
        "source owners and dates": sorted({(s[3], s[4][:10]) for s in sources}),
        "files copied into documents/": len(copied),
        "codes": one("select count(*) from code_name"),
        "categories": one("select count(*) from code_cat"),
        "codes in no category": one("select count(*) from code_name where catid is null"),
        "coded segments": one("select count(*) from code_text"),
        "coded spans": one("select count(*) from (select distinct fid, pos0, pos1 from code_text)"),
        "codings with no code": one("select count(*) from code_text where cid is null"),
        "segments whose text differs from the source": misplaced,
        "cases": len(cases),
        "cases with segments": sum(1 for c in cases if c[1] > 0),
        "case segments": sum(c[1] for c in cases),
        "case links": {c[0]: c[1] for c in cases},
        "coding memos": one("select count(*) from code_text where ifnull(memo, '') != ''"),
        "coded spans with a memo": one(
            "select count(*) from (select distinct fid, pos0, pos1 from code_text "
            "where ifnull(memo, '') != '')"
        ),
        "memos (each distinct one, its first line)": sorted(
            {
                r[0].splitlines()[0]
                for r in conn.execute("select memo from code_text where ifnull(memo, '') != ''")
            }
        ),
        "annotations": one("select count(*) from annotation"),
        "journals": one("select count(*) from journal"),
        "file attributes": one("select count(*) from attribute where attr_type = 'file'"),
        "case attributes": one("select count(*) from attribute where attr_type = 'case'"),
        "attribute types": {
            r[0]: r[1] for r in conn.execute("select name, caseOrFile from attribute_type")
        },
        "problems": [l for l in log.lines if any(w in l for w in ("rror", "Cannot", "uplicat"))],
        "messages": [m for m in Message.shown if "EXPERIMENTAL" not in m],
    }


def main():
    brief = "--brief" in sys.argv
    files = [Path(a) for a in sys.argv[1:] if a != "--brief"]
    if not files:
        sys.exit(__doc__)
    src = qualcoder_src()
    statements = create_tables(src)
    _app, refi, QtWidgets = load_importer(src)
    for qdpx in files:
        result = import_one(refi, QtWidgets, statements, qdpx.resolve())
        if brief:
            for key in (
                "source names",
                "case links",
                "attribute types",
                "source owners and dates",
                "memos (each distinct one, its first line)",
            ):
                result.pop(key)
        print(json.dumps({"file": qdpx.name, **result}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
