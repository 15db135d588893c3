using SignalWire.Emulator.State;

namespace SignalWire.Emulator.Api;

internal static class AccountEndpoints
{
    public const string AccountRoot = "/api/laml/2010-04-01/Accounts/{accountSid}";

    /// <summary>Maps the whole Compatibility surface under the project.</summary>
    public static void MapCompatibilityApi(this IEndpointRouteBuilder routes)
    {
        var account = routes.MapGroup(AccountRoot);
        account.MapGet("", (EmulatorState state) => WireJson.Json(Representations.Account(state.ProjectId))).WithName(EmulatorRoutes.AccountFetch);
        account.MapCalls();
        account.MapMessages();
        account.MapNumbers();
        account.MapRecordings();
    }
}
