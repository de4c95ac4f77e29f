"""SimPy processes as plain data: small state machines that a snapshot can copy.

SimPy drives a process body through two methods: ``send(value)`` resumes it with the value of
the event it waited for, ``throw(exc)`` with an exception (an interrupt, a failed event). Each
returns the next event to wait for, or raises ``StopIteration`` when the process ends. A
generator function has both methods for free, but Python cannot copy a suspended generator, so
a model made of generator processes cannot be copied in the middle of a run
(:mod:`sim.line.snapshot` needs that: the planner's look-ahead branches the shared past
instead of simulating it again for every option).

A :class:`Steps` object is the same process written out as a state machine. Its state is plain
attributes, and ``self.send`` is *the step that comes next*: each step does its work and
returns :meth:`~Steps.wait` of the next event, naming the step that continues after it. A
lecturer's generator ::

    def clock(env, log):
        while True:
            yield env.timeout(60)
            log.append(env.now)

becomes ::

    class Clock(Steps):
        def __init__(self, env, log):
            self.env, self.log = env, log

        def start(self, _):                      # the generator's first run, up to its yield
            return self.wait(self.env.timeout(60), self.tick)

        def tick(self, _):                       # what follows the yield
            self.log.append(self.env.now)
            return self.wait(self.env.timeout(60), self.tick)

and ``env.process(Clock(env, log))`` runs it exactly as SimPy runs the generator: the same
events in the same order. The other generator constructs have one counterpart each:

* ``try: yield ev  except simpy.Interrupt: ...`` -- ``self.wait(ev, then, on_throw=handler)``;
  the handler receives the exception (re-raise what it does not handle);
* ``value = yield from sub()`` -- ``self.call(Sub(...), then)``: ``sub`` is itself a
  :class:`Steps` object (or a generator), run to its end inside this process, then
  ``then(value)`` continues; exceptions escaping it go to ``on_throw`` as with ``try``;
* ``return value`` -- ``self.done(value)``.

A :class:`Steps` object is also an iterator with ``send``/``throw``, so a generator may
``yield from`` it, as from a sub-generator.

Rules that keep a process copyable: keep its state in attributes (no lambdas or closures in
them; bound methods are fine), and let every step end in ``wait``, ``call``, ``done`` or
another step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

__all__ = ["Steps"]

Step = Callable[[Any], Any]
"""A step: receives the value of the event waited for and returns the next event."""
Handler = Callable[[BaseException], Any]
"""What runs when the event waited for fails or the process is interrupted."""


class Steps:
    """Base class of a SimPy process body written as a state machine (see the module).

    Subclasses implement :meth:`start` (the first step) and the steps that follow; SimPy
    calls ``send`` and ``throw``, which :meth:`wait` and :meth:`call` point at the right step.
    """

    def start(self, value: Any) -> Any:  # pragma: no cover - every subclass has its own
        """The first step (SimPy starts a process by sending ``None``)."""
        raise NotImplementedError

    def send(self, value: Any) -> Any:
        """Resume the process with the value of the event it waited for (SimPy calls this).

        Until the first :meth:`wait` this is :meth:`start`; afterwards the step named there.
        """
        return self.start(value)

    def throw(self, exc: BaseException) -> Any:
        """Resume with an exception: an interrupt or a failed event (SimPy calls this).

        Without a handler named in :meth:`wait` the exception ends the process, as in a
        generator without ``try``.
        """
        raise exc

    def wait(self, event: Any, then: Step, on_throw: Handler | None = None) -> Any:
        """Wait for ``event``; then continue with ``then(value)`` (or ``on_throw(exc)``).

        Returns ``event`` for the step to return to SimPy (``return self.wait(...)``).
        """
        self.send = then  # type: ignore[method-assign,assignment]
        self.throw = _raise if on_throw is None else on_throw  # type: ignore[method-assign,assignment]
        return event

    def wait_until(self, env: Any, at: float, then: Step) -> Any:
        """Wait until the time ``at`` (``yield env.timeout(at - env.now)``), then ``then``.

        No wait when ``at`` has come: ``then`` runs at once, as a generator that checks
        ``if at > env.now`` before its ``yield``.
        """
        if at > env.now:
            return self.wait(env.timeout(at - env.now), then)
        return then(None)

    def call(self, sub: Any, then: Step, on_throw: Handler | None = None) -> Any:
        """Run the sub-process ``sub`` inside this one (``yield from``), then ``then(value)``.

        ``sub`` has ``send``/``throw`` (a :class:`Steps` object or a generator); ``value`` is
        what it returns. An exception escaping ``sub`` goes to ``on_throw`` when given (as a
        ``try`` around the ``yield from``), else it ends this process too.
        """
        try:
            event = sub.send(None)
        except StopIteration as stop:
            return then(stop.value)
        except BaseException as exc:
            if on_throw is None:
                raise
            return on_throw(exc)
        self._sub: tuple[Any, Step, Handler | None] | None = (sub, then, on_throw)
        self.send = self._sub_send  # type: ignore[method-assign]
        self.throw = self._sub_throw  # type: ignore[method-assign]
        return event

    def done(self, value: Any = None) -> NoReturn:
        """End the process with ``value`` (a generator's ``return value``)."""
        self.send = self.throw = _ended  # type: ignore[method-assign,assignment]
        raise StopIteration(value)

    def __iter__(self) -> Steps:
        """The object itself: a generator may ``yield from`` it as from a sub-generator."""
        return self

    def __next__(self) -> Any:
        """Resume with ``None`` (what ``next()`` and ``yield from`` send for a plain yield)."""
        return self.send(None)

    def _sub_send(self, value: Any) -> Any:
        return self._resume_sub(value, None)

    def _sub_throw(self, exc: BaseException) -> Any:
        return self._resume_sub(None, exc)

    def _resume_sub(self, value: Any, exc: BaseException | None) -> Any:
        """Pass an event's outcome on to the running sub-process; continue when it ends."""
        assert self._sub is not None
        sub, then, on_throw = self._sub
        try:
            return sub.send(value) if exc is None else sub.throw(exc)
        except StopIteration as stop:
            result: Any = stop.value
            failed: BaseException | None = None
        except BaseException as error:
            if on_throw is None:
                raise
            failed = error
        self._sub = None
        if failed is not None:
            return on_throw(failed)  # type: ignore[misc]
        return then(result)

    @property
    def __name__(self) -> str:  # noqa: PLW3201 - SimPy names a process after its body
        """The class name (SimPy's ``Process.name`` reads the body's ``__name__``)."""
        return type(self).__name__  # type: ignore[return-value]


def _raise(exc: BaseException) -> NoReturn:
    """The default ``throw``: no handler, so the exception ends the process."""
    raise exc


def _ended(_: Any) -> NoReturn:
    """``send``/``throw`` of a process that has ended (as a finished generator)."""
    raise StopIteration
