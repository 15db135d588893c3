using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Receptionist.Api;
using Receptionist.Api.Auth;
using Receptionist.Api.Validation;

namespace Receptionist.Tests.Auth;

/// <summary>Routes the auth tests map onto the real app, declared exactly as product routes are.</summary>
public static class TestRoutes
{
    public const string Notes = "/api/test/notes";
    public const string Boom = "/api/test/boom";
    public const string Forgotten = "/api/test/forgotten";
    public const string Webhook = "/api/test/webhook";
    public const string SecretInExceptionMessage = "connection string Password=hunter2";

    public sealed record NoteRequest(string? Phone, string? Text);

    public static void Map(WebApplication app)
    {
        var notes = app.MapGroup(Notes).WithTags("Test notes");
        notes.MapGet("/{noteId}", GetNoteAsync).RequirePermission(Permissions.CallsRead);
        notes.MapPut("/{noteId}", PutNoteAsync).RequirePermission(Permissions.CallsCreate);

        app.MapGet(Boom, string () => throw new InvalidOperationException(SecretInExceptionMessage)).RequirePermission(Permissions.SystemRead);

        // Declares neither a permission nor AllowAnonymous: the fallback policy must keep it closed.
        app.MapGet(Forgotten, () => "this should never be served");

        var webhooks = app.MapGroup(Webhook).AllowAnonymous();
        webhooks.MapPost("/", async (HttpRequest request) => TypedResults.Ok((await request.ReadFormAsync()).Count));
    }

    private static async Task<Results<Ok<TestNote>, ProblemHttpResult>> GetNoteAsync(string noteId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var note = await grains.GetGrain<ITestNoteGrain>($"test-note/{noteId}").Get();
        return note is not null && note.TenantId == user.GetTenantId() ? TypedResults.Ok(note) : NoteNotFound(noteId);
    }

    private static async Task<Results<Ok<TestNote>, ValidationProblem, ProblemHttpResult>> PutNoteAsync(
        string noteId, NoteRequest body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var check = new RequestValidator()
            .Required("phone", body.Phone).E164("phone", body.Phone)
            .Required("text", body.Text).MaxLength("text", body.Text, 20);
        if (check.Problem() is { } problem)
        {
            return problem;
        }

        var note = new TestNote(user.GetTenantId(), body.Phone!, body.Text!);
        return await grains.GetGrain<ITestNoteGrain>($"test-note/{noteId}").Put(note) ? TypedResults.Ok(note) : NoteNotFound(noteId);
    }

    private static ProblemHttpResult NoteNotFound(string noteId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: ApiProblems.NotFound, title: "Not found", detail: $"No note '{noteId}'.");
}
