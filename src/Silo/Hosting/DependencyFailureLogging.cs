namespace Receptionist.Silo.Hosting;

public static class DependencyFailureLogging
{
    /// <summary>
    /// While the database is down, Orleans logs every failed grain activation two or three times with a full stack
    /// trace (storage provider, activation, lifecycle), and its placement retries log per attempt: an outage under
    /// load wrote thousands of entries a second. Each such failure reaches the request that caused it, where it is
    /// answered 503 and logged once per kind per interval (<c>DependencyFailureLog</c>), or, if it is not a dependency
    /// failure, as an unhandled error with its stack; so these per-activation copies are left out.
    /// </summary>
    public static ILoggingBuilder QuietPerActivationFailures(this ILoggingBuilder logging) => logging
        .AddFilter("Orleans.Storage", LogLevel.Critical)
        .AddFilter(typeof(Storage.GroupCommitGrainStorage).FullName, LogLevel.Critical) // Orleans logs its storage failures under the provider's type.
        .AddFilter("Orleans.Grain", LogLevel.Critical)
        .AddFilter("Orleans.Runtime.Scheduler.WorkItemGroup", LogLevel.Error)
        .AddFilter("Polly", LogLevel.Warning);
}
