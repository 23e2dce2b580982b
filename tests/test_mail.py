"""``township mail`` against a real SMTP server on 127.0.0.1 (aiosmtpd)."""

from __future__ import annotations

import datetime as dt
import email
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from conftest import Invoke

TODAY = "2026-03-04"
TITLE = "青山镇人民政府 逾期与临期事项 2026-03-04"


class Inbox:
    """An aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        msg = email.message_from_bytes(envelope.content, policy=default)
        self.messages.append((list(envelope.rcpt_tos), msg))
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for rcpt, m in self.messages if address in rcpt]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    handler = Inbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def write_config(data_dir: Path, port: int, extra: str = "") -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "township.toml").write_text(
        f"""\
name = "青山镇人民政府"

[mail]
host = "127.0.0.1"
port = {port}
security = "none"
from = "township@example.org"
to = ["jiwei@example.org"]
{extra}
[mail.departments]
"民政办" = "mzb@example.org"
"党政办" = "dzb@example.org"
""",
        encoding="utf-8",
    )


def seed(run: Invoke) -> None:
    """Two web inquiries (5 working days, 2026-02-28 a make-up Saturday).

    INQ-2026-0001 (民政办), logged Tue 02-24: 02-25, 02-26, 02-27, 02-28, 03-02 ->
    due 03-02; on 03-04 overdue by 2 working days (03-03, 03-04).
    INQ-2026-0002 (党政办), logged Thu 02-26: 02-27, 02-28, 03-02, 03-03, 03-04 ->
    due 03-04, due today.
    """
    for dept, on in (("民政办", "2026-02-24"), ("党政办", "2026-02-26")):
        result = run(
            "inquiry", "log", "--name", "张三", "--matter", "网上咨询", "--channel", "web",
            "--dept", dept, "--on", on, today=on,
        )  # fmt: skip
        assert result.exit_code == 0, result.output


def parts(msg: EmailMessage) -> tuple[str, str]:
    assert msg.get_content_type() == "multipart/alternative"
    text = msg.get_body(("plain",))
    html = msg.get_body(("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


def test_the_whole_report_and_each_office_its_own(
    run: Invoke, data_dir: Path, inbox: tuple[Inbox, int]
) -> None:
    box, port = inbox
    seed(run)
    write_config(data_dir, port)
    result = run("mail", "--per-dept", today=TODAY)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""  # success is silent: cron mails only trouble
    assert len(box.messages) == 3
    (whole,) = box.to("jiwei@example.org")
    assert str(whole["Subject"]) == f"{TITLE}：逾期 1 项"
    assert "=?utf-8?" in whole.as_string()  # the subject is RFC 2047 encoded on the wire
    text, html = parts(whole)
    assert "INQ-2026-0001" in text and "INQ-2026-0002" in text
    assert "INQ-2026-0001" in html and '<tr class="overdue">' in html
    assert "审计日志末行：第 2 行" in text and "审计日志末行：第 2 行" in html
    (mzb,) = box.to("mzb@example.org")
    text, html = parts(mzb)
    assert "INQ-2026-0001" in text and "INQ-2026-0002" not in text + html
    assert str(mzb["Subject"]) == f"{TITLE}（民政办）：逾期 1 项"
    (dzb,) = box.to("dzb@example.org")
    text, html = parts(dzb)
    assert "INQ-2026-0002" in text and "INQ-2026-0001" not in text + html
    assert str(dzb["Subject"]) == f"{TITLE}（党政办）：逾期 0 项"


def test_nothing_is_sent_on_an_empty_day_unless_always(
    run: Invoke, data_dir: Path, inbox: tuple[Inbox, int]
) -> None:
    box, port = inbox
    seed(run)
    write_config(data_dir, port)
    # 02-25: INQ-2026-0001 is due 03-02, 3 working days on (02-26, 02-27, 02-28... 03-02
    # is the 4th), beyond the default 2: nothing is due.
    result = run("mail", "--as-of", "2026-02-25", today=TODAY)
    assert result.exit_code == 0 and result.output == ""
    assert box.messages == []
    assert run("mail", "--as-of", "2026-02-25", "--always", today=TODAY).exit_code == 0
    (msg,) = box.to("jiwei@example.org")
    assert str(msg["Subject"]).endswith("2026-02-25：逾期 0 项")
    assert "没有逾期或临期的事项" in parts(msg)[0]


def test_english_subject(run: Invoke, data_dir: Path, inbox: tuple[Inbox, int]) -> None:
    box, port = inbox
    seed(run)
    write_config(data_dir, port)
    assert run("mail", today=TODAY, lang="en").exit_code == 0
    (msg,) = box.messages
    assert str(msg[1]["Subject"]).endswith("2026-03-04: 1 overdue")


def test_dry_run_writes_the_message_for_sendmail(run: Invoke, data_dir: Path) -> None:
    seed(run)
    write_config(data_dir, free_port())  # nothing listens: a dry run never connects
    result = run("mail", "--dry-run", today=TODAY)
    assert result.exit_code == 0, result.output
    msg = email.message_from_bytes(result.stdout_bytes, policy=default)
    assert msg["To"] == "jiwei@example.org" and msg["From"] == "township@example.org"
    assert str(msg["Subject"]) == f"{TITLE}：逾期 1 项"
    assert "INQ-2026-0001" in parts(msg)[0]
    many = run("mail", "--dry-run", "--per-dept", today=TODAY).stdout
    assert many.count("\nFrom township ") + many.startswith("From township ") == 3


def test_a_refused_connection_is_exit_3(run: Invoke, data_dir: Path) -> None:
    seed(run)
    write_config(data_dir, free_port())
    result = run("mail", today=TODAY)
    assert result.exit_code == 3
    assert "无法连接邮件服务器 127.0.0.1" in result.stderr


def test_a_refused_login_is_exit_3_with_the_servers_words(
    run: Invoke, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(server, session, envelope, mechanism, auth_data) -> AuthResult:
        return AuthResult(success=False, handled=False)

    box = Inbox()
    port = free_port()
    controller = Controller(
        box,
        hostname="127.0.0.1",
        port=port,
        authenticator=refuse,
        auth_required=True,
        auth_require_tls=False,
    )
    controller.start()
    try:
        seed(run)
        write_config(data_dir, port, 'user = "clerk"\npassword-env = "TOWNSHIP_TEST_SMTP_PW"\n')
        result = run("mail", today=TODAY)
        assert result.exit_code == 3 and "TOWNSHIP_TEST_SMTP_PW" in result.stderr
        monkeypatch.setenv("TOWNSHIP_TEST_SMTP_PW", "wrong")
        result = run("mail", today=TODAY)
        assert result.exit_code == 3
        assert "拒绝登录 clerk" in result.stderr and "535" in result.stderr
        assert box.messages == []
    finally:
        controller.stop()


def test_a_damaged_data_file_still_sends_an_error_mail(
    run: Invoke, data_dir: Path, inbox: tuple[Inbox, int]
) -> None:
    box, port = inbox
    seed(run)
    write_config(data_dir, port)
    year_file = data_dir / "inquiries" / "2026.json"
    assert year_file.exists()
    year_file.write_text("{broken", encoding="utf-8")
    result = run("mail", today=TODAY)
    assert result.exit_code == 3 and "2026.json" in result.stderr  # for MAILTO
    (msg,) = box.to("jiwei@example.org")
    assert str(msg["Subject"]) == f"{TITLE}：报告未能生成"
    text, _html = parts(msg)
    assert "2026.json" in text and "这不表示没有逾期事项" in text
    assert year_file.read_text(encoding="utf-8") == "{broken"


def test_mail_settings_are_checked(run: Invoke, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "township.toml").write_text('name = "青山镇"\n', encoding="utf-8")
    result = run("mail", today=TODAY)
    assert result.exit_code == 3 and "[mail]" in result.stderr
    (data_dir / "township.toml").write_text(
        '[mail]\nhost = "h"\nfrom = "a@b"\nto = ["c@d"]\nsecurity = "tls"\n', encoding="utf-8"
    )
    result = run("mail", today=TODAY)
    assert result.exit_code == 3 and "mail.security" in result.stderr


def test_odd_records_are_named_in_the_mail_that_goes_out(
    run: Invoke, data_dir: Path, inbox: tuple[Inbox, int]
) -> None:
    # One of the two inquiries is odd: the mail still goes out, with the other,
    # and names the one left out.
    import json

    box, port = inbox
    seed(run)
    write_config(data_dir, port)
    path = data_dir / "inquiries" / "2026.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    raw["records"]["2"] = {}
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    result = run("mail", today=TODAY)
    assert result.exit_code == 0, result.output
    assert "inquiries/2026.json 第 2 条记录" in result.stderr
    (msg,) = box.to("jiwei@example.org")
    text, _html = parts(msg)
    assert "inquiries/2026.json 第 2 条记录" in text and "INQ-2026-0001" in text


@pytest.mark.parametrize("where", ["items", "notes"])
def test_a_report_that_cannot_be_built_still_sends_the_error_mail(
    run: Invoke,
    data_dir: Path,
    inbox: tuple[Inbox, int],
    monkeypatch: pytest.MonkeyPatch,
    where: str,
) -> None:
    # Whatever stops the report (here a failure no damaged file explains), the
    # error mail goes out and the command ends with one sentence and exit 3.
    import township.views.daily as daily

    box, port = inbox
    seed(run)
    write_config(data_dir, port)

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("from")

    monkeypatch.setattr(daily, "daily_items" if where == "items" else "report_notes", broken)
    result = run("mail", today=TODAY)
    assert result.exit_code == 3 and "KeyError" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    (msg,) = box.to("jiwei@example.org")
    assert str(msg["Subject"]) == f"{TITLE}：报告未能生成"


# -- header values, control characters ---------------------------------------------------


@pytest.mark.parametrize(
    ("setting", "named"),
    [
        ('name = "青山镇\\nBcc: spy@example.org"\n', "name"),
        ('name = "青山镇"\n[mail]\nhost = "127.0.0.1"\nfrom = "a@example.org\\r\\nBcc: spy@example.org"\n'
         'to = ["jiwei@example.org"]\n', "mail.from"),
        ('[mail]\nhost = "127.0.0.1"\nfrom = "a@example.org"\nto = ["j@example.org\\n"]\n', "mail.to"),
        ('[mail]\nhost = "127.0.0.1"\nfrom = "a@example.org"\nto = ["j@example.org"]\n'
         '[mail.departments]\n"民政办\\nBcc: spy@example.org" = "mzb@example.org"\n',
         "mail.departments"),
        ('[mail]\nhost = "127.0.0.1"\nfrom = "a@example.org"\nto = ["j@example.org"]\n'
         '[mail.departments]\n"民政办" = "mzb@example.org\\u2028"\n', "mail.departments.民政办"),
        ('[mail]\nhost = "127.0.0.1\\n"\nfrom = "a@example.org"\nto = ["j@example.org"]\n',
         "mail.host"),
    ],
)  # fmt: skip
def test_a_line_break_in_a_header_value_is_refused_with_its_key(
    run: Invoke, data_dir: Path, inbox: tuple[Inbox, int], setting: str, named: str
) -> None:
    box, port = inbox
    seed(run)
    text = setting.replace(
        'host = "127.0.0.1"', f'host = "127.0.0.1"\nport = {port}\nsecurity = "none"'
    )
    (data_dir / "township.toml").write_text(text, encoding="utf-8")
    for args in (("mail", "--always"), ("mail", "--per-dept", "--always"), ("mail", "--dry-run")):
        result = run(*args, today=TODAY, lang="en")
        assert result.exit_code == 3, result.output
        assert f"({named})" in result.stderr and "line break" in result.stderr
        assert "Traceback" not in result.output and result.stdout == ""
    assert box.messages == []  # nothing was sent


def test_compose_refuses_a_line_break_in_any_header() -> None:
    from township.views.mail import MailHeaderError, compose

    date = dt.datetime(2026, 3, 4, 8, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    base = {"sender": "a@example.org", "to": ["b@example.org"], "subject": "s", "text": "t",
            "html": "<p>h</p>", "date": date}  # fmt: skip
    for header, change in [
        ("From", {"sender": "a@example.org\nBcc: c@example.org"}),
        ("To", {"to": ["b@example.org", "c@example.org\r"]}),
        ("Subject", {"subject": "逾期\x85Bcc: c@example.org"}),
    ]:
        with pytest.raises(MailHeaderError) as refused:
            compose(**{**base, **change}, keys={"Subject": "name"})
        message = refused.value.message_in("en")
        assert header in message and "line break" in message


def test_control_characters_are_escaped_in_subject_and_both_parts(
    run: Invoke, data_dir: Path, inbox: tuple[Inbox, int]
) -> None:
    box, port = inbox
    evil = "事项\x1b[31m\x1b]0;t\x07\x08\u202e\x9b"
    assert run(
        "inquiry", "log", "--name", "张三", "--matter", evil, "--channel", "web",
        "--dept", "民政办\x1b[2J", "--on", "2026-02-24", today="2026-02-24",
    ).exit_code == 0  # fmt: skip
    write_config(data_dir, port)
    toml = (data_dir / "township.toml").read_text(encoding="utf-8")
    (data_dir / "township.toml").write_text(
        toml.replace('name = "青山镇人民政府"', 'name = "青山镇\\u001b[5m\\u202e"'),
        encoding="utf-8",
    )
    result = run("mail", "--per-dept", today=TODAY)
    assert result.exit_code == 0, result.output
    # The office 民政办\x1b[2J has no address: named on stderr, escaped.
    assert "\x1b" not in result.stderr and "民政办\\x1b[2J" in result.stderr
    (msg,) = box.to("jiwei@example.org")
    subject = str(msg["Subject"])
    assert "\x1b" not in subject and "\u202e" not in subject and "\\x1b[5m" in subject
    text, html = parts(msg)
    for part in (text, html):
        for char in ("\x1b", "\x07", "\x08", "\u202e", "\x9b"):
            assert char not in part, (char, part)
    # The title (the office's name) is in both, escaped; the matter may be shortened.
    assert "青山镇\\x1b[5m\\u202e" in text and "青山镇\\x1b[5m\\u202e" in html


def test_each_part_carries_the_audit_head_once_and_the_matter_of_each_row(
    run: Invoke, data_dir: Path, inbox: tuple[Inbox, int]
) -> None:
    """The plain part is the terminal's table: the matter and the deadline's label,
    no empty 暂定 column, the audit head once; the HTML part adds the clause."""
    box, port = inbox
    seed(run)
    write_config(data_dir, port)
    assert run("mail", "--per-dept", today=TODAY).exit_code == 0
    for msg in [m for _, m in box.messages]:
        text, html = parts(msg)
        assert text.count("审计日志末行") == 1 and html.count("审计日志末行") == 1
        assert "暂定" not in text and "<th>暂定</th>" not in html
        header = next(line for line in text.splitlines() if line.startswith("编号"))
        assert header.split() == ["编号", "类别", "事项", "期限", "责任人/部门", "到期日", "状态"]
        row = next(line for line in text.splitlines() if line.startswith("INQ-"))
        assert row.split()[2:4] == ["网上咨询", "网上咨询答复"]  # the matter, the deadline
        assert "<th>依据</th>" in html and "首问责任制 5" in html
