using Microsoft.AspNetCore.Http;
using Receptionist.Api;
using Receptionist.Api.Validation;

namespace Receptionist.Tests.Auth;

/// <summary>The validation helpers other endpoints call before touching a grain.</summary>
public sealed class RequestValidatorTests
{
    [Theory]
    [InlineData("+15551234567", true)]
    [InlineData("+442071838750", true)]
    [InlineData("+123456789012345", true)]
    [InlineData("+1234567890123456", false)]
    [InlineData("15551234567", false)]
    [InlineData("+05551234567", false)]
    [InlineData("+1 555 123 4567", false)]
    [InlineData("+1555123456a", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void E164_accepts_only_plus_and_up_to_15_digits(string? number, bool valid) => Assert.Equal(valid, E164.IsValid(number));

    [Fact]
    public void Each_failed_rule_is_reported_under_its_field_and_passing_rules_add_nothing()
    {
        var check = new RequestValidator()
            .Required("to", null).E164("to", null)
            .E164("from", "+15551234567")
            .Range("timeoutSeconds", 0, 1, 600)
            .AbsoluteHttpUrl("url", "ftp://example.com/x")
            .AbsoluteHttpUrl("statusCallback", "https://example.com/cb")
            .OneOf("status", "paused", "completed", "canceled")
            .MaxLength("body", "ok", 10)
            .Check(false, "mediaUrls", "At most 10 media URLs.");

        Assert.False(check.IsValid);
        Assert.Equal(["mediaUrls", "status", "timeoutSeconds", "to", "url"], check.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Required."], check.Errors["to"]);
    }

    [Fact]
    public void The_problem_is_a_400_with_the_projects_validation_type_or_null_when_valid()
    {
        Assert.Null(new RequestValidator().Required("to", "+15551234567").Problem());

        var problem = new RequestValidator().Required("to", " ").Problem();
        Assert.NotNull(problem);
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Equal(ApiProblems.Validation, problem.ProblemDetails.Type);
        Assert.Equal(["Required."], problem.ProblemDetails.Errors["to"]);
    }
}
