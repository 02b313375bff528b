"""The real pre-commit tool runs the hooks of .pre-commit-hooks.yaml on a temporary
config repository: the bad config fails the commit, the good one passes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, ROOT

BAD = FIXTURES / "cases" / "cisco_ios" / "mgmt-weak.cfg"
GOOD = FIXTURES / "cases" / "cisco_ios" / "mgmt-hardened.cfg"


def run(cmd, cwd, env):
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def test_pre_commit_try_repo_fails_on_the_bad_config_and_passes_the_good(tmp_path):
    repo = tmp_path / "configs"
    repo.mkdir()
    shutil.copy(BAD, repo / "branch-rtr.cfg")
    shutil.copy(GOOD, repo / "hq-rtr.cfg")
    # The repository's own netlint settings: lifecycle findings depend on today's date,
    # which this test must not.
    (repo / ".netlint.yaml").write_text("ignore: [eol-software]\n")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), GIT_AUTHOR_NAME="t",
               GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")
    for cmd in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-qm", "configs"]):
        assert run(cmd, repo, env).returncode == 0
    pre_commit = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "netlint", "--verbose"]
    bad = run(pre_commit + ["--files", "branch-rtr.cfg"], repo, env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "NL201" in bad.stdout and "branch-rtr.cfg:" in bad.stdout  # telnet on the VTY lines
    good = run(pre_commit + ["--files", "hq-rtr.cfg"], repo, env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    network = run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "netlint-network", "--all-files"], repo, env)
    assert network.returncode == 1  # the whole network: the bad router's findings fail it
    assert Path(repo / "branch-rtr.cfg").exists()
