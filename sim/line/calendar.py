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

from typing import TYPE_CHECKING, Any

from sim.line.steps import Steps
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
            self.env.process(ShiftChanges(self, shift_segments(model)))
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
        self.env.process(CrewChanges(self, start, end))


# -- the calendar's processes (SimPy process bodies as plain data, see sim.line.steps) --------
class CrewChanges(Steps):
    """A crew booked by ``plan_shift``: at its start and at its end the staffing changes.

    The generator it replaces: ``for t in (start, end): if t > now: yield env.timeout(t -
    now)``, then (unless in overtime) re-count the scheduled staff.
    """

    def __init__(self, staffing: Staffing, start: float, end: float) -> None:
        self.staffing = staffing
        self.times = (start, end)
        self.i = 0
        """Index of the next change in :attr:`times`."""

    def start(self, _: Any) -> Any:
        """Wait for the next change (none left: the process ends)."""
        if self.i == len(self.times):
            return self.done()
        env, t = self.staffing.env, self.times[self.i]
        if t > env.now:
            return self.wait(env.timeout(t - env.now), self.change)
        return self.change(None)

    def change(self, _: Any) -> Any:
        """The crew comes (or goes): re-count the scheduled staff, then the next change."""
        staffing = self.staffing
        if not staffing._in_overtime:
            staffing.scheduled = staffing.level + staffing.extra_at(staffing.env.now)
            staffing.apply()
        self.i += 1
        return self.start(None)


class ShiftChanges(Steps):
    """The weekly calendar: at each change point the scheduled staff change.

    At the day's last shift end (or the end of ``overtime.after``) overtime may extend the
    shift first.

    The generator it replaces walks ``for t, level in points``: ``yield env.timeout(t -
    now)`` up to the point, possibly ``yield env.timeout(extra)`` for overtime, then sets the
    new level.
    """

    def __init__(self, staffing: Staffing, points: list[tuple[float, int]]) -> None:
        self.staffing = staffing
        self.points = points
        self.i = 0
        """Index of the next change point."""
        self.ends: set[float] = set()
        """End times of the shift named by ``overtime.after`` (empty without it)."""

    def start(self, _: Any) -> Any:
        """Note the shift ends that may get overtime, then wait for the first change."""
        staffing = self.staffing
        after = staffing.calendar.overtime.after
        self.ends = shift_ends(staffing.model, after) if after is not None else set()
        return self.next_point()

    def next_point(self) -> Any:
        """Wait until the next change point (none left: the process ends)."""
        if self.i == len(self.points):
            return self.done()
        env, t = self.staffing.env, self.points[self.i][0]
        if t > env.now:
            return self.wait(env.timeout(t - env.now), self.change)
        return self.change(None)

    def change(self, _: Any) -> Any:
        """A change point: a closing shift may first run ``overtime_max`` minutes longer."""
        staffing = self.staffing
        env, model = staffing.env, staffing.model
        ot = staffing.calendar.overtime
        t, level = self.points[self.i]
        booked = staffing.extra_at(env.now) if staffing.plans else 0
        closing = (t in self.ends) if ot.after is not None else level + booked == 0
        if closing and staffing.scheduled > 0 and staffing.overtime_max > 0:
            staff = max(0, staffing.scheduled - staffing.absent)  # the day's last shift: all
            if ot.after is not None:  # the leavers of that shift, unless a crew replaces them
                before = staffing.level + sum(n for a, e, n in staffing.plans
                                              if a < env.now <= e)
                staff = max(0, min(before - (level + booked), before - staffing.absent))
            due = model.backlog_due_within(DAY)
            if (staff > 0 or ot.after is None) and due > ot.backlog_threshold:
                extra = staffing.overtime_max
                staffing.overtime_minutes += extra
                staffing.overtime_cost += staff * extra / 60 * ot.cost_per_staff_hour
                model.on_overtime(extra, staff)
                staffing._in_overtime = True
                return self.wait(env.timeout(extra), self.overtime_over)
        return self.set_level()

    def overtime_over(self, _: Any) -> Any:
        """The overtime has run out."""
        self.staffing._in_overtime = False
        return self.set_level()

    def set_level(self) -> Any:
        """The calendar's new staff level holds from now; then the next change point."""
        staffing = self.staffing
        level = self.points[self.i][1]
        staffing.level = level
        staffing.scheduled = level + (staffing.extra_at(staffing.env.now)
                                      if staffing.plans else 0)
        staffing.apply()
        self.i += 1
        return self.next_point()
