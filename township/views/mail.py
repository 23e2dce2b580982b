"""The morning mail : MIME messages of the daily report, sent by SMTP.

``compose`` builds one message, ``multipart/alternative`` with a plain-text
and an HTML part (UTF-8) and a subject encoded per RFC 2047; ``send``
delivers messages over one SMTP connection (``starttls``, ``ssl`` or
``none``), logging in when ``[mail] user`` is set. A refused connection or
login is a ``MailError`` (exit 3) carrying the server's own words.
``mbox`` writes messages for ``--dry-run``: one message as it is (for
``sendmail -t``), several as an mbox. A header value with a line break is
refused naming the setting that holds it (``check_header``), before
anything is sent; control characters are shown escaped in the subject and
both parts.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from email.message import EmailMessage
from typing import TYPE_CHECKING

from township.errors import ConfigError, StorageError
from township.i18n import Text

if TYPE_CHECKING:
    from township.config import MailSettings

TIMEOUT_SECONDS = 30


class MailError(StorageError):
    """The mail server refused the connection, the login or a message."""


class MailHeaderError(ConfigError):
    """A header value (an address, the office's name in the subject) holds a line break."""


# Where each header's value comes from in ``township.toml``, for the message.
HEADER_KEYS = {"From": "[mail] from", "To": "[mail] to / [mail.departments]", "Subject": "name"}


def check_header(header: str, value: str, key: str | None = None) -> str:
    """``value``, or ``MailHeaderError`` naming ``key`` when it holds a line break.

    A line break in a header would end it and start another (header
    injection); the mail library refuses it with a bare ``ValueError``.
    ``key``: the setting that holds the value (default ``HEADER_KEYS``).
    """
    from township.text import escape_control, has_line_break

    if has_line_break(value):
        raise MailHeaderError(
            Text(
                "邮件的 {header} 不能含换行符：{key} 的值是「{value}」；请在 township.toml 中改正，"
                "邮件未发送。",
                "The mail's {header} must not hold a line break: {key} is '{value}'; fix it in "
                "township.toml. Nothing was sent.",
            ),
            header=header,
            key=key or HEADER_KEYS.get(header, header),
            value=escape_control(value),
        )
    return value


def compose(
    *,
    sender: str,
    to: Sequence[str],
    subject: str,
    text: str,
    html: str,
    date: dt.datetime,
    domain: str | None = None,
    keys: Mapping[str, str] | None = None,
) -> EmailMessage:
    """One message: plain text first, then HTML (the part a mail reader prefers).

    A sender, recipient or subject holding a line break is refused
    (``MailHeaderError`` naming the setting that holds it, from ``keys``:
    header -> key, default ``HEADER_KEYS``) before any message exists, so
    before anything is sent. Control characters (ESC, backspace, C1, bidi
    overrides) are shown escaped in the subject and in both parts, as in a
    table; the parts keep their line breaks.
    """
    from email.utils import format_datetime, make_msgid

    from township.text import escape_control

    names = {**HEADER_KEYS, **(keys or {})}
    check_header("From", sender, names["From"])
    for address in to:
        check_header("To", address, names["To"])
    check_header("Subject", subject, names["Subject"])
    msg = EmailMessage()
    msg["From"] = escape_control(sender)
    msg["To"] = ", ".join(escape_control(a) for a in to)
    msg["Subject"] = escape_control(subject)
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = make_msgid("township", domain=domain or _domain(sender))
    msg.set_content(escape_control(text, keep_newlines=True), charset="utf-8")
    msg.add_alternative(escape_control(html, keep_newlines=True), subtype="html", charset="utf-8")
    return msg


def _domain(sender: str) -> str:
    """The domain of ``sender``'s address, for the Message-ID (only what may stand there)."""
    import re

    domain = sender.rpartition("@")[2].strip().rstrip(">")
    return domain if re.fullmatch(r"[A-Za-z0-9.-]+", domain) else "localhost"


def as_bytes(msg: EmailMessage) -> bytes:
    """The message as it goes on the wire (CRLF-free lines for a pipe to sendmail)."""
    from email.policy import default

    return msg.as_bytes(policy=default)


def mbox(messages: Sequence[EmailMessage]) -> bytes:
    """One message as it is; several as an mbox (``From `` lines between them)."""
    if len(messages) == 1:
        return as_bytes(messages[0])
    parts = []
    for msg in messages:
        body = as_bytes(msg).replace(b"\nFrom ", b"\n>From ")
        parts.append(b"From township  Thu Jan  1 00:00:00 1970\n" + body.rstrip(b"\n") + b"\n\n")
    return b"".join(parts)


def password(settings: MailSettings) -> str | None:
    """The password from the environment variable ``[mail] password-env`` names."""
    if not settings.user:
        return None
    name = settings.password_env
    value = os.environ.get(name) if name else None
    if not value:
        raise MailError(
            Text(
                "[mail] user 已设置，但环境变量 {name} 未设置密码；请在运行环境（如 crontab）中设置。",
                "[mail] user is set but the environment variable {name} holds no password; set "
                "it where the job runs (e.g. in the crontab).",
            ),
            name=name or "(password-env)",
        )
    return value


def _words(exc: BaseException) -> str:
    import smtplib

    if isinstance(exc, smtplib.SMTPResponseException):
        detail = exc.smtp_error
        text = detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail)
        return f"{exc.smtp_code} {text}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{addr}: {code} {msg.decode('utf-8', 'replace')}"
            for addr, (code, msg) in exc.recipients.items()
        )
    return str(exc) or type(exc).__name__


def send(settings: MailSettings, messages: Sequence[EmailMessage]) -> None:
    """Send ``messages`` over one connection to ``settings.host``."""
    import smtplib
    import ssl

    secret = password(settings)
    where = f"{settings.host}:{settings.port}"
    try:
        if settings.security == "ssl":
            server: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host,
                settings.port,
                timeout=TIMEOUT_SECONDS,
                context=ssl.create_default_context(),
            )
        else:
            server = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_SECONDS)
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(
            Text(
                "无法连接邮件服务器 {where}（{words}）；请检查 [mail] host、port、security。",
                "Cannot connect to the mail server {where} ({words}); check [mail] host, port "
                "and security.",
            ),
            where=where,
            words=_words(exc),
        ) from exc
    try:
        with server:
            if settings.security == "starttls":
                server.starttls(context=ssl.create_default_context())
            if settings.user and secret is not None:
                try:
                    server.login(settings.user, secret)
                except smtplib.SMTPException as exc:
                    raise MailError(
                        Text(
                            "邮件服务器 {where} 拒绝登录 {user}：{words}",
                            "The mail server {where} refused the login of {user}: {words}",
                        ),
                        where=where,
                        user=settings.user,
                        words=_words(exc),
                    ) from exc
            for msg in messages:
                server.send_message(msg)
    except MailError:
        raise
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(
            Text(
                "邮件服务器 {where} 拒绝了邮件：{words}",
                "The mail server {where} refused the message: {words}",
            ),
            where=where,
            words=_words(exc),
        ) from exc
