using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Receptionist.Grains.Reconciliation;

public static class ReconciliationServiceCollectionExtensions
{
    /// <summary>
    /// The sweep of calls and messages that received no final status (<see cref="ReconcilerGrain"/>), started on every
    /// silo (<see cref="ReconcilerStartup"/>), when durable (it reads the PostgreSQL logs through an <c>NpgsqlDataSource</c>).
    /// Reminders may tick as often as
    /// <see cref="ReconciliationOptions.Tick"/> (Orleans' floor is otherwise a minute).
    /// </summary>
    public static IServiceCollection AddReconciliation(this IServiceCollection services, bool durable)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ReconciliationOptions>().BindConfiguration(ReconciliationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (!durable)
        {
            services.AddSingleton<IPendingReplies, UnreconciledReplies>();
            return services;
        }

        services.AddSingleton<IReconciliationStore, PostgresReconciliationStore>();
        services.AddSingleton<IPendingReplies>(sp => sp.GetRequiredService<IReconciliationStore>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ReconcilerStartup>();
        services.AddOptions<ReminderOptions>().PostConfigure<IOptions<ReconciliationOptions>>((reminders, reconciliation) =>
        {
            if (reconciliation.Value.Tick < reminders.MinimumReminderPeriod)
            {
                reminders.MinimumReminderPeriod = reconciliation.Value.Tick;
            }
        });
        return services;
    }
}
