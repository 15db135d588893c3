using System.Diagnostics;

namespace Receptionist.Silo.Hosting;

/// <summary>
/// The clock Orleans' membership and watchdog read (keyed <c>TimeProviderNames.Membership</c>): the system clock, with
/// timestamps counted from this silo's start instead of the machine's boot.
/// Why: Orleans' <c>Watchdog.Start</c> starts its platform thread before it sets the component-check timestamp, so the
/// platform thread's first check measures "time since timestamp 0", i.e. the machine's uptime, and warns
/// "Participant check thread has not completed for &lt;uptime&gt;" at every start (and records a false stall in the
/// silo's health history). Counted from the silo's start, that unset timestamp reads as a few milliseconds. Every other
/// use of these timestamps is a difference between two of them, which an offset does not change.
/// </summary>
public sealed class MembershipClock : TimeProvider
{
    private readonly long origin = Stopwatch.GetTimestamp();

    public override long GetTimestamp() => Stopwatch.GetTimestamp() - origin;
}
