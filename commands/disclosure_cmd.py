"""``township disclosure``: disclosure on request (依申请公开)."""

from __future__ import annotations

import datetime as dt

import click

from commands import TownshipGroup
from commands.common import pass_app
from commands.context import AppContext
from commands.kind_cmd import add_list_show
from commands.params import format_option
from commands.records_view import confirm, created, on_option, record_id_argument, take_step
from township.i18n import Text

CHANNELS = ("board", "web", "broadcast", "meeting", "document")


@click.group(cls=TownshipGroup)
def disclosure() -> None:
    """Disclosure on request (依申请公开): answered within 3 days.

    A citizen's request is disclosed (publish) or declined with its reason
    (decline) within the period of the rule disclosure-request. The
    requester's name and contact are masked unless --reveal is given; each
    reveal is audited.

    \b
    Example:
      township disclosure request --requester 张某 --matter "村道硬化工程招标结果"
      township disclosure list --overdue
    """


@disclosure.command("request", creates=True)
@click.option("--requester", required=True, metavar="NAME", help="Who asked (masked in output).")
@click.option("--matter", required=True, help="What is to be disclosed.")
@click.option("--contact", help="Phone or address (masked in output).")
@click.option("--dept", help="The department answering it.")
@click.option("--person", help="The person in charge [default: the acting clerk].")
@on_option
@format_option
@pass_app
def request(
    app: AppContext,
    requester: str,
    matter: str,
    contact: str | None,
    dept: str | None,
    person: str | None,
    on: dt.date | None,
    fmt: str,
) -> None:
    """Register a request for disclosure; it is answered within 3 days.

    3 calendar days (日); a period ending on a rest day runs to the next
    working day. Prints the new id.

    \b
    Example:
      township disclosure request --requester 张某 --contact 13800001234 \\
          --matter "惠农补贴发放明细" --on 2026-02-13     # due 2026-02-24
    """
    from township.kinds.disclosure import request_disclosure

    record = take_step(
        app,
        "disclosure request",
        request_disclosure,
        requester=requester,
        matter=matter,
        contact=contact,
        dept=dept,
        person=person,
        on=on,
    )
    created(app, record, fmt)


@disclosure.command("publish")
@record_id_argument
@click.option("--channel", required=True, type=click.Choice(CHANNELS), help="How it was disclosed.")
@on_option
@format_option
@pass_app
def publish(app: AppContext, record_id: str, channel: str, on: dt.date | None, fmt: str) -> None:
    """Disclose the matter (公开); answers the request.

    \b
    Example:
      township disclosure publish OPN-2026-0001 --channel board
    """
    from township.kinds.disclosure import publish_disclosure

    record = take_step(
        app, "disclosure publish", publish_disclosure, record_id, channel=channel, on=on
    )
    confirm(app, record, fmt, Text(f"{record['id']} 已公开", f"{record['id']} disclosed"))


@disclosure.command("decline")
@record_id_argument
@click.option("--reason", required=True, help="Why it is not disclosed (e.g. a state secret).")
@on_option
@format_option
@pass_app
def decline(app: AppContext, record_id: str, reason: str, on: dt.date | None, fmt: str) -> None:
    """Decline to disclose (不予公开), with the reason; answers the request too.

    \b
    Example:
      township disclosure decline OPN-2026-0001 --reason "涉及他人个人隐私"
    """
    from township.kinds.disclosure import decline_disclosure

    record = take_step(
        app, "disclosure decline", decline_disclosure, record_id, reason=reason, on=on
    )
    confirm(app, record, fmt, Text(f"{record['id']} 不予公开", f"{record['id']} declined"))


add_list_show(disclosure, "disclosure", personal=True)
