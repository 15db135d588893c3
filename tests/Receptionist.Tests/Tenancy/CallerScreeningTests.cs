using Receptionist.Grains.Tenancy;

namespace Receptionist.Tests.Tenancy;

/// <summary>The tenant's decision for an incoming caller, as a pure function of its screening settings.</summary>
public sealed class CallerScreeningTests
{
    private static readonly CallerScreening Screening = new()
    {
        Blocked = ["+15005550199", "+1900*", "+4420*"],
        AnonymousCallers = AnonymousCallers.Voicemail,
    };

    [Theory]
    [InlineData("+15005550199", "+15005550199")]
    [InlineData("+19005550123", "+1900*")]
    [InlineData("+442071234567", "+4420*")]
    public void A_blocked_number_or_one_under_a_blocked_prefix_is_rejected_naming_the_entry(string from, string entry) =>
        Assert.Equal(new CallerVerdict(CallerAdmission.Reject, CallerVerdictReason.Blocked, entry), Screening.Decide(from));

    [Theory]
    [InlineData("+150055501990")]
    [InlineData("+15005550198")]
    [InlineData("+1800900123")]
    [InlineData("+4421")]
    public void Numbers_that_only_look_like_an_entry_are_answered(string from) =>
        Assert.Equal(new CallerVerdict(CallerAdmission.Allow, CallerVerdictReason.Listed, null), Screening.Decide(from));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("anonymous")]
    [InlineData("Restricted")]
    [InlineData("sip:anonymous@example.com")]
    [InlineData("+266696687")]
    public void A_withheld_number_gets_what_the_tenant_chose(string? from)
    {
        Assert.Equal(new CallerVerdict(CallerAdmission.Voicemail, CallerVerdictReason.Withheld, null), Screening.Decide(from));
        Assert.Equal(CallerAdmission.Reject, (Screening with { AnonymousCallers = AnonymousCallers.Reject }).Decide(from).Admission);
        Assert.Equal(CallerAdmission.Allow, (Screening with { AnonymousCallers = AnonymousCallers.Allow }).Decide(from).Admission);
    }

    [Fact]
    public void A_named_sip_caller_is_not_withheld_and_the_defaults_let_everyone_in()
    {
        Assert.Equal(CallerAdmission.Allow, Screening.Decide("sip:alice@example.com").Admission);
        Assert.Equal(CallerVerdictReason.Listed, Screening.Decide("sip:alice@example.com").Reason);
        Assert.Equal(CallerAdmission.Allow, new TenantSettings().Screening.Decide("anonymous").Admission);
        Assert.Equal(CallerAdmission.Allow, new TenantSettings().Screening.Decide("+19005550123").Admission);
    }

    [Fact]
    public void Missed_call_text_back_is_off_by_default_and_never_repeats_within_its_window()
    {
        var textBack = new MissedCallTextBack { Enabled = true, RepeatWindowHours = 24 };
        var sent = new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

        Assert.False(new TenantSettings().MissedCallTextBack.Enabled);
        Assert.True(textBack.MaySendAgain(null, sent));
        Assert.False(textBack.MaySendAgain(sent, sent.AddHours(23).AddMinutes(59)));
        Assert.True(textBack.MaySendAgain(sent, sent.AddHours(24)));
    }

    [Fact]
    public void A_notice_is_played_only_when_on_and_worded()
    {
        var notices = new TenantSettings().Notices;
        Assert.Null(notices.Recording.ToPlay);
        Assert.Null(notices.AiDisclosure.ToPlay);
        Assert.Equal(CallNotices.DefaultRecordingMessage, (notices.Recording with { Enabled = true }).ToPlay);
    }
}
