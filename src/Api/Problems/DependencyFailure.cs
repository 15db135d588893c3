using System.Data.Common;
using Orleans.Runtime;
using Orleans.Serialization;

namespace Receptionist.Api.Problems;

/// <summary>
/// Which of our own dependencies failed a request, if any: the database, or the cluster (a silo that left, a message
/// that could not be delivered). Both are transient for the caller, who is told to come back later.
/// </summary>
public sealed record DependencyFailure(string Kind, int RetryAfterSeconds, string Detail)
{
    public static readonly DependencyFailure Database = new("database", 5, "The database is unavailable; nothing was changed. Retry later.");

    public static readonly DependencyFailure Cluster = new("cluster", 2, "A server of the cluster is unavailable; nothing was acknowledged. Retry later.");

    /// <summary>Looks through the exception and its causes; an exception from another silo may arrive as a fallback type naming the original.</summary>
    public static DependencyFailure? Of(Exception exception)
    {
        for (var depth = 0; exception is not null && depth < 16; depth++)
        {
            switch (exception)
            {
                case DbException:
                case UnavailableExceptionFallbackException fallback when IsDatabaseType(fallback.ExceptionType):
                    return Database;
                case OrleansMessageRejectionException or TimeoutException:
                    return Cluster;
                case AggregateException { InnerExceptions.Count: > 0 } aggregate:
                    exception = aggregate.InnerExceptions[0];
                    continue;
            }

            if (IsDatabaseType(exception.GetType().FullName))
            {
                return Database;
            }

            exception = exception.InnerException!;
        }

        return null;
    }

    private static bool IsDatabaseType(string? typeName) =>
        typeName is not null && (typeName.StartsWith("Npgsql.", StringComparison.Ordinal) || typeName.Contains("DbException", StringComparison.Ordinal));
}
