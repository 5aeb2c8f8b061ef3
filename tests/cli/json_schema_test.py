"""Every command's --format json output against docs/schema/flowsim.schema.json.

    json_schema_test.py FLOWSIM SCHEMA REPOSITORY [SCENARIO...]

Runs each command that writes JSON on the test fixtures (answers yes and no, limits,
laws, levers, audits with and without camera counts, an empty log) and on each SCENARIO
(paths relative to REPOSITORY: the shipped ones), and validates each output against its definition in the schema (draft
2020-12, `#/$defs/<command>`). Also fails when a command offers `--format json` and this
test does not run it, so a new command cannot escape the schema. Needs the Python
`jsonschema` package (Debian's python3-jsonschema, installed by scripts/install-deps.sh):
a test that skips itself proves nothing.
"""
import copy
import json
import os
import re
import subprocess
import sys
import tempfile

import jsonschema

MINIMAL = "tests/cli/cases/minimal.yaml"
HONEST = "tests/cli/cases/honest/honest.yaml"
LEVERS = "tests/cli/cases/honest/levers.yaml"
CLIQUE = "tests/cli/cases/clique.yaml"
AUDIT = "tests/cli/cases/audit/constructed_reasons.csv"
AUDIT_SCENARIO = "tests/cli/cases/audit/eugene_before.yaml"
EUGENE_LOG = "../shared/data/eyesoff_eugene_or_pd__flock_search_audit_2025.csv"
# Each run of a shipped scenario is bounded: the national network is large.
BOUND = ["--timeout", "20"]


def fixture_runs(empty_log):
    """(definition, arguments) for the fixtures: each shape's variants at least once."""
    off = ["--set", "national_lookup=false"]
    return [
        ("query", ["query", MINIMAL]),
        ("query", ["query", MINIMAL] + off),
        ("query", ["query", HONEST, "--config", "as_companies_describe", "--set",
                   "searches_for_ice=true", "--without", "warrant", "--avoid", "ring_cloud",
                   "--min-evidence", "alleged", "--as-of", "2026-06-01"]),
        ("query", ["query", HONEST, "--from", "il_cams,ring", "--without", "warrant",
                   "--limit", "2"]),
        ("paths", ["paths", MINIMAL]),
        ("paths", ["paths", MINIMAL] + off),
        ("paths", ["paths", CLIQUE, "--limit", "3"]),
        ("paths_count", ["paths", MINIMAL, "--count"]),
        ("paths_count", ["paths", MINIMAL, "--count"] + off),
        ("likely", ["likely", MINIMAL]),
        ("likely", ["likely", MINIMAL] + off),
        ("likely", ["likely", HONEST, "--set", "searches_for_ice=true", "--set",
                    "il_law_enforced=false"]),
        ("cut", ["cut", MINIMAL]),
        ("cut", ["cut", LEVERS]),
        ("cut", ["cut", CLIQUE]),
        ("cut", ["cut", "tests/cli/cases/cut_holder.yaml", "--holder", "city council"]),
        ("cut", ["cut", "tests/cli/cases/cut_holder.yaml", "--holder", "police department"]),
        ("sweep", ["sweep", MINIMAL, "--params", "national_lookup"]),
        ("diff", ["diff", MINIMAL, "--vs-set", "national_lookup=false"]),
        ("diff", ["diff", CLIQUE, "--vs-set", "sharing=false", "--limit", "1"]),
        ("export", ["export", MINIMAL]),
        ("export", ["export", MINIMAL, "--routes"]),
        ("export", ["export", HONEST, "--routes", "--from", "city_cams,ring", "--set",
                    "warrant_act=false", "--set", "searches_for_ice=true"]),
        ("export", ["export", HONEST, "--set", "searches_for_ice=true"]),
        ("export", ["export", "tests/golden/dot/hostile/scenario.yaml"]),
        ("audit", ["audit", AUDIT]),
        ("audit", ["audit", AUDIT, "--columns", "date=searchDate,reason=reason"]),
        ("audit", ["audit", AUDIT, "--kind", "network", "--columns",
                   "date=searchDate,reason=reason,cameras=cameraCount,agency=userId",
                   "--agency", "eugene_pd", "--scenario", AUDIT_SCENARIO]),
        ("audit", ["audit", EUGENE_LOG, "--agency", "eugene_pd", "--scenario", AUDIT_SCENARIO,
                   "--publisher", "Eyes Off Eugene"]),
        ("audit", ["audit", empty_log]),
        ("show", ["show", MINIMAL]),
        ("show", ["show", HONEST, "edges", "--tag", "ice"]),
        ("show", ["show", LEVERS, "parameters"]),
        ("simulate", ["simulate", MINIMAL, "--runs", "500"]),
        ("simulate", ["simulate", MINIMAL, "--runs", "500"] + off),
        ("simulate", ["simulate", HONEST, "--from", "il_cams,ring", "--runs", "300",
                      "--within", "6h", "--unknown-likelihood", "0.5"]),
    ]


def scenario_runs(flowsim, root, scenario):
    """(definition, arguments) for one shipped scenario, its own parameters flipped."""
    graph = run(flowsim, root, "export", ["export", scenario] + BOUND)
    validate_later = [("export", ["export", scenario]),
                      ("export", ["export", scenario, "--routes", "--max-hops", "3"])]
    parameters = graph["configuration"]["parameters"]
    names = sorted(parameters)[:2]
    runs = validate_later + [
        ("query", ["query", scenario]),
        ("paths", ["paths", scenario, "--limit", "20", "--max-hops", "4"]),
        ("paths_count", ["paths", scenario, "--count", "--max-hops", "3"]),
        ("likely", ["likely", scenario, "-k", "3", "--max-hops", "4"]),
        ("cut", ["cut", scenario, "--max-hops", "3"]),
        ("simulate", ["simulate", scenario, "--runs", "200", "--max-hops", "3"]),
    ]
    if names:
        flip = f"{names[0]}={'false' if parameters[names[0]] else 'true'}"
        runs += [
            ("sweep", ["sweep", scenario, "--params", ",".join(names), "--max-hops", "3"]),
            ("diff", ["diff", scenario, "--vs-set", flip, "--max-hops", "3"]),
        ]
    # show searches nothing: it takes no --timeout.
    return [(definition, args + BOUND) for definition, args in runs] + [("show", ["show", scenario])]


def run(flowsim, root, definition, args):
    done = subprocess.run([flowsim] + args + ["--format", "json"], cwd=root,
                          capture_output=True, text=True, check=False)
    # 0 yes, 1 no (an answer), 3 cut short by --timeout (the output says so).
    if done.returncode not in (0, 1, 3):
        sys.exit(f"FAIL: flowsim {' '.join(args)} exited {done.returncode}: {done.stderr}")
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError as error:
        sys.exit(f"FAIL: flowsim {' '.join(args)} printed no JSON ({error}): "
                 f"{done.stdout[:200]!r}")


def commands_with_json(flowsim):
    """Every command whose --help offers --format json."""
    listing = subprocess.run([flowsim, "--help"], capture_output=True, text=True,
                             check=True).stdout
    names = re.findall(r"^  ([a-z]+)\b", listing.split("Subcommands:", 1)[1], re.MULTILINE)
    assert names, "no command found in flowsim --help"
    found = set()
    for name in names:
        text = subprocess.run([flowsim, name, "--help"], capture_output=True, text=True,
                              check=True).stdout
        format_lines = [line for line in text.splitlines() if "--format" in line]
        if any("json" in line for line in format_lines):
            found.add(name)
    return found


def main():
    flowsim, schema_path, root = sys.argv[1:4]
    scenarios = sys.argv[4:]
    with open(schema_path, encoding="utf-8") as file:
        schema = json.load(file)
    validator_class = jsonschema.Draft202012Validator
    validator_class.check_schema(schema)

    def validator(definition):
        assert definition in schema["$defs"], f"the schema has no definition {definition!r}"
        one = copy.deepcopy(schema)
        one.pop("anyOf")
        one["$ref"] = f"#/$defs/{definition}"
        return validator_class(one)

    with tempfile.TemporaryDirectory() as folder:
        empty_log = os.path.join(folder, "empty.csv")
        with open(empty_log, "w", encoding="utf-8") as file:
            file.write("id,userId,searchDate,cameraCount,reason\n")
        runs = fixture_runs(empty_log)
        for scenario in scenarios:
            runs += scenario_runs(flowsim, root, scenario)

        failures = 0
        validators = {}
        commands_run = set()
        for definition, args in runs:
            commands_run.add(args[0])
            output = run(flowsim, root, definition, args)
            checker = validators.setdefault(definition, validator(definition))
            errors = sorted(checker.iter_errors(output), key=lambda e: list(e.absolute_path))
            for error in errors[:5]:
                where = "/".join(str(part) for part in error.absolute_path) or "(top)"
                print(f"FAIL: flowsim {' '.join(args)} --format json: {where}: {error.message}")
            failures += bool(errors)

    missing = commands_with_json(flowsim) - commands_run
    for name in sorted(missing):
        print(f"FAIL: flowsim {name} offers --format json, but this test does not run it")
    if failures or missing:
        return 1
    print(f"ok: {len(runs)} outputs of {len(commands_run)} commands match the schema")
    return 0


if __name__ == "__main__":
    sys.exit(main())
