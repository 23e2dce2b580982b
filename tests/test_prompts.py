"""On a terminal, a command that creates a record asks for what is missing;
off a terminal it fails with exit 2 (a real subprocess on a pseudo-terminal)."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from commands import cli

ROOT = Path(__file__).resolve().parent.parent


def _read_until(fd: int, marker: str, timeout: float = 20) -> str:
    seen = b""
    end = time.monotonic() + timeout
    while not (marker.encode() in seen and seen.rstrip().endswith(b":")):
        assert time.monotonic() < end, seen.decode(errors="replace")
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen.decode(errors="replace")


def test_inquiry_log_through_prompts_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TOWNSHIP_DATA_DIR": str(data)}
    env |= {"TOWNSHIP_TODAY": "2026-03-02", "TOWNSHIP_USER": "王芳", "TOWNSHIP_LANG": "zh"}
    subprocess.run([sys.executable, "-m", "commands", "init"], env=env, check=True, cwd=tmp_path)
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "commands", "inquiry", "log"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        cwd=tmp_path,
    )
    os.close(follower)
    try:
        answers = [("姓名", "张三"), ("咨询或办理事项", "低保政策咨询")]
        # the channel prompt lists the catalogue; answer with the Chinese label
        answers += [("来访渠道", "来电"), ("类型", "")]
        shown = ""
        for marker, answer in answers:
            shown += _read_until(leader, marker)
            os.write(leader, answer.encode() + b"\r")
        assert "phone  来电" in shown and "letter  来信" in shown
        assert proc.wait(timeout=20) == 0
    finally:
        os.close(leader)
        if proc.poll() is None:
            proc.kill()
    out = subprocess.run(
        [sys.executable, "-m", "commands", "inquiry", "show", "INQ-2026-0001", "--format", "json"],
        env=env, cwd=tmp_path, capture_output=True, text=True, check=True,
    )  # fmt: skip
    record = json.loads(out.stdout)
    assert (record["name"], record["matter"], record["channel"], record["type"]) == (
        "张三", "低保政策咨询", "phone", "consult",
    )  # fmt: skip


def test_no_prompt_off_a_terminal(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["--data-dir", str(tmp_path / "d"), "--today", "2026-03-02", "case", "open"],
        input="李某\n",
    )
    assert result.exit_code == 2
    assert "缺少选项「--subject」。" in result.stderr
    assert not (tmp_path / "d").exists()
