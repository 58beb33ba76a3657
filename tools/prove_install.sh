#!/usr/bin/env bash
# Prove the installed product, not the checkout (`make prove-install`, run by .ci/run):
# build the wheel and the sdist, check their metadata and contents, install the wheel into a
# fresh virtualenv in a temporary folder outside the checkout (versions pinned by
# requirements-dev.lock), and from there use it as a user would: backbeat-sandbox, a client
# call, backbeat-contract on both APIs, the example test suite under plain pytest, mypy --strict
# on a separate project, and the core install without extras. Any failing step fails the run;
# every server is stopped by PID and the temporary folder removed, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
python=${PYTHON:-python3}
dev=$repo/.venv/bin/python
work=$(mktemp -d "${TMPDIR:-/tmp}/backbeat-prove.XXXXXX")
case "$work/" in "$repo"/*) echo "prove-install: $work is inside the checkout" >&2; exit 1 ;; esac
server_pids=()
cleanup() {
  for pid in "${server_pids[@]}"; do
    if kill "$pid" 2>/dev/null; then wait "$pid" 2>/dev/null || true; fi
  done
  rm -rf "$work"
}
trap cleanup EXIT
started=$SECONDS
step() { printf '\n== prove-install [%3ss] %s\n' "$((SECONDS - started))" "$*"; }
fail() { echo "prove-install: FAILED: $*" >&2; exit 1; }
quietly() {  # run "$@" with its output in a log, shown only when it fails
  local log=$work/step.log
  "$@" >"$log" 2>&1 || { tail -n 60 "$log" >&2; fail "$*"; }
}

version=$("$dev" -c 'import runpy; print(runpy.run_path("overlay/backbeat/_version.py")["__version__"])')
wheel=$work/dist/backbeat-$version-py3-none-any.whl
sdist=$work/dist/backbeat-$version.tar.gz

step "build the sdist, then the wheel from the sdist (python -m build)"
quietly "$dev" -m build --outdir "$work/dist" .
test -f "$wheel" && test -f "$sdist" || fail "expected $wheel and $sdist"
quietly "$dev" -m twine check --strict "$wheel" "$sdist"
"$dev" tools/check_dist.py "$wheel" "$sdist"

step "fresh virtualenvs outside the checkout: $work/venv (both extras), $work/core (none)"
# The core one installs in the background meanwhile; its step waits for it. --no-compile:
# byte-compiling every installed module costs more than compiling the ones the steps import.
install_core() {
  "$python" -m venv "$work/core" &&
    "$work/core/bin/python" -m pip install --no-compile --disable-pip-version-check \
      -c "$repo/requirements-dev.lock" "$wheel" pytest
}
install_core >"$work/core-install.log" 2>&1 &
core_install=$!
"$python" -m venv "$work/venv"
bin=$work/venv/bin
quietly "$bin/python" -m pip install --no-compile --disable-pip-version-check -c requirements-dev.lock \
  "$wheel[sandbox,contract]" mypy
mkdir -p "$work/user" && cd "$work/user"
unset PYTHONPATH
"$bin/python" - "$repo" <<'PY'
import sys, backbeat, backbeat_sandbox, backbeat_contract, backbeat_specs, backbeat_pytest
repo = sys.argv[1]
for module in (backbeat, backbeat_sandbox, backbeat_contract, backbeat_specs, backbeat_pytest):
    assert not module.__file__.startswith(repo), f"{module.__name__} comes from the checkout"
assert backbeat_specs.spec_dir().name == "backbeat_specs", backbeat_specs.spec_dir()
print("imports from", backbeat_specs.spec_dir().parent)
PY
for command in backbeat-sandbox backbeat-contract; do
  shown=$("$bin/$command" --version)
  [ "$shown" = "$command $version" ] || fail "$command --version says '$shown', not $version"
  "$bin/$command" --help >/dev/null
done

step "backbeat-sandbox refuses a folder without specs (one line, non-zero)"
mkdir "$work/no-specs"
if "$bin/backbeat-sandbox" --spec-dir "$work/no-specs" 2>"$work/refusal.txt"; then
  fail "the sandbox started without specs"
fi
[ "$(wc -l <"$work/refusal.txt")" -eq 1 ] || { cat "$work/refusal.txt"; fail "not one line"; }
grep -q "$work/no-specs/openapi.yaml" "$work/refusal.txt" || fail "the refusal does not name the file"
cat "$work/refusal.txt"

step "backbeat-sandbox --port N serves both APIs; a client call through backbeat.Trackyard"
port=$("$bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin/backbeat-sandbox" --port "$port" --log-level warning --no-access-log &
server_pids+=($!)
"$bin/python" - "http://127.0.0.1:$port" <<'PY'
import sys, time
import httpx
from backbeat import MusicGPT, Trackyard
root = sys.argv[1]
deadline = time.monotonic() + 30
while True:
    try:
        if httpx.get(root + "/_sandbox/health").status_code == 200:
            break
    except httpx.HTTPError:
        pass
    assert time.monotonic() < deadline, "the sandbox did not answer"
    time.sleep(0.1)
with Trackyard("ty_test_starter", base_url=root + "/api/external/v1") as client:
    track = client.search("moody piano for a rainy scene", limit=1).tracks[0]
    saved = client.download_track(track.id, duration_seconds=30).save(".")
    print("Trackyard:", track.id, saved, client.me().credits_remaining, "credits left")
with MusicGPT("mg_test_free", base_url=root + "/api/public") as client:
    print("MusicGPT:", client.generate_music(prompt="lofi beat").task_id)
PY

step "a pyc-only copy of the installed backbeat (compileall -b, sources removed) pages conversions"
# Zipapps and frozen deployments ship no .py: nothing may depend on reading source.
site=$("$bin/python" -c 'import backbeat, pathlib; print(pathlib.Path(backbeat.__file__).parent.parent)')
mkdir "$work/pyc-only" && cp -R "$site/backbeat" "$work/pyc-only/"
quietly "$bin/python" -m compileall -b -q "$work/pyc-only"
find "$work/pyc-only" -name '*.py' -delete && find "$work/pyc-only" -name __pycache__ -prune -exec rm -rf {} +
PYTHONPATH=$work/pyc-only "$bin/python" - "http://127.0.0.1:$port" "$work/pyc-only" <<'PY'
import sys
import backbeat
from backbeat import MusicGPT
root, copy = sys.argv[1], sys.argv[2]
assert backbeat.__file__.startswith(copy) and backbeat.__file__.endswith(".pyc"), backbeat.__file__
with MusicGPT("mg_test_pro_pyconly", base_url=root + "/api/public") as client:
    started = {client.generate_music(prompt=f"pyc-only song {n}").task_id for n in range(3)}
    first = client.list_user_conversions(limit=1)
    assert first.last_evaluated_key, "page one names the next page"
    seen = [c.task_id for c in client.iter_conversions(page_size=1)]
assert started <= set(seen), (started, seen)
print("pyc-only:", len(seen), "conversions in pages of 1 from", copy)
PY

kill "${server_pids[-1]}" && wait "${server_pids[-1]}" || true
unset 'server_pids[-1]'

# Both APIs exactly as a user types it (the default profile divides its fuzzing budget among
# MusicGPT's 30 operations). The JSON report is read back through its packaged schema, as
# --baseline reads it.
for api in trackyard musicgpt; do
  step "backbeat-contract --api $api (embedded sandbox)"
  quietly "$bin/backbeat-contract" --api "$api" --report-dir "reports/$api"
  grep -h "passed" "$work/step.log" | tail -n 1  # exit status 0: no promise was broken
  for report in junit.xml coverage.md coverage.html coverage.json; do
    compgen -G "reports/$api/*$report" >/dev/null || fail "no $report report for $api"
  done
  json_report=$(compgen -G "reports/$api/*coverage.json" | head -n 1)
  "$bin/python" -c "import sys; from backbeat_contract import coverage
coverage.load(__import__('pathlib').Path(sys.argv[1]))" "$json_report" \
    || fail "$json_report does not load as a baseline"
done

step "the example user test suite, plugin fixtures only, under plain pytest"
cp "$repo/examples/pytest_plugin/test_with_backbeat.py" .
quietly "$bin/pytest" -q -p no:cacheprovider --strict-markers test_with_backbeat.py
tail -n 1 "$work/step.log"

step "mypy --strict in a separate project sees backbeat's types (py.typed)"
mkdir "$work/typed" && cd "$work/typed"
cat >uses_backbeat.py <<'PY'
from backbeat import Trackyard, __version__
from backbeat_pytest import Sandbox
from backbeat._generated.trackyard.models import Me


def credits_left(client: Trackyard) -> int:
    me: Me = client.me()
    return me.credits_remaining


def trackyard_url(sandbox: Sandbox) -> str:
    return sandbox.trackyard_url


VERSION: str = __version__
reveal_type(Trackyard.search)
PY
cat >type_error.py <<'PY'
from backbeat import Trackyard


def credits_left(client: Trackyard) -> str:
    return client.me().credits_remaining
PY
if "$bin/mypy" --strict --cache-dir "$work/mypy-cache" uses_backbeat.py type_error.py >mypy.txt 2>&1; then
  cat mypy.txt; fail "mypy missed the deliberate type error"
fi
cat mypy.txt
grep -q 'type_error.py:5: error: Incompatible return value type (got "int", expected "str")' mypy.txt \
  || fail "mypy did not report the deliberate error"
grep -q 'uses_backbeat.py:[0-9]*: note: Revealed type is .*SearchResponse' mypy.txt \
  || fail "mypy does not see Trackyard.search's types"
! grep -q "uses_backbeat.py.*error" mypy.txt || fail "mypy --strict rejects correct code"

step "core install (no extras): the plugin loads harmlessly, its fixtures say what to install"
wait "$core_install" || { tail -n 60 "$work/core-install.log" >&2; fail "core install"; }
mkdir "$work/core-user" && cd "$work/core-user"
cat >test_core.py <<'PY'
import backbeat


def test_without_the_sandbox() -> None:
    assert backbeat.__version__


def test_needs_the_sandbox(backbeat_trackyard: backbeat.Trackyard) -> None:
    raise AssertionError("unreachable: the fixture must fail first")
PY
if "$work/core/bin/pytest" -q -p no:cacheprovider test_core.py >core.txt 2>&1; then
  cat core.txt; fail "a sandbox fixture worked without the sandbox extra"
fi
grep -q '1 passed, 1 error' core.txt || { cat core.txt; fail "unexpected core-install result"; }
grep -q 'pip install "backbeat\[sandbox\]"' core.txt || { cat core.txt; fail "no install hint"; }
tail -n 1 core.txt

step "done: the installed wheel works"
