"""The JSON Schema for editors accepts every valid dataset and rejects type errors.

usage: schema_check.py CHOKEPOINT_BINARY SOURCE_DIR
"""
import glob
import json
import os
import sys

import jsonschema

src = sys.argv[2]
schema = json.load(open(os.path.join(src, "datasets", "chokepoint.schema.json")))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
fails = 0
good = glob.glob(os.path.join(src, "datasets", "*.json")) + glob.glob(os.path.join(src, "tests/fixtures/good/*.json"))
good = [f for f in good if not f.endswith("schema.json")]
for f in good:
    errors = list(validator.iter_errors(json.load(open(f, encoding="utf-8"))))
    if errors:
        print(f"FAIL {f}: {errors[0].message}")
        fails += 1
# Fixtures whose error is a type or range error the schema can see must be rejected.
for name in ["missing_format", "wrong_format", "missing_name", "no_sources", "zero_output", "edge_zero_flow",
             "wrong_type_output", "wrong_type_nodes", "wrong_type_year", "wrong_type_owner", "owner_share_zero",
             "negative_inventory", "lowercase_country", "source_without_citation", "root_array", "null_country"]:
    doc = json.load(open(os.path.join(src, "tests/fixtures/broken", name + ".json")))
    if validator.is_valid(doc):
        print(f"FAIL schema accepts broken/{name}.json")
        fails += 1
print(f"{len(good)} valid files checked; {fails} failed")
sys.exit(1 if fails else 0)
