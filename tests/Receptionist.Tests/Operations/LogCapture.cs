using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Receptionist.Tests.Operations;

/// <summary>Keeps every line a host logs (through its normal filters), with the structured values, for assertions.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> lines = new();

    public IReadOnlyCollection<LogLine> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    /// <summary>
    /// The lines that match, once there are at least <paramref name="count"/> of them or <paramref name="timeout"/> has
    /// passed: a request's log line is written after its response has gone out, so the client may see the response first.
    /// </summary>
    public async Task<List<LogLine>> WaitForAsync(Func<LogLine, bool> match, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = lines.Where(match).ToList();
            if (found.Count >= count || DateTime.UtcNow >= deadline)
            {
                return found;
            }

            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
    }

    public sealed record LogLine(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Values);

    private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value)
                : new Dictionary<string, object?>();
            lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception), values));
        }
    }
}
