"""Command line: `python -m mbc validate | generate DIR | schema | build | bundle | diff A B | release-notes TAG | fix`."""

import argparse
import os
import sys
from pathlib import Path

from .problems import summary

ROOT = Path(__file__).resolve().parents[2]


def _print_problems(problems, stream) -> None:
    colour = stream.isatty() and "NO_COLOR" not in os.environ
    for problem in problems:
        text = problem.format()
        if colour:
            code = "31" if problem.severity == "error" else "33"
            head, _, rest = text.partition("\n")
            text = f"\033[{code}m{head}\033[0m" + ("\n" + rest if rest else "")
        print(text, file=stream)


def cmd_validate(args) -> int:
    from .validate import validate

    evidence = validate(args.root)
    if args.format == "github":  # workflow commands are read from standard output
        for problem in evidence.problems:
            print(problem.github())
    else:
        _print_problems(evidence.problems, sys.stderr)
    records = len(evidence.corpus.all())
    refs = len(evidence.bibliography.references)
    print(f"validated {records} records and {refs} references: {summary(evidence.problems)}", file=sys.stderr)
    return 1 if evidence.errors else 0


def cmd_generate(args) -> int:
    from .site import site_files, write_site_files
    from .validate import validate

    evidence = validate(args.root)
    if evidence.errors:
        _print_problems(evidence.errors, sys.stderr)
        print(f"not generated: {summary(evidence.problems)}", file=sys.stderr)
        return 1
    count = write_site_files(site_files(evidence, args.root), args.out)
    print(f"wrote {count} pages to {args.out}", file=sys.stderr)
    return 0


def cmd_schema(args) -> int:
    from .schema_export import write_schemas

    changed = write_schemas(args.root)
    print(f"schemas: {len(changed)} file(s) updated" if changed else "schemas: up to date", file=sys.stderr)
    return 0


def cmd_build(args) -> int:
    from .build import build_site

    return build_site(args.root)


def cmd_bundle(args) -> int:
    from .bundle import make_bundle

    return make_bundle(args.root)


def cmd_serve(args) -> int:
    from .preview import serve

    return serve(args.root, args.host, args.port)


def cmd_diff(args) -> int:
    from .diff import print_diff

    return print_diff(args)


def cmd_new(args) -> int:
    from .new import print_new

    return print_new(args)


def cmd_fix(args) -> int:
    from .fix import print_fixes

    return print_fixes(args)


def cmd_release_notes(args) -> int:
    from .release import print_release_notes

    return print_release_notes(args)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mbc", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="project root (default: this checkout)")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check every record and the bibliography")
    validate.add_argument("--format", choices=["text", "github"], default="text",
                          help="github: GitHub Actions annotations, shown on the pull request's diff")
    validate.set_defaults(run=cmd_validate)
    generate = commands.add_parser("generate", help="write the generated pages and export to a folder, without MkDocs (removing files it wrote before that are no longer generated)")
    generate.add_argument("out", type=Path)
    generate.set_defaults(run=cmd_generate)
    commands.add_parser("schema", help="regenerate schemas/*.schema.json from the models").set_defaults(run=cmd_schema)
    commands.add_parser("build", help="validate and build the hosted site into site/ (atomically)").set_defaults(run=cmd_build)
    commands.add_parser("bundle", help="build site/ and zip it into dist/ (it works from file://)").set_defaults(run=cmd_bundle)
    serve = commands.add_parser("serve", help="live preview: rebuild on every edit, show problems on the pages")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(run=cmd_serve)
    diff = commands.add_parser("diff", help="what changed in the evidence between two git revisions, as Markdown")
    diff.add_argument("old", help="the earlier revision: a tag, branch or commit")
    diff.add_argument("new", nargs="?", default="HEAD", help="the later revision (default: HEAD)")
    diff.add_argument("-o", "--output", type=Path, help="write the Markdown to this file instead of standard output")
    diff.set_defaults(run=cmd_diff)
    new = commands.add_parser("new", help="start a record from its kind's template (`new trial ID`), or a reference "
                                           "from its DOI or PMID (`new reference --doi DOI`)")
    new.add_argument("kind", help="a kind (trial, drug, ...) or 'reference'")
    new.add_argument("id", nargs="?", help="the record's id (its file name); for a reference, the key (default: made from the identifier)")
    identifier = new.add_mutually_exclusive_group()
    identifier.add_argument("--doi", help="the DOI of the reference, bare or as an address")
    identifier.add_argument("--pmid", help="the PubMed id of the reference")
    new.set_defaults(run=cmd_new)
    fix = commands.add_parser("fix", help="apply the fixes the validator can name with certainty, and show them as a diff")
    fix.add_argument("--dry-run", action="store_true", help="only show the diff; exit 1 if there is something to fix")
    fix.set_defaults(run=cmd_fix)
    notes = commands.add_parser("release-notes", help="the clinical diff from the previous release tag to TAG")
    notes.add_argument("tag", help="a release tag, vYYYY.MM.DD")
    notes.set_defaults(run=cmd_release_notes)
    args = parser.parse_args(argv)
    args.root = args.root.resolve()
    return args.run(args)
