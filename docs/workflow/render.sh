#!/usr/bin/env bash
# Renders the BPMN diagrams in workflow/src/main/resources/bpmn to PNG with bpmn-js (npm) in
# Debian's headless Chromium, as a reader without Camunda Modeler would see them.
# Usage: docs/workflow/render.sh     (needs npm and chromium; writes docs/workflow/*.png)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
(cd "$W" && npm init -y > /dev/null && npm install --silent bpmn-js@17 > /dev/null)
render() {  # name width height
  python3 - "$ROOT/workflow/src/main/resources/bpmn/$1.bpmn" "$W/$1.html" <<'PY'
import json, sys
xml = open(sys.argv[1]).read()
open(sys.argv[2], "w").write("""<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="node_modules/bpmn-js/dist/assets/bpmn-js.css">
<style>html,body,#c{margin:0;width:100%;height:100%;background:#fff}</style></head><body><div id="c"></div>
<script src="node_modules/bpmn-js/dist/bpmn-viewer.production.min.js"></script>
<script>const v = new BpmnJS({container: '#c'});
v.importXML(""" + json.dumps(xml) + """).then(() => v.get('canvas').zoom('fit-viewport'));</script></body></html>""")
PY
  chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size="$2,$3" \
    --virtual-time-budget=5000 --screenshot="$ROOT/docs/workflow/$1.png" "file://$W/$1.html" 2> /dev/null
}
render access-request 2600 900
render committee-review 1300 620
render amendment 1850 620
ls -l "$ROOT"/docs/workflow/*.png
