using Receptionist.Grains.CallFlow;

namespace Receptionist.Grains.Tenancy;

/// <summary>
/// Moves settings stored in an older shape to the current one, so an upgrade loses nothing. Today: business hours that
/// lived in the call flow become the tenant's (which the texts already used); where both were set, the tenant's win.
/// </summary>
public static class SettingsUpgrade
{
    public static void Forward(TenantState state)
    {
        state.Settings = Forward(state.Settings);
        for (var i = 0; i < state.CallFlowHistory.Count; i++)
        {
            if (state.CallFlowHistory[i].Flow.BusinessHours is not null)
            {
                state.CallFlowHistory[i] = state.CallFlowHistory[i] with { Flow = state.CallFlowHistory[i].Flow with { BusinessHours = null } };
            }
        }
    }

    public static TenantSettings Forward(TenantSettings settings) =>
        settings.CallFlow is { BusinessHours: { } hours } flow
            ? settings with { BusinessHours = settings.BusinessHours ?? hours, CallFlow = flow with { BusinessHours = null } }
            : settings;
}
