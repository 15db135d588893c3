using Receptionist.Api.Auth;

namespace Receptionist.Tests.Auth;

/// <summary>Issue 3.2/3.3: every mapped route of the app is public by design or declares exactly one permission.</summary>
public sealed class RouteAuditTests(PlainSiloFixture plain, AuthSiloFixture withTestRoutes)
    : IClassFixture<PlainSiloFixture>, IClassFixture<AuthSiloFixture>
{
    [Fact]
    public void Every_route_of_the_app_is_public_by_design_or_declares_exactly_one_permission_and_takes_no_tenant()
    {
        var endpoints = RouteAudit.Endpoints(plain.Silo.Services);
        Assert.Contains(endpoints, e => e.Metadata.GetMetadata<RequiredPermission>()?.Permission == Permissions.SettingsWrite);
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/health/ready");

        Assert.Empty(RouteAudit.Violations(plain.Silo.Services));
    }

    [Fact]
    public void The_audit_catches_a_route_without_permission_and_an_anonymous_route_outside_the_public_prefixes()
    {
        var violations = RouteAudit.Violations(withTestRoutes.Silo.Services);

        Assert.Contains(violations, v => v.Contains(TestRoutes.Forgotten, StringComparison.Ordinal) && v.Contains("0 permissions", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains(TestRoutes.Webhook, StringComparison.Ordinal) && v.Contains("anonymous", StringComparison.Ordinal));
        Assert.Equal(2, violations.Count);
    }
}
