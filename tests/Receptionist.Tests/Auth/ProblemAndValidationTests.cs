using Receptionist.Tests.Infrastructure;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Receptionist.Api;
using Receptionist.Api.Auth;

namespace Receptionist.Tests.Auth;

/// <summary>Issue 3.6: bodies are size-limited and validated before any grain is called; every error is problem+json.</summary>
public sealed class ProblemAndValidationTests(AuthSiloFixture silo) : IClassFixture<AuthSiloFixture>
{
    private static readonly string Token = AuthTokens.For("validating", Permissions.CallsCreate, Permissions.CallsRead, Permissions.SystemRead);

    [Fact]
    public async Task Invalid_fields_get_one_validation_problem_naming_each_field_and_nothing_is_stored()
    {
        var note = $"{TestRoutes.Notes}/{Guid.NewGuid():N}";
        using var response = await silo.Client.SendAsync(HttpMethod.Put, note, Token,
            JsonContent.Create(new { phone = "555-1234", text = new string('x', 21) }));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ApiProblems.Validation);
        var errors = problem.GetProperty("errors");
        Assert.Contains("E.164", errors.GetProperty("phone")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("20", errors.GetProperty("text")[0].GetString(), StringComparison.Ordinal);

        using var read = await silo.Client.SendAsync(HttpMethod.Get, note, Token);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Missing_required_fields_are_named()
    {
        using var response = await silo.Client.SendAsync(HttpMethod.Put, $"{TestRoutes.Notes}/n-missing", Token, JsonContent.Create(new { }));

        var errors = (await response.AssertProblemAsync(HttpStatusCode.BadRequest, ApiProblems.Validation)).GetProperty("errors");
        Assert.Equal("Required.", errors.GetProperty("phone")[0].GetString());
        Assert.Equal("Required.", errors.GetProperty("text")[0].GetString());
    }

    [Fact]
    public async Task A_valid_body_is_stored()
    {
        using var response = await silo.Client.SendAsync(HttpMethod.Put, $"{TestRoutes.Notes}/n-valid", Token,
            JsonContent.Create(new { phone = "+15551234567", text = "hello" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"phone\": \"+15551234567\", ")]
    [InlineData("not json at all")]
    [InlineData("{\"phone\": 15551234567, \"text\": \"x\"}")]
    public async Task Malformed_json_is_a_400_problem_not_a_500_or_an_empty_400(string body)
    {
        using var response = await silo.Client.SendAsync(HttpMethod.Put, $"{TestRoutes.Notes}/n-malformed", Token,
            new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ApiProblems.MalformedBody);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_body_is_a_400_problem()
    {
        using var response = await silo.Client.SendAsync(HttpMethod.Put, $"{TestRoutes.Notes}/n-empty", Token,
            new StringContent("", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ApiProblems.MalformedBody);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        using var response = await silo.Client.SendAsync(HttpMethod.Put, $"{TestRoutes.Notes}/n-text", Token,
            new StringContent("phone=+15551234567", Encoding.UTF8, "text/plain"));
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, ApiProblems.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_declared_oversize_body_is_refused_with_413_before_it_is_read()
    {
        var text = new string('x', AuthSiloFixture.MaxBodyBytes);
        using var response = await silo.Client.SendAsync(HttpMethod.Put, $"{TestRoutes.Notes}/n-big", Token,
            new StringContent($"{{\"phone\":\"+15551234567\",\"text\":\"{text}\"}}", Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, ApiProblems.PayloadTooLarge);
    }

    [Fact]
    public async Task A_chunked_oversize_body_is_cut_off_with_413()
    {
        var text = new string('x', AuthSiloFixture.MaxBodyBytes);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"phone\":\"+15551234567\",\"text\":\"{text}\"}}")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{TestRoutes.Notes}/n-chunked") { Content = content }.Authorized(Token);
        request.Headers.TransferEncodingChunked = true;

        using var response = await silo.Client.SendAsync(request);
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, ApiProblems.PayloadTooLarge);
    }

    [Fact]
    public async Task An_unexpected_exception_is_a_500_problem_without_message_or_stack_trace()
    {
        using var response = await silo.Client.SendAsync(HttpMethod.Get, TestRoutes.Boom, Token);

        var problem = await response.AssertProblemAsync(HttpStatusCode.InternalServerError, ApiProblems.Internal);
        var body = problem.GetRawText();
        Assert.DoesNotContain(TestRoutes.SecretInExceptionMessage, body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.True(problem.TryGetProperty("traceId", out _), body);
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem()
    {
        using var response = await silo.Client.SendAsync(HttpMethod.Delete, "/api/tenant/settings", Token);
        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, ApiProblems.MethodNotAllowed);
    }
}
