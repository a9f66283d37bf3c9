"""The rule files ship inside the wheel: build it, install it (not editable) in a fresh venv, clean a seed.

The fresh venv gets the wheel with ``--no-deps`` and borrows the dependencies of the running interpreter
through a ``.pth`` file, so the test needs no network and takes a few seconds; ``cleaner`` itself is
imported from the wheel's install, never from this checkout.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_ships_rules_and_cleans_a_seed(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True, capture_output=True, cwd=tmp_path,
    )
    wheel = next(dist.glob("cleaner-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    py = env_dir / "bin" / "python"
    site = Path(subprocess.check_output([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True).strip())
    # dependencies from the running interpreter, but not its editable `cleaner`
    (site / "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    seed = ROOT / "seeds" / "004_56bf569e7975ecb5.txt"
    code = (
        "import json, sys, cleaner, cleaner.ruleset as rs\n"
        "r = cleaner.clean(open(sys.argv[1], encoding='utf-8').read())\n"
        "print(json.dumps({'file': cleaner.__file__, 'rules': [str(p) for p in rs.default_rule_files()],"
        " 'text': r.text, 'tags': r.tags}))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = json.loads(subprocess.check_output([py, "-I", "-c", code, str(seed)], text=True, env=env, cwd=tmp_path))
    assert out["file"].startswith(str(site)), out["file"]
    assert out["rules"] and all(p.startswith(str(site)) for p in out["rules"])
    assert {Path(p).name for p in out["rules"]} >= {"common.toml", "en.toml"}
    expected = json.loads((ROOT / "seeds" / "expected" / "004_56bf569e7975ecb5.json").read_text(encoding="utf-8"))
    assert out["text"] == expected["text"] and out["tags"] == expected["tags"]
