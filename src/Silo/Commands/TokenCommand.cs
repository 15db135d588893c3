using Receptionist.Api.Auth;
using Receptionist.Silo.Hosting;

namespace Receptionist.Silo.Commands;

/// <summary>
/// <c>token --tenant T (--permissions a,b | --role r) [--ttl 1h]</c>: prints a token signed with the configured
/// <c>Auth:JwtSecret</c>, for development and tests.
/// </summary>
public static class TokenCommand
{
    public static int Run(IReadOnlyList<string> args, IConfiguration configuration)
    {
        var auth = StartupOptions.Read<AuthOptions>(configuration, AuthOptions.SectionName);
        if (string.IsNullOrEmpty(auth.JwtSecret))
        {
            throw new StartupException("token needs Auth:JwtSecret (the HS256 secret the service validates tokens with).");
        }

        var tenant = Option(args, "--tenant") ?? throw new StartupException("token needs --tenant <tenant id>.");
        var permissions = (Option(args, "--permissions") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = permissions.Except(Permissions.All).ToArray();
        if (unknown.Length > 0)
        {
            throw new StartupException($"unknown permission(s): {string.Join(", ", unknown)}; known: {string.Join(", ", Permissions.All)}.");
        }

        var role = Option(args, "--role");
        if (role is not null && !Permissions.ByRole.ContainsKey(role))
        {
            throw new StartupException($"unknown role '{role}'; known: {string.Join(", ", Permissions.ByRole.Keys)}.");
        }

        if (permissions.Length == 0 && role is null)
        {
            throw new StartupException("token needs --permissions a,b or --role r (a token granting nothing opens no route).");
        }

        var ttl = ParseTtl(Option(args, "--ttl") ?? "1h");
        Console.WriteLine(DevTokenIssuer.Issue(auth.JwtSecret, tenant, permissions, role, ttl, auth.Issuer, auth.Audience));
        return 0;
    }

    private static string? Option(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        return null;
    }

    private static TimeSpan ParseTtl(string text)
    {
        var unit = text.Length > 0 ? text[^1] : ' ';
        if (text.Length < 2 || !double.TryParse(text[..^1], System.Globalization.CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            throw new StartupException($"--ttl '{text}' is not a duration like 30m, 1h or 7d.");
        }

        return unit switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => throw new StartupException($"--ttl '{text}' is not a duration like 30m, 1h or 7d."),
        };
    }
}
