"""chokepoint render: the SVG of every bundled dataset parses as XML and shows every node, and
names full of markup render literally (usage: render_svg.py CHOKEPOINT_BINARY SOURCE_DIR)."""
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
NASTY = 'Quote "q" back\\slash \\N <b> & R&D {x|y}\nline two'


def render(binary, dataset, out, *extra):
    r = subprocess.run([binary, "render", dataset, "-o", out, *extra], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return ET.parse(out).getroot()


def node_titles(root):
    return {g.find(SVG + "title").text for g in root.iter(SVG + "g") if g.get("class") == "node"}


def texts(root):
    return [t.text or "" for t in root.iter(SVG + "text")]


def main():
    binary, source = sys.argv[1], sys.argv[2]
    tmp = tempfile.mkdtemp()
    for name in ["cobalt_mini", "cobalt_batteries", "semiconductors", "solar_pv"]:
        path = os.path.join(source, "datasets", name + ".json")
        data = json.load(open(path, encoding="utf-8"))
        root = render(binary, path, os.path.join(tmp, name + ".svg"), "--aggregate", "none")
        titles = node_titles(root)
        missing = [n["id"] for n in data["nodes"] if n["id"] not in titles]
        assert not missing, f"{name}: nodes missing from the SVG: {missing[:5]}"
        # aggregated: one box per (stage, country)
        root = render(binary, path, os.path.join(tmp, name + "-agg.svg"), "--aggregate", "country")
        want = {f'{n["stage"]}/{n["country"]}' for n in data["nodes"]}
        assert want <= node_titles(root), f"{name}: aggregated boxes missing"
        print(f"{name}: {len(data['nodes'])} nodes drawn, {len(want)} aggregated boxes")

    dataset = {
        "format": "chokepoint/1",
        "name": "Escaping <test> & \"friends\"",
        "sources": [{"id": "s", "citation": "none"}],
        "stages": [{"id": "mine", "name": "Mine {1}"}, {"id": "refine"}],
        "nodes": [
            {"id": "odd \"id\" <&>", "name": NASTY, "stage": "mine", "commodity": "ore",
             "country": "CN", "output": 5, "sources": ["s"]},
            {"id": "r", "stage": "refine", "commodity": "metal", "country": "US", "output": 5,
             "sources": ["s"]},
        ],
        "edges": [{"from": "odd \"id\" <&>", "to": "r", "flow": 5, "sources": ["s"]}],
    }
    path = os.path.join(tmp, "nasty.json")
    json.dump(dataset, open(path, "w", encoding="utf-8"))
    for layout in ["dot", "sfdp"]:
        root = render(binary, path, os.path.join(tmp, f"nasty-{layout}.svg"), "--layout", layout)
        shown = texts(root)
        for line in NASTY.split("\n"):
            assert line in shown, f"{layout}: {line!r} not shown literally in {shown}"
        assert 'Escaping <test> & "friends"' in shown, shown
        assert "Mine {1}" in shown or layout == "sfdp", shown
        assert 'odd "id" <&>' in node_titles(root)
    print("escaping: names render literally (dot and sfdp)")


if __name__ == "__main__":
    main()
