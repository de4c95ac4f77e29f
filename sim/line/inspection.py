"""Hidden defects, dispatch, QA inspection, quarantine and the extended end-of-line test.

Runs only with a ``[quality]`` section (:mod:`sim.scenario.quality_schema`); without it the
line has no hidden defects and none of this exists (``LineModel.quality is None``).

* **Hidden defects.** A station listed in ``defects`` (or drifting, with ``drift_hidden``)
  passes a part as good; with probability ``p = defects[station] + drift_hidden x (scrap now
  - nominal scrap)`` that part carries a defect nobody has seen (one U(0, 1) draw per part
  from the stream ``quality:defect:<station>``, so the pattern is the same with and without
  any lever that does not change the order of parts).
* **Dispatch.** A finished part (counted in output as before: this module never changes
  the flow of parts) waits ``dispatch_hold`` before it leaves the site. A defective part that
  leaves undetected is an **escape**; parts still in dispatch at the end count as leaving.
* **QA inspection** (mechanic 3). ``k`` operators reassigned to quality assurance
  (``reassign_staff`` with ``[quality.inspection]``) check one part in dispatch every
  ``minutes_per_part / k`` minutes while the line is in a shift: the uninspected part that
  leaves first and is still there when the check ends. A check finds a defect with
  probability ``detection`` (stream ``quality:inspect``); a found defect is **caught**
  (repaired offline at ``repair_cost``, delivered good).
* **Quarantine and the extended test** (mechanic 4). ``quarantine(station, since)`` marks
  every part made at ``station`` from ``since`` on that has not left yet: those in dispatch
  move to the test queue, those still in the line go there when they finish. ``testers``
  rigs test one part each per ``minutes_per_part`` (while the line is in a shift); the test
  finds a defect with probability ``detection`` (stream ``quality:retest``). A part that
  passes leaves at once.
* **Cooling.** ``cool(station, at)`` switches the changed cooling on at ``at``: the
  station's quality drift creeps at ``factor`` x its rate from then on
  (:class:`sim.line.wear.Drift` hears the ``cooling`` announcement).

Line quality rate = good units out / parts started, where good units out = output (whole
horizon) - escapes - parts still in quarantine at the end; beside it the bottleneck station's
quality factor (good / processed at that station) is unchanged.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from sim.line.steps import Steps

if TYPE_CHECKING:
    from sim.line.model import LineModel, Part
    from sim.line.station import Station

CLOSED_POLL = 15.0
"""Minutes between looks at the calendar while the line is closed (inspectors, testers)."""


class _Entry:
    """A finished part in dispatch or in the test queue."""

    __slots__ = ("defective", "id", "inspected", "leave", "made", "state")

    def __init__(self, pid: int, leave: float, defective: bool, made: dict[str, float]) -> None:
        self.id = pid
        self.leave = leave
        self.defective = defective
        self.made = made
        """When it passed each tracked station."""
        self.inspected = False
        self.state = "dispatch"
        """``dispatch``, ``test`` (quarantined), ``left`` or ``caught``."""


class Quality:
    """The line's quality bookkeeping for one run (see the module docstring).

    Args:
        model: The line model (its scenario has a ``[quality]`` section).
    """

    def __init__(self, model: LineModel) -> None:
        self.model = model
        self.env = env = model.env
        q = model.scenario.quality
        self.spec = q
        drifting = {d.station for d in model.scenario.disruptions.values()
                    if d.kind == "quality_drift"}
        self.base = {s.name: q.defects.get(s.name, 0.0) for s in model.stations
                     if s.name in q.defects or (q.drift_hidden and s.name in drifting)}
        """Stations whose parts may carry hidden defects: their base probability."""
        tracked = set(self.base) | {r.station for r in q.reports}
        self.tracked = frozenset(tracked)
        """Stations whose parts' making times are kept (defects, workers' reports)."""
        self._u = {name: model.streams.uniform(f"quality:defect:{name}") for name in self.base}
        self._inspect_u = model.streams.uniform("quality:inspect")
        self._retest_u = model.streams.uniform("quality:retest")
        self.made: dict[int, dict[str, float]] = {}
        """Parts in the line: when they passed each tracked station."""
        self.defective: set[int] = set()
        """Parts in the line carrying a hidden defect."""
        self.suspect: list[tuple[str, float, float]] = []
        """Quarantines: ``(station, since, until)``: parts made in ``[since, until)``."""
        self.dispatch: deque[_Entry] = deque()
        self.test_queue: deque[_Entry] = deque()
        self.inspectors = 0
        """Operators at quality assurance now."""
        self.cooling: dict[str, float] = {}
        """Stations with the changed cooling on: since when."""
        # counters
        self.defects_made = 0
        self.escapes = 0
        self.caught_qa = 0
        self.caught_test = 0
        self.inspected = 0
        self.retested = 0
        self._wake: dict[str, Any] = {}
        if q.inspection is not None:
            env.process(Inspectors(self))
        if q.retest is not None:
            env.process(Testers(self))
        for report in q.reports:
            env.process(WorkerReport(self, report))

    # -- hooks (stations, the model) --------------------------------------------------------
    def hook(self, station: Station):  # noqa: ANN201 - the hook or None
        """The per-part hook for ``station``'s good parts, or ``None`` if it is not tracked."""
        return self.passed if station.name in self.tracked else None

    def passed(self, station: Station, part: Part) -> None:
        """``station`` passed ``part`` as good: note when; draw its hidden defect."""
        name = station.name
        self.made.setdefault(part.id, {})[name] = self.env.now
        if name in self.base:
            p = self.base[name] + self.spec.drift_hidden * max(
                0.0, station.scrap_p - station.spec.scrap)
            if self._u[name].next() < p and part.id not in self.defective:
                self.defective.add(part.id)
                self.defects_made += 1

    def finished(self, part: Part) -> None:
        """A good part left the last station: into dispatch, or the test queue if suspect."""
        now = self.env.now
        made = self.made.pop(part.id, {})
        defective = part.id in self.defective
        self.defective.discard(part.id)
        entry = _Entry(part.id, now + self.spec.dispatch_hold, defective, made)
        self._ship(now)
        if self._is_suspect(made):
            entry.state = "test"
            self.test_queue.append(entry)
            self._poke("test")
        else:
            self.dispatch.append(entry)
            self._poke("inspect")

    # -- levers (through LineControl) ---------------------------------------------------------
    def set_inspectors(self, count: int) -> None:
        """Put ``count`` operators on quality assurance (0: none)."""
        self.inspectors = max(0, int(count))
        self._poke("inspect")

    def quarantine(self, station: str, since: float) -> int:
        """Quarantine the parts made at ``station`` from ``since`` until now.

        Returns:
            How many were found in dispatch (those still in the line follow when they finish).
        """
        now = self.env.now
        self._ship(now)
        self.suspect.append((station, since, now))
        moved = 0
        for entry in self.dispatch:
            if entry.state == "dispatch" and self._is_suspect(entry.made):
                entry.state = "test"
                self.test_queue.append(entry)
                moved += 1
        if moved:
            self.dispatch = deque(e for e in self.dispatch if e.state == "dispatch")
            self._poke("test")
        return moved

    def cool(self, station: str, at: float) -> None:
        """Switch the changed cooling of ``station`` on at ``at`` (a SimPy process)."""
        self.env.process(Cooling(self, station, at))

    # -- views ---------------------------------------------------------------------------------
    def observe(self) -> dict[str, Any]:
        """What the shop floor knows: QA staff, checks, finds, quarantine, cooling."""
        return {"inspectors": self.inspectors, "inspected": self.inspected,
                "caught": self.caught_qa + self.caught_test, "retested": self.retested,
                "in_test": len(self.test_queue), "in_dispatch": len(self.dispatch),
                "cooling": dict(self.cooling)}

    def figures(self) -> dict[str, float]:
        """Counters for the KPIs at the current clock (changes nothing).

        Defective parts still in dispatch count as escapes (they leave as they are); parts
        waiting for the extended test are ``quarantined``.
        """
        now = self.env.now
        waiting = sum(1 for e in self.dispatch if e.state == "dispatch" and e.defective)
        q = self.spec
        qa = self.inspected * q.inspection.minutes_per_part if q.inspection else 0.0
        test = self.retested * q.retest.minutes_per_part if q.retest else 0.0
        cool_h = sum(now - t for t in self.cooling.values()) / 60.0
        return {"escapes": self.escapes + waiting, "caught": self.caught_qa + self.caught_test,
                "caught_qa": self.caught_qa, "caught_test": self.caught_test,
                "inspected": self.inspected, "retested": self.retested,
                "quarantined": len(self.test_queue), "defects": self.defects_made,
                "qa_hours": qa / 60.0, "retest_hours": test / 60.0, "cooling_hours": cool_h}

    # -- processes -----------------------------------------------------------------------------
    def _is_suspect(self, made: dict[str, float]) -> bool:
        return any(since <= made.get(station, -1.0) < until
                   for station, since, until in self.suspect)

    def _ship(self, now: float) -> None:
        """Let the parts whose dispatch time is up leave the site."""
        dispatch = self.dispatch
        while dispatch and dispatch[0].leave <= now:
            entry = dispatch.popleft()
            if entry.state == "dispatch":
                entry.state = "left"
                self.escapes += entry.defective

    def _poke(self, who: str) -> None:
        event = self._wake.pop(who, None)
        if event is not None and not event.triggered:
            event.succeed()

    def _idle(self, who: str) -> Any:
        """A new wake-up event for ``who`` (``inspect`` or ``test``), fired by :meth:`_poke`."""
        self._wake[who] = event = self.env.event()
        return event


# -- the quality processes (SimPy process bodies as plain data, see sim.line.steps) -----------
class Cooling(Steps):
    """The changed cooling of ``station`` goes on at ``at`` (wait, then announce)."""

    def __init__(self, quality: Quality, station: str, at: float) -> None:
        self.quality = quality
        self.station = station
        self.at = at

    def start(self, _: Any) -> Any:
        """Wait until ``at`` (no wait when it has come)."""
        return self.wait_until(self.quality.env, self.at, self.switch_on)

    def switch_on(self, _: Any) -> Any:
        """Switch it on (once) and tell the drift."""
        quality = self.quality
        if self.station not in quality.cooling:
            quality.cooling[self.station] = quality.env.now
            quality.model.announce("cooling", station=self.station,
                                   factor=quality.spec.cooling.factor)
        return self.done()


class Inspectors(Steps):
    """QA inspection: the inspectors check one part in dispatch after another.

    The generator it replaces loops: idle (``yield`` a wake-up) without inspectors or
    candidates, poll (``yield env.timeout(CLOSED_POLL)``) while the line is closed, else
    ``yield env.timeout(minutes_per_part / inspectors)`` and record the check.
    """

    def __init__(self, quality: Quality) -> None:
        self.quality = quality
        self.entry: _Entry | None = None
        """The part being checked."""

    def start(self, _: Any) -> Any:
        """The top of the loop: wait for work, for the shift, or for the next check."""
        quality = self.quality
        env, spec = quality.env, quality.spec.inspection
        if quality.inspectors <= 0:
            return self.wait(quality._idle("inspect"), self.start)
        if not quality.model.staffing.is_open:
            return self.wait(env.timeout(CLOSED_POLL), self.start)
        step = spec.minutes_per_part / quality.inspectors
        quality._ship(env.now)
        done = env.now + step
        self.entry = next((e for e in quality.dispatch
                           if not e.inspected and e.state == "dispatch" and e.leave > done), None)
        if self.entry is None:
            return self.wait(quality._idle("inspect"), self.start)
        return self.wait(env.timeout(step), self.checked)

    def checked(self, _: Any) -> Any:
        """A check is done: a found defect is caught; then the top of the loop."""
        quality, entry = self.quality, self.entry
        assert entry is not None
        self.entry = None
        entry.inspected = True
        quality.inspected += 1
        found = quality._inspect_u.next() < quality.spec.inspection.detection
        if found and entry.defective and entry.state == "dispatch":
            entry.state = "caught"
            quality.caught_qa += 1
        return self.start(None)


class Testers(Steps):
    """The extended end-of-line test: the rigs test the quarantined parts one by one.

    The generator it replaces loops: idle while the test queue is empty, poll while the line
    is closed, else ``yield env.timeout(minutes_per_part / testers)`` and test the first part.
    """

    def __init__(self, quality: Quality) -> None:
        self.quality = quality

    def start(self, _: Any) -> Any:
        """The top of the loop: wait for parts, for the shift, or for the next test."""
        quality = self.quality
        env, spec = quality.env, quality.spec.retest
        if not quality.test_queue:
            return self.wait(quality._idle("test"), self.start)
        if not quality.model.staffing.is_open:
            return self.wait(env.timeout(CLOSED_POLL), self.start)
        return self.wait(env.timeout(spec.minutes_per_part / spec.testers), self.tested)

    def tested(self, _: Any) -> Any:
        """A test is done: the first part in the queue is caught or leaves."""
        quality = self.quality
        entry = quality.test_queue.popleft()
        quality.retested += 1
        if quality._retest_u.next() < quality.spec.retest.detection and entry.defective:
            entry.state = "caught"
            quality.caught_test += 1
        else:
            entry.state = "left"
            quality.escapes += entry.defective
        return self.start(None)


class WorkerReport(Steps):
    """A worker's report of a suspicion at a station, at its scripted time."""

    def __init__(self, quality: Quality, report: Any) -> None:
        self.quality = quality
        self.report = report

    def start(self, _: Any) -> Any:
        """Wait until the report's time (no wait when it has come)."""
        return self.wait_until(self.quality.env, self.report.at, self.speak)

    def speak(self, _: Any) -> Any:
        """Announce the report."""
        report = self.report
        self.quality.model.announce("worker_report", station=report.station,
                                    suspicion=report.suspicion)
        return self.done()
