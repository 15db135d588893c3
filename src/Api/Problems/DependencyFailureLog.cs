using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Receptionist.Api.Problems;

/// <summary>
/// Logs dependency failures as one line per kind per <see cref="Interval"/>: the first failure of an interval is
/// written with its message (no stack trace: the cause is outside this process), and the next interval's line says
/// how many more there were. An outage under load thus writes a handful of lines, not one per request.
/// </summary>
public sealed partial class DependencyFailureLog(TimeProvider clock, ILogger<DependencyFailureLog> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);

    public void Record(DependencyFailure failure, Exception exception)
    {
        var now = clock.GetUtcNow();
        var window = windows.GetOrAdd(failure.Kind, _ => new Window());
        long suppressed;
        lock (window)
        {
            if (window.Start is { } start && now - start < Interval)
            {
                window.Suppressed++;
                return;
            }

            suppressed = window.Suppressed;
            window.Start = now;
            window.Suppressed = 0;
        }

        LogFailure(logger, failure.Kind, Describe(exception), suppressed, (int)Interval.TotalSeconds);
    }

    private static string Describe(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        var message = $"{innermost.GetType().Name}: {innermost.Message}";
        return message.Length > 300 ? message[..300] : message;
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Dependency unavailable ({Kind}): {Cause}; answering 503. {Suppressed} more such failures in the previous interval; at most one line per {IntervalSeconds} s")]
    private static partial void LogFailure(ILogger logger, string kind, string cause, long suppressed, int intervalSeconds);

    private sealed class Window
    {
        public DateTimeOffset? Start { get; set; }

        public long Suppressed { get; set; }
    }
}
