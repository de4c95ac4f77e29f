"""The ``werkhalle`` command-line application and the error handling all its commands share.

Feature modules add commands with ``from sim.cli.app import app`` and ``@app.command()``.
Every command runs inside :func:`handle_errors`: bad input (a :class:`~sim.errors.ScenarioError`,
which names the file, the field and what was expected) prints ``error: <message>`` on stderr and
exits with code 2, without a traceback. Failing to write output exits with code 1, likewise.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from types import TracebackType
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from pydantic import ValidationError
from typer.core import TyperGroup

from sim import i18n
from sim._version import __version__
from sim.errors import PlotError, ScenarioError
from sim.labels import SYNTHETIC_LABEL

EXIT_BAD_INPUT = 2
"""Exit code for bad input (scenario errors, bad options): the same code Click uses for usage."""
EXIT_FAILED = 1
"""Exit code when the command could not finish for another reason (e.g. output not writable)."""

LANG_ENV = "WERKHALLE_LANG"
"""Environment variable with the default language of the command line (``en`` or ``de``)."""


def hoist_lang(args: list[str]) -> list[str]:
    """Move ``--lang X`` / ``--lang=X`` from anywhere in ``args`` to the front (before ``--``).

    So that ``werkhalle compare supply_disruption --lang de`` works like
    ``werkhalle --lang de compare supply_disruption``: the language is one option of the whole
    command line, accepted before or after the command's name.
    """
    front: list[str] = []
    rest: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            rest.extend(args[i:])
            break
        if arg == "--lang" and i + 1 < len(args):
            front += args[i:i + 2]
            i += 2
            continue
        (front if arg.startswith("--lang=") else rest).append(arg)
        i += 1
    return front + rest


class _Commands(TyperGroup):
    """The command group; ``--lang`` is accepted after a command's name too."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        return super().parse_args(ctx, hoist_lang(list(args)))


app = typer.Typer(
    cls=_Commands,
    name="werkhalle",
    help=(
        "Werkhalle: a small, rule-based teaching simulator of a production line "
        "(SimPy + simple agents). It is a toy, not an AI system, and every number it prints "
        f"or writes is SYNTHETIC. ({SYNTHETIC_LABEL})"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
"""The Typer application behind the ``werkhalle`` console script and ``python -m sim``."""

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print ``error: <message>`` on stderr and exit with ``code`` (no traceback).

    Args:
        message: What went wrong, in one line.
        code: The exit code (2: bad input, 1: could not finish).

    Raises:
        typer.Exit: Always.
    """
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


class _ErrorHandler(contextlib.ContextDecorator):
    """Turns known problems into one ``error:`` line and an exit code."""

    def __enter__(self) -> _ErrorHandler:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> bool:
        if exc is None:
            return False
        if isinstance(exc, ScenarioError):
            fail(str(exc), EXIT_BAD_INPUT)
        if isinstance(exc, PlotError):  # the tables are saved; say so in one line
            fail(str(exc), EXIT_FAILED)
        if isinstance(exc, ValidationError):  # defensive: the loader wraps these already
            fail(f"invalid input: {exc.errors(include_url=False)[0]['msg']}", EXIT_BAD_INPUT)
        if isinstance(exc, BrokenPipeError):  # e.g. ``werkhalle run baseline | head``
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(EXIT_FAILED)
        if isinstance(exc, OSError):
            name = f"{exc.filename}: " if exc.filename else ""
            fail(f"{name}{exc.strerror or exc}", EXIT_FAILED)
        return False


def handle_errors(func: F | None = None) -> Any:
    """Run a command with Werkhalle's error handling.

    Usable as a decorator (``@handle_errors`` or ``@handle_errors()``) or as a context manager
    (``with handle_errors(): ...``). A :class:`~sim.errors.ScenarioError` prints
    ``error: <file>: <field>: <expected>`` on stderr and exits with code 2; a file that cannot
    be read or written exits with code 1; nothing prints a traceback.

    Args:
        func: The command function, when used as a bare decorator.

    Returns:
        The wrapped function, or a context manager when called without ``func``.
    """
    handler = _ErrorHandler()
    return handler if func is None else handler(func)


AllowLarge = Annotated[bool, typer.Option(
    "--allow-large", help="Run even if the estimated work is above the budget's ceilings "
    "(see docs/design.md); the per-field bounds hold regardless.")]
"""The ``--allow-large`` option every command that runs a simulation takes."""


def use_agg() -> None:
    """Switch matplotlib to the non-interactive Agg backend (for commands that write plots)."""
    import matplotlib

    matplotlib.use("Agg")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"werkhalle {__version__} (every result is SYNTHETIC)")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True,
                     help="Show the version and exit."),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option("--lang", envvar=LANG_ENV,
                     help="Language of what is shown: en or de (default: $WERKHALLE_LANG, "
                          "else en). Also accepted after the command's name."),
    ] = None,
) -> None:
    if lang:
        if lang not in i18n.LANGUAGES:
            fail(f"--lang (or ${LANG_ENV}): expected one of {', '.join(i18n.LANGUAGES)} "
                 f"(got {lang!r})")
        ctx.with_resource(i18n.language(lang))


def echo(text: str = "") -> None:
    """Print a line on stdout (flushes, so output interleaves with errors correctly)."""
    typer.echo(text)
    sys.stdout.flush()
