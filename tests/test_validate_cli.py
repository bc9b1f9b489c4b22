"""The validator as editors meet it: one run, every problem, file:line:col, exit 1, no traceback."""

import subprocess
import sys

from conftest import ROOT, make_root

from mbc.schema_export import schema_files


def run_cli(root, *args):
    return subprocess.run([sys.executable, "-m", "mbc", "--root", str(root), *args], capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT / "scripts"), "PATH": "/usr/bin:/bin"})


def test_clean_evidence_exits_zero(valid_root):
    result = run_cli(valid_root, "validate")
    assert result.returncode == 0, result.stderr
    assert "0 errors" in result.stderr


def test_all_problems_in_one_run(tmp_path):
    root = make_root(tmp_path / "project")
    drug = root / "evidence/drugs/pertuzumab.yaml"
    drug.write_text(drug.read_text().replace("name: Pertuzumab", "name: Pertuzumab\nname: Again\ndrug_class: x"))
    trial = root / "evidence/trials/cleopatra.yaml"
    trial.write_text(trial.read_text().replace("value: 0.62", "value: 7").replace('phase: "3"', "phase: 3"))
    (root / "evidence/drugs/trastuzumab.yaml").write_bytes(b"id: trastuzumab\nname: \xfe\n")
    result = run_cli(root, "validate")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    # Both duplicate keys of one file, the encoding error and the schema error of other files.
    assert "evidence/drugs/pertuzumab.yaml:4:1: YAML-DUPLICATE-KEY key 'name' is repeated (first on line 3)" in lines
    assert "evidence/drugs/pertuzumab.yaml:7:1: YAML-DUPLICATE-KEY key 'drug_class' is repeated (first on line 5)" in lines
    assert any(line.startswith("evidence/drugs/trastuzumab.yaml:2:7: FILE-ENCODING") for line in lines)
    assert any(line.startswith("evidence/trials/cleopatra.yaml:6:8: SCHEMA-INVALID") for line in lines)
    assert any(line.strip().startswith("hint:") for line in lines)
    assert lines[-1].endswith("4 errors, 0 warnings")


def test_entry_missing_its_closing_brace_is_reported_once_with_the_reason(tmp_path):
    root = make_root(tmp_path / "project")
    bib = root / "evidence/references.bib"
    bib.write_text(bib.read_text().replace("  verified_on = {2026-11-21},\n}\n", "  verified_on = {2026-11-21},\n", 1))
    result = run_cli(root, "validate")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "evidence/references.bib:1:1: BIB-PARSE this block is not valid BibTeX: Expected a `=` after entry key" in result.stderr
    assert "Parsing of" not in result.stderr  # the parser's own log would repeat it without the file name


def test_unknown_field_suggests_the_right_one(tmp_path):
    root = make_root(tmp_path / "project")
    drug = root / "evidence/drugs/pertuzumab.yaml"
    drug.write_text(drug.read_text().replace("brand_names:", "brand_name:"))
    result = run_cli(root, "validate")
    assert "SCHEMA-UNKNOWN-FIELD unknown field 'brand_name'" in result.stderr
    assert "did you mean 'brand_names'?" in result.stderr


def test_alias_bomb_is_refused_quickly(tmp_path):
    root = make_root(tmp_path / "project")
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9))
    (root / "evidence/drugs/pertuzumab.yaml").write_text(bomb)
    result = run_cli(root, "validate")
    assert result.returncode == 1
    assert "YAML-ALIAS" in result.stderr


def test_committed_json_schemas_are_current():
    for name, text in schema_files().items():
        committed = ROOT / "schemas" / name
        assert committed.exists() and committed.read_text(encoding="utf-8") == text, \
            f"schemas/{name} is stale: run `make schema` and commit the result"


def test_loaded_yaml_is_a_plain_mapping_with_positions(tmp_path):
    from mbc.yaml_source import load_yaml, position

    path = tmp_path / "x.yaml"
    path.write_text("id: x\nlist:\n  - a\n  - {k: v}\n")
    data = load_yaml(path, "x.yaml").data
    assert list(data.keys()) == ["id", "list"] and dict(data) == {"id": "x", "list": ["a", {"k": "v"}]}
    assert position(data, ("list", 1, "k")) == (4, 9)
    assert position(data, ("list", 1, "k"), key_position=True) == (4, 6)


def test_github_format_annotates_the_pull_request(tmp_path):
    root = make_root(tmp_path / "project")
    drug = root / "evidence/drugs/pertuzumab.yaml"
    drug.write_text(drug.read_text().replace("subtypes: [her2-positive]", "subtypes: [her2-positive, HER2 Low]"))
    trial = root / "evidence/trials/cleopatra.yaml"
    trial.write_text(trial.read_text().replace("published: 2012-01-12", "published: 2013-01-12"))
    result = run_cli(root, "validate", "--format", "github")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2, result.stdout  # one annotation per problem, its details inside
    assert lines[0].startswith("::error file=evidence/drugs/pertuzumab.yaml,line=8,col=27,title=SCHEMA-INVALID::item 2 of 'subtypes': ")
    assert "%0Aexpected: Subtype ids" in lines[0] and "%0Aactual:   'HER2 Low'%0Ahint: " in lines[0]
    assert lines[1].startswith("::warning file=evidence/trials/cleopatra.yaml,line=29,col=16,title=PLAUS-RESULT-DATE::")
