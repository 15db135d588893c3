using Receptionist.Tests.Outbound;

namespace Receptionist.Tests.Reconciliation;

/// <summary>
/// The telephony fixture's emulator and two-silo PostgreSQL cluster, with a reconciliation sweep that runs every second
/// and asks about anything unsettled for two seconds, so a lost callback is reconciled within a test's patience.
/// </summary>
public sealed class ReconciliationFixture : TelephonyFixture
{
    protected override string ClusterName => "reconcile";

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Reconciliation:CallsAfter"] = "00:00:02";
        settings["Reconciliation:MessagesAfter"] = "00:00:02";
        settings["Reconciliation:Tick"] = "00:00:01";
    }
}
