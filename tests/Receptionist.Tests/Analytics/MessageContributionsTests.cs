using Receptionist.Grains.Analytics;

namespace Receptionist.Tests.Analytics;

public sealed class MessageContributionsTests
{
    [Theory]
    [InlineData("outbound-api", "queued", null)]
    [InlineData("outbound-api", "sent", "sent")]
    [InlineData("outbound-api", "delivered", "sent delivered")]
    [InlineData("outbound-api", "undelivered", "sent failed")]
    [InlineData("outbound-reply", "failed", "failed")]
    [InlineData("inbound", "received", "received")]
    [InlineData("inbound", "receiving", null)]
    public void A_message_counts_by_its_direction_and_status(string direction, string status, string? expected)
    {
        var contribution = MessageContributions.Of("SM1", "t", 2, DateTimeOffset.UnixEpoch, "+15005550100", direction, status, -0.0075m, "usd");
        var c = contribution?.Counts;
        var described = c is null ? null : string.Join(' ', new[]
        {
            c.SmsSent > 0 ? "sent" : null, c.SmsDelivered > 0 ? "delivered" : null, c.SmsFailed > 0 ? "failed" : null, c.SmsReceived > 0 ? "received" : null,
        }.OfType<string>());
        Assert.Equal(expected, described);
        if (contribution is not null)
        {
            Assert.Equal((ContributionKind.Message, 0.0075m, "USD", 0L), (contribution.Kind, contribution.Cost, contribution.Currency, contribution.Counts.CallsTotal));
        }
    }
}
