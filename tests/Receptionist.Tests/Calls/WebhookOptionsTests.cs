using Microsoft.Extensions.Options;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Calls;

public sealed class WebhookOptionsTests
{
    [Fact]
    public async Task A_missing_signing_key_with_validation_on_fails_start_up_with_one_clear_message()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestSilo.StartAsync(new Dictionary<string, string?>
        {
            ["SignalWire:SigningKey"] = "",
        }));
        Assert.Contains("SignalWire:SigningKey is required", Assert.Single(failure.Failures), StringComparison.Ordinal);
    }
}
