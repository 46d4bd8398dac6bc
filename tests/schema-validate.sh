#!/usr/bin/env bash
# Checks that the committed JSON Schema (schema/sequence.schema.json) accepts every document of
# the compliant examples and rejects a misspelt field, with the reference `jsonschema` validator
# from PyPI (the same draft-07 semantics the YAML language server applies in editors).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
venv="$repo/target/schema-venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check jsonschema pyyaml
"$venv/bin/python" - "$repo" <<'PY'
import glob, json, sys, yaml, jsonschema
repo = sys.argv[1]
schema = json.load(open(f"{repo}/schema/sequence.schema.json"))
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)
count = 0
for path in sorted(glob.glob(f"{repo}/examples/*.yaml")):
    for doc in yaml.safe_load_all(open(path)):
        errors = list(validator.iter_errors(doc))
        if errors:
            sys.exit(f"FAIL: {path}: {errors[0].message}")
        count += 1
bad = {"sequence": "S", "messages": [{"id": "a", "bdy": "x"}]}
if validator.is_valid(bad):
    sys.exit("FAIL: the schema accepts a misspelt field")
print(f"schema: {count} example documents valid; a misspelt field is rejected")
PY
