"""The services of the catalogue and what each needs (一次性告知制, 服务承诺制).

The office publishes its services and their committed working days in
``[services]`` of township.toml; the regulations name none. The seed does
list the materials of two services, and the project ships those lists as
data with their clauses, so a one-time notice cannot forget one of them.

``service_of(name, config)`` is the one way to read a service: its committed
days (the office's, or None), its materials (shipped or the office's own),
the categories of applicant a material may depend on, its procedure
(办理程序) and basis (依据), which the one-time notice prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from township.config import Config


@dataclass(frozen=True)
class Material:
    """One material: its name, and the applicant categories it is for (empty: every one)."""

    name: str
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class Service:
    """A service of the catalogue, with what the one-time notice prints of it."""

    name: str
    days: int | None = None
    materials: tuple[Material, ...] = ()
    categories: tuple[str, ...] = ()
    procedure: tuple[str, ...] = ()
    basis: str | None = None
    clause: str | None = None
    shipped: bool = False

    def needs(self, category: str | None = None) -> tuple[Material, ...]:
        """The materials an applicant of ``category`` must hand in (every category's when None)."""
        return tuple(m for m in self.materials if not m.categories or category in m.categories)


def service_of(name: str, config: Config) -> Service | None:
    """The service ``name`` as the office publishes it, with the shipped lists; None if unknown."""
    if name in config.services:
        return Service(name=name, days=config.services[name])
    return None
