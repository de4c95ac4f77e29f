"""The weekly shift calendar, staffing and overtime.

Outside shifts every station is ``off``. Within a shift, the staff present (scheduled minus
absent minus reassigned) are assigned to stations in line order; a station whose operators
cannot be found is ``off`` too. At the end of a working day the last shift is extended by
overtime when the backlog due soon exceeds the scenario's threshold (costed per staff hour).
With ``overtime.after = "<shift>"`` the end of that shift is extended instead (a three-shift
calendar whose reduced night crew takes over from the late shift: the late crew stays on).

Agents may book extra crews for one concrete shift (:meth:`Staffing.plan_shift`, the
``plan_shift`` lever): from ``start`` to ``end`` that many more staff are scheduled than the
calendar says. A shift end whose leavers are replaced by such a crew needs no overtime.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.scenario.units import DAY, WEEK, WEEKDAYS

if TYPE_CHECKING:
    from sim.line.model import LineModel


def shift_segments(model: LineModel) -> list[tuple[float, int]]:
    """Return the calendar as change points ``(time, scheduled staff)`` covering the horizon."""
    cal = model.scenario.calendar
    horizon = model.scenario.horizon
    weeks = int(horizon // WEEK) + 2
    delta: dict[float, int] = {}
    for week in range(-1, weeks):
        for day in cal.days:
            base = week * WEEK + WEEKDAYS.index(day) * DAY
            for shift in cal.shifts:
                start = base + shift.start
                end = base + shift.end + (DAY if shift.end <= shift.start else 0.0)
                delta[start] = delta.get(start, 0) + shift.staff
                delta[end] = delta.get(end, 0) - shift.staff
    level, points = 0, []
    for t in sorted(delta):
        level += delta[t]
        if t <= 0:
            points = [(0.0, level)]
        elif t <= horizon:
            if points and points[-1][1] == level:
                continue
            points.append((t, level))
    return points or [(0.0, 0)]


def shift_ends(model: LineModel, name: str) -> set[float]:
    """The times within the horizon at which shift ``name`` of the calendar ends."""
    cal = model.scenario.calendar
    out: set[float] = set()
    for week in range(-1, int(model.scenario.horizon // WEEK) + 2):
        for day in cal.days:
            base = week * WEEK + WEEKDAYS.index(day) * DAY
            for shift in cal.shifts:
                if shift.name == name:
                    out.add(base + shift.end + (DAY if shift.end <= shift.start else 0.0))
    return {t for t in out if 0 < t <= model.scenario.horizon}


def shift_instances(calendar, name: str, after: float, count: int = 1  # noqa: ANN001
                    ) -> list[tuple[float, float]]:
    """The next ``count`` instances ``(start, end)`` of shift ``name`` ending after ``after``.

    ``calendar`` is the scenario's :class:`~sim.scenario.schema.Calendar` (the static plan).
    """
    shift = next(s for s in calendar.shifts if s.name == name)
    length = shift.end - shift.start + (DAY if shift.end <= shift.start else 0.0)
    out: list[tuple[float, float]] = []
    day = int(after // DAY) - 1
    while len(out) < count and day < int(after // DAY) + 15:
        if WEEKDAYS[day % 7] in calendar.days:
            start = day * DAY + shift.start
            if start + length > after:
                out.append((start, start + length))
        day += 1
    return out


class Staffing:
    """Tracks scheduled, absent and reassigned staff and opens or closes stations."""

    def __init__(self, model: LineModel) -> None:
        self.model = model
        self.env = model.env
        cal = model.scenario.calendar
        self.calendar = cal
        self.scheduled = 0 if cal else 10**9
        """Staff scheduled now (unlimited without a calendar)."""
        self.absent = 0
        """Staff absent now (disruptions)."""
        self.reassigned = 0
        """Staff taken off the line now (e.g. to quality checks, by the planner)."""
        self.taken_from: str | None = None
        """The station the reassigned staff were taken from (``None``: the last in line)."""
        self.overtime_max = cal.overtime.max if cal else 0.0
        """Longest overtime extension per day (minutes); agents may change it."""
        self.overtime_minutes = 0.0
        self.overtime_cost = 0.0
        self.staff_minutes = 0.0
        """Paid staff time (staff x minutes), overtime included."""
        self._since = 0.0
        self._paid = 0
        self.level = 0
        """Staff the calendar schedules now (without the crews booked by ``plan_shift``)."""
        self.plans: list[tuple[float, float, int]] = []
        """Extra crews booked: ``(start, end, staff)``."""
        self._in_overtime = False
        if cal is not None:
            self.env.process(self._run(shift_segments(model)))
        self.apply()

    @property
    def is_open(self) -> bool:
        """Whether the line is in a shift (or overtime) now."""
        return self.scheduled > 0

    @property
    def available(self) -> int:
        """Staff available to run stations now."""
        return max(0, self.scheduled - self.absent - self.reassigned)

    def apply(self) -> None:
        """Re-assign the available staff to stations, in line order."""
        now = self.env.now
        self.staff_minutes += (now - self._since) * self._paid
        self._since = now
        unlimited = self.calendar is None
        self._paid = 0 if unlimited else max(0, self.scheduled - self.absent)
        left = self.available
        for station in self.model.stations:
            need = station.spec.operators
            if self.reassigned and station.name == self.taken_from:  # its crew is elsewhere
                station.set_open(False)
                continue
            staffed = unlimited or need <= left
            if staffed and not unlimited:
                left -= need
            station.set_open(self.is_open and staffed)

    def flush(self) -> None:
        """Account paid staff time up to now."""
        now = self.env.now
        self.staff_minutes += (now - self._since) * self._paid
        self._since = now

    def extra_at(self, t: float) -> int:
        """Staff of the crews booked by :meth:`plan_shift` that are scheduled at ``t``."""
        return sum(staff for start, end, staff in self.plans if start <= t < end)

    def plan_shift(self, start: float, end: float, staff: int) -> None:
        """Book ``staff`` more people than the calendar schedules from ``start`` to ``end``."""
        if self.calendar is None or end <= start or staff <= 0:
            return
        self.plans.append((start, end, staff))
        self.env.process(self._crew(start, end))

    def _crew(self, start: float, end: float):  # noqa: ANN202 - SimPy process
        env = self.env
        for t in (start, end):
            if t > env.now:
                yield env.timeout(t - env.now)
            if not self._in_overtime:
                self.scheduled = self.level + self.extra_at(env.now)
                self.apply()

    def _run(self, points: list[tuple[float, int]]):  # noqa: ANN202 - SimPy process
        env = self.env
        ot = self.calendar.overtime
        ends = shift_ends(self.model, ot.after) if ot.after is not None else set()
        for t, level in points:
            if t > env.now:
                yield env.timeout(t - env.now)
            booked = self.extra_at(env.now) if self.plans else 0
            closing = (t in ends) if ot.after is not None else level + booked == 0
            if closing and self.scheduled > 0 and self.overtime_max > 0:
                staff = max(0, self.scheduled - self.absent)  # the day's last shift: everyone
                if ot.after is not None:  # the leavers of that shift, unless a crew replaces them
                    before = self.level + sum(n for a, e, n in self.plans if a < env.now <= e)
                    staff = max(0, min(before - (level + booked), before - self.absent))
                due = self.model.backlog_due_within(DAY)
                if (staff > 0 or ot.after is None) and due > ot.backlog_threshold:
                    extra = self.overtime_max
                    self.overtime_minutes += extra
                    self.overtime_cost += staff * extra / 60 * ot.cost_per_staff_hour
                    self.model.on_overtime(extra, staff)
                    self._in_overtime = True
                    yield env.timeout(extra)
                    self._in_overtime = False
            self.level = level
            self.scheduled = level + (self.extra_at(env.now) if self.plans else 0)
            self.apply()
