using System.Net.Http.Headers;
using Receptionist.Api.Auth;

namespace Receptionist.Tests.Infrastructure;

public static class TestTokens
{
    public static string For(string tenantId, params string[] permissions) =>
        DevTokenIssuer.Issue(SiloProcess.JwtSecret, tenantId, permissions);

    public static HttpRequestMessage Authorized(this HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
